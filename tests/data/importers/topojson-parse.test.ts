import { describe, expect, it } from 'vitest'
import { parseTopoJson } from '../../../data/importers/topojson.ts'
import { COUNTRIES, shape, topology } from '../../helpers/importers/topojson.ts'

describe('parseTopoJson', () => {
  it('decodes the shapes of countries; a name’s further shapes get -2, -3…; no code is null', () => {
    const rows = parseTopoJson(COUNTRIES).map((p) => ('row' in p ? p.row : p))
    expect(rows).toMatchObject([
      { id: 'testland', name: 'Testland', iso2: 'ZZ', iso3: 'ZZZ', dataCountry: 'Testland' },
      { id: 'testland-2', dataCountry: 'Testland Isles', path: 'objects.countries.geometries[1]' },
      { id: 'kashmir-test-administered', iso2: null, iso3: null },
    ])
    expect(rows[0]).toMatchObject({
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [0, 0],
              [1, 0],
              [1, 1],
              [0, 1],
              [0, 0],
            ],
          ],
        ],
      },
    })
  })

  it.each([
    [shape([[9]], { english: 'Broken' }), '[0].arcs', 'cannot be decoded'],
    [shape([[0]], { english: '' }), '[0].properties.english', 'is empty'],
    [
      shape([[0]], { english: 'X', iso2c: 'Zz' }),
      '[0].properties.iso2c',
      '"Zz": expected an ISO alpha-2 code',
    ],
    [
      { type: 'LineString', arcs: [2], properties: { english: 'X' } },
      '[0].type',
      'LineString: expected a Polygon',
    ],
    [{ type: null, properties: { english: 'X' } }, '[0].type', 'no geometry (null)'],
  ])('names a bad geometry by its path: %j', (geometry, path, reason) => {
    const [parsed] = parseTopoJson(topology([geometry]))
    const error = parsed && 'errors' in parsed ? parsed.errors[0] : undefined
    expect(error?.column).toBe(`objects.countries.geometries${path}`)
    expect(error?.reason).toContain(reason)
  })

  it('reads the disputed overlays as lines; refuses objects it does not know, and what is not TopoJSON', () => {
    const lines = parseTopoJson(
      topology(
        [{ type: 'LineString', arcs: [2], properties: { territory: 'Abyei' } }],
        'disputed_dotted_white',
      ),
    )
    expect(lines).toMatchObject([
      {
        row: {
          id: 'disputed_dotted_white-0',
          style: 'white',
          name: 'Abyei',
          geometry: {
            type: 'MultiLineString',
            coordinates: [
              [
                [2, 0],
                [2, 2],
              ],
            ],
          },
        },
      },
    ])
    expect(parseTopoJson(topology([], 'land'))).toMatchObject([{ errors: [{ column: 'objects.land' }] }])
    expect(parseTopoJson('{"type":"FeatureCollection"}')).toMatchObject([{ errors: [{ column: 'type' }] }])
    expect(parseTopoJson('{')).toMatchObject([{ errors: [{ column: 'row' }] }])
  })
})
