import { booleanPointInPolygon, point, polygon } from '@turf/turf'
import { sql } from 'drizzle-orm'
import type { Feature, Point, Polygon, Position } from 'geojson'
import { beforeAll, describe, expect, it } from 'vitest'
import { getJson } from '../../helpers/app.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'

const WINDOW = 'from=2023-01-01&to=2024-01-01'
const WEIGHT: Record<string, number> = { low: 1, moderate: 2, high: 4, critical: 8 }

type Hexagon = Feature<Polygon, Record<string, number>>
type Incident = Feature<Point, { severity: string }>

/** Web Mercator, the plane the hexagons are cut on and the map draws them on (straight edges there). */
function mercator([lon = 0, lat = 0]: Position): Position {
  const r = 6378137
  return [(r * lon * Math.PI) / 180, r * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))]
}
const contains = (hexagon: Hexagon, incident: Incident) =>
  booleanPointInPolygon(
    point(mercator(incident.geometry.coordinates)),
    polygon(hexagon.geometry.coordinates.map((ring) => ring.map(mercator))),
  )

/**
 * 5 × 5 cells of PostGIS's own grid (ST_Hexagon) around a place, each given 13 incidents of one severity:
 * its centre and points just inside its 6 corners (where 3 cells meet) and 6 edge midpoints. Around 0°, 0°
 * the columns and rows run negative; at 64° N Mercator stretches cells to twice their ground size.
 */
const PLACES = [
  { cell: 10, lon: 0, lat: 0, month: '1990-01' },
  { cell: 100, lon: 12.5, lat: 34, month: '1990-02' },
  { cell: 37, lon: -20, lat: 64, month: '1990-03' },
]
const INSET = 0.98 // of the way from the centre: 100 m or more from any edge, far beyond GeoJSON's 5 decimals

describe.each(engines)('GET /api/layers/hotspots on %s', (engine) => {
  const database = useTestDatabase(engine)
  const get = (path: string) => getJson(database.current, path)

  beforeAll(async () => {
    await database.current.rows(sql`
      INSERT INTO sources (id, name, publisher, licence, modelled) VALUES ('test-hotspots', 'Test hotspots', 'Tests', 'none', false)`)
    for (const { cell, lon, lat, month } of PLACES) {
      const side = (cell * 1000) / Math.sqrt(3)
      await database.current.rows(sql`
        INSERT INTO incidents (location, occurred_at, type, severity, verification, description, source_id)
        SELECT ST_Transform(ST_SetSRID(ST_MakePoint(ST_X(c) + ${INSET}::float8 * (qx - ST_X(c)), ST_Y(c) + ${INSET}::float8 * (qy - ST_Y(c))), 3857), 4326),
               ${`${month}-15T12:00:00Z`}::timestamptz, 'shipwreck',
               (ARRAY['low', 'moderate', 'high', 'critical'])[1 + ((i + 2 * j) % 4 + 4) % 4]::severity, 'verified',
               'test: a hotspot incident', 'test-hotspots'
        FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326), 3857) AS o) AS place,
             generate_series(floor(ST_X(o) / (1.5 * ${side}::float8))::int - 2, floor(ST_X(o) / (1.5 * ${side}::float8))::int + 2) AS i,
             generate_series(floor(ST_Y(o) / (sqrt(3) * ${side}::float8))::int - 2, floor(ST_Y(o) / (sqrt(3) * ${side}::float8))::int + 2) AS j,
             LATERAL (SELECT ST_ExteriorRing(ST_Hexagon(${side}::float8, i, j, ST_SetSRID(ST_MakePoint(0, 0), 3857))) AS ring) AS h,
             LATERAL (SELECT ST_Centroid(ST_MakePolygon(ring)) AS c) AS centre,
             generate_series(0, 12) AS n,
             LATERAL (SELECT CASE WHEN n = 0 THEN ST_X(c) WHEN n <= 6 THEN ST_X(ST_PointN(ring, n))
                                  ELSE (ST_X(ST_PointN(ring, n - 6)) + ST_X(ST_PointN(ring, n - 5))) / 2 END AS qx,
                             CASE WHEN n = 0 THEN ST_Y(c) WHEN n <= 6 THEN ST_Y(ST_PointN(ring, n))
                                  ELSE (ST_Y(ST_PointN(ring, n - 6)) + ST_Y(ST_PointN(ring, n - 5))) / 2 END AS qy) AS q`)
    }
  })

  it.each(PLACES)(
    'puts each incident in exactly the one hexagon containing it ($cell km at $lon, $lat)',
    async ({ cell, month }) => {
      const window = `from=${month}-01&to=${month}-28`
      const hexagons: Hexagon[] = (await get(`/api/layers/hotspots?${window}&cell=${cell}`)).body.features
      const incidents: Incident[] = (await get(`/api/layers/incidents?${window}`)).body.features
      expect(incidents).toHaveLength(25 * 13)
      // Every cell whole: a point given to a neighbour would leave one short and another over (or a 26th).
      expect(hexagons.map((h) => h.properties.incidents)).toEqual(Array(25).fill(13))
      for (const hexagon of hexagons) {
        const inside = incidents.filter((incident) => contains(hexagon, incident))
        expect(inside).toHaveLength(13)
        expect(new Set(inside.map((i) => i.properties.severity)).size).toBe(1)
        const severity = inside[0]?.properties.severity ?? ''
        expect(hexagon.properties).toMatchObject({
          score: 13 * (WEIGHT[severity] ?? 0),
          bySeverity: { [severity]: 13 },
        })
      }
      expect(hexagons.map((h) => h.properties.rank)).toEqual(hexagons.map((_, i) => i + 1))
    },
  )

  it('scores the real incidents of a year by severity, each in the hexagon containing it', async () => {
    const hexagons: Hexagon[] = (await get(`/api/layers/hotspots?${WINDOW}&cell=100`)).body.features
    const incidents: Incident[] = (await get(`/api/layers/incidents?${WINDOW}`)).body.features
    expect(incidents.length).toBeGreaterThan(100)
    expect(hexagons.reduce((n, h) => n + (h.properties.incidents ?? 0), 0)).toBe(incidents.length)
    const scores = new Map<Hexagon, number>()
    for (const incident of incidents) {
      const inside = hexagons.filter((h) => contains(h, incident))
      expect(inside).toHaveLength(1)
      const home = inside[0] as Hexagon
      scores.set(home, (scores.get(home) ?? 0) + (WEIGHT[incident.properties.severity] ?? 0))
    }
    for (const [hexagon, score] of scores) expect(hexagon.properties.score).toBe(score)
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
