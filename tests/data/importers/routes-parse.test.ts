import { describe, expect, it } from 'vitest'
import { parseRoutes } from '../../../data/importers/routes.ts'
import { file } from '../../helpers/importers/routes.ts'

describe('parseRoutes', () => {
  it('turns [lat, lon] into [lon, lat], and names the hubs a line passes through as its stages', () => {
    const parsed = parseRoutes(file())
    const rows = parsed.map((p) => ('row' in p ? p.row : p))
    expect(rows[0]).toEqual({ table: 'point', path: 'HUBS[0]', name: 'Agadez', lon: 7.9883, lat: 16.974 })
    expect(rows[3]).toMatchObject({
      table: 'line',
      path: 'ROUTE_LINES[0]',
      route: 'Central Mediterranean',
      major: true,
      coordinates: [
        [7.9883, 16.974],
        [9, 18.5],
        [10, 20],
      ],
      stages: [
        { name: 'Agadez', lon: 7.9883, lat: 16.974 },
        { name: 'Testhub', lon: 10, lat: 20 },
      ],
    })
    expect(parsed.map((p) => p.line)).toEqual([6, 14, 22, 33, 51])
  })

  it.each([
    [{ hubs: [{ name: 'X', latlng: [95, 10] }] }, 'HUBS[0].latlng', '[95, 10]: latitude must be within ±90'],
    [{ hubs: [{ name: '', latlng: [1, 1] }] }, 'HUBS[0].name', 'is empty'],
    [{ lines: [{ route: 'R', coords: [[1, 1]] }] }, 'ROUTE_LINES[0].coords', 'expected at least two'],
    [
      { lines: [{ route: 'R', coords: [[1, 1], [2]] }] },
      'ROUTE_LINES[0].coords[1]',
      'expected [latitude, longitude]',
    ],
  ])('names a bad record by its path: %j', (over, column, reason) => {
    const error = parseRoutes(file(over)).flatMap((p) => ('errors' in p ? p.errors : []))[0]
    expect(error?.column).toBe(column)
    expect(error?.reason).toContain(reason)
  })

  it('refuses a file that is not routes.json as a whole', () => {
    expect(parseRoutes('{"type":"FeatureCollection"}')).toMatchObject([
      { errors: [{ column: 'ROUTE_LINES' }] },
    ])
  })
})
