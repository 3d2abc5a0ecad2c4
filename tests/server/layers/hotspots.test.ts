import { booleanPointInPolygon } from '@turf/turf'
import type { Feature, Point, Polygon } from 'geojson'
import { describe, expect, it } from 'vitest'
import { getJson } from '../../helpers/app.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'

const WINDOW = 'from=2023-01-01&to=2024-01-01'

describe.each(engines)('GET /api/layers/hotspots on %s', (engine) => {
  const database = useTestDatabase(engine)
  const get = (path: string) => getJson(database.current, path)

  it('puts every incident of the window in the one hexagon that contains it, scored by severity', async () => {
    const hexagons: Feature<Polygon, Record<string, number>>[] = (
      await get(`/api/layers/hotspots?${WINDOW}&cell=100`)
    ).body.features
    const incidents: Feature<Point, { severity: string }>[] = (await get(`/api/layers/incidents?${WINDOW}`))
      .body.features
    expect(incidents.length).toBeGreaterThan(100)
    expect(hexagons.reduce((n, h) => n + (h.properties.incidents ?? 0), 0)).toBe(incidents.length)
    const weight = { low: 1, moderate: 2, high: 4, critical: 8 } as Record<string, number>
    const scores = new Map<Feature<Polygon>, number>()
    for (const incident of incidents) {
      const inside = hexagons.filter((h) => booleanPointInPolygon(incident, h))
      expect(inside.length).toBeGreaterThanOrEqual(1) // 2 only on a shared edge
      const home = inside[0] as Feature<Polygon>
      scores.set(home, (scores.get(home) ?? 0) + (weight[incident.properties.severity] ?? 0))
    }
    for (const [hexagon, score] of scores) expect(hexagon.properties?.score).toBe(score)
    const ranked = hexagons.map((h) => h.properties.score ?? 0)
    expect(ranked).toEqual([...ranked].sort((a, b) => b - a))
    expect(hexagons[0]?.properties).toMatchObject({ rank: 1, cellKm: 100 })
  })

  it('says which method it uses', async () => {
    const { body } = await get(`/api/layers/hotspots?${WINDOW}`)
    expect(body.features[0].properties.method).toMatch(/severity-weighted incident density/)
  })

  it.each([
    ['cell=5', 'cell'],
    ['cell=big', 'cell'],
    ['from=2023-02-01&to=2023-01-01', 'to'],
  ])('answers %s with 400 naming %s', async (query, name) => {
    const { response, body } = await get(`/api/layers/hotspots?${query}`)
    expect(response.status).toBe(400)
    expect(body['invalid-params'][0].name).toBe(name)
  })
})
