// The hotspots layer, first method: severity-weighted incident density on a hexagon grid. Each incident
// in the window adds its severity's weight to the hexagon it falls in; hexagons are ranked by score.
import { createRoute, z } from '@hono/zod-openapi'
import { type SQL, sql } from 'drizzle-orm'
import type { Database } from '../../db/client.ts'
import { OPEN_VERIFICATIONS, SEVERITIES, type Severity } from '../../db/vocabulary.ts'
import { respondWithCollection } from '../http/export.ts'
import { apiApp, SIGNED_IN } from '../http/openapi.ts'
import { windowQuery } from '../http/query.ts'
import { oneOf, visibleIncidents } from './filters.ts'
import { featureCollection, featureCollectionResponses, polygonSchema } from './responses.ts'
import { resolveWindow, type Window } from './window.ts'

/** Severity weights: each step doubles, so one critical incident outweighs several low ones. */
const SEVERITY_WEIGHTS = { low: 1, moderate: 2, high: 4, critical: 8 } as const satisfies Record<
  Severity,
  number
>

const METHOD =
  'severity-weighted incident density: each incident in the window adds its severity weight (low 1, moderate 2, high 4, critical 8) to the hexagon (Web Mercator, cell = distance between opposite edges at the equator) it falls in'

/** EPSG:3857's sphere, and the latitude where its square world ends. */
const EARTH_RADIUS_M = 6378137
const MERCATOR_MAX_LAT = 85.0511287798066

/** @default 50 km between opposite edges; 10 to 500. */
const DEFAULT_CELL_KM = 50
/** The window when none is given: hotspots build over weeks, not hours. @default 90 days */
const DEFAULT_DAYS = 90

const people = z.number().int()

export const hotspotProperties = z.object({
  score: z.number().int(),
  incidents: people,
  dead: people,
  missing: people,
  bySeverity: z
    .record(z.enum(SEVERITIES), z.number().int())
    .openapi({ description: 'incidents per severity' }),
  rank: z.number().int().openapi({ description: '1 for the highest-scoring hexagon' }),
  cellKm: z.number(),
  from: z.string().openapi({ format: 'date-time' }),
  to: z.string().openapi({ format: 'date-time' }),
  method: z.string(),
})
export type HotspotProperties = z.infer<typeof hotspotProperties>

export const hotspotCollection = featureCollection('Hotspot', {
  geometry: polygonSchema,
  id: z.number().int().openapi({ description: 'the rank' }),
  properties: hotspotProperties,
})
export type HotspotFeatureCollection = z.infer<typeof hotspotCollection>
export type HotspotFeature = HotspotFeatureCollection['features'][number]

const query = windowQuery({
  cell: z.coerce
    .number()
    .min(10, 'at least 10 km')
    .max(500, 'at most 500 km')
    .optional()
    .openapi({ description: `hexagon size in km between opposite edges (default ${DEFAULT_CELL_KM})` }),
})
export type HotspotsQuery = Omit<z.output<typeof query>, 'format'>

type Row = Pick<HotspotProperties, 'score' | 'incidents' | 'dead' | 'missing'> &
  Record<Severity, number> & { geometry: HotspotFeature['geometry'] }

/** The window of the layer: the one asked for, else the last 90 days. */
export function hotspotsWindow(query: Pick<HotspotsQuery, 'from' | 'to'>, now = new Date()): Window {
  const from = query.from ?? (query.to ? undefined : new Date(now.getTime() - DEFAULT_DAYS * 86400_000))
  return resolveWindow(from, query.to, now)
}

/**
 * The SQL of the layer: the open incidents of the window, each in the one hexagon that contains it
 * (PostGIS's ST_Hexagon grid: flat-topped, odd columns raised half a row), found by arithmetic in one
 * pass. The centres of that grid are two rectangular lattices, the even columns and the odd ones offset
 * half a step both ways; rounding finds the nearest centre of each, and the nearer of those two is the
 * nearest of all, whose hexagon holds the point. Only occupied cells are built, so the cost follows the
 * incidents, not the area.
 */
export function hotspotsQuery(window: Window, filter: Pick<HotspotsQuery, 'bbox' | 'cell'> = {}): SQL {
  const cellKm = filter.cell ?? DEFAULT_CELL_KM
  const where: SQL[] = [
    sql`i.occurred_at >= ${window.from.toISOString()}::timestamptz`,
    sql`i.occurred_at < ${window.to.toISOString()}::timestamptz`,
    oneOf(sql`i.verification`, OPEN_VERIFICATIONS),
  ]
  const height = cellKm * 1000 // between opposite (flat) edges
  const side = height / Math.sqrt(3)
  const weight = (severity: Severity) => sql`${sql.raw(severity)} * ${SEVERITY_WEIGHTS[severity]}::int`
  // u, v: Web Mercator metres (EPSG:3857's sphere, by its formula: a third of the time of ST_Transform, and
  // defined at the poles, clamped to its ±85.05°) in lattice steps: 3 sides across, one height up. From
  // the even lattice's nearest centre (du, dv), the odd one's is (½ − |du|, ½ − |dv|) away, and comparing
  // 3 du² + dv² for both leaves 3 |du| + |dv| ≤ 1: the slanted edges of the hexagon. OFFSET 0 keeps the
  // projection a column, computed once, where inlined it would be recomputed at each use.
  return sql`
    WITH points AS (
      SELECT i.severity, i.dead, i.missing, radians(ST_X(i.location)) * ${EARTH_RADIUS_M / (3 * side)}::float8 AS u,
             ln(tan(pi() / 4 + radians(greatest(${-MERCATOR_MAX_LAT}::float8, least(${MERCATOR_MAX_LAT}::float8, ST_Y(i.location)))) / 2))
               * ${EARTH_RADIUS_M / height}::float8 AS v
      FROM ${visibleIncidents(filter.bbox)} i
      WHERE ${sql.join(where, sql` AND `)}
      OFFSET 0
    ),
    cells AS (
      SELECT ci, cj, count(*)::int AS incidents, coalesce(sum(dead), 0)::int AS dead, coalesce(sum(missing), 0)::int AS missing,
             count(*) FILTER (WHERE severity = 'low')::int AS low,
             count(*) FILTER (WHERE severity = 'moderate')::int AS moderate,
             count(*) FILTER (WHERE severity = 'high')::int AS high,
             count(*) FILTER (WHERE severity = 'critical')::int AS critical
      FROM points,
           LATERAL (SELECT 3 * abs(u - round(u)) + abs(v - round(v)) <= 1 AS even) AS e,
           LATERAL (SELECT CASE WHEN even THEN 2 * round(u) ELSE 2 * round(u - 0.5) + 1 END::int AS ci,
                           CASE WHEN even THEN round(v) ELSE round(v - 0.5) END::int AS cj) AS c
      GROUP BY ci, cj
    )
    SELECT (${sql.join(SEVERITIES.map(weight), sql` + `)})::int AS score, incidents, dead, missing, low, moderate, high, critical,
           ST_AsGeoJSON(ST_Transform(ST_Hexagon(${side}::float8, ci, cj, ST_SetSRID(ST_MakePoint(0, 0), 3857)), 4326), 5)::json AS geometry
    FROM cells
    ORDER BY score DESC, incidents DESC, ci, cj`
}

async function listHotspots(
  database: Database,
  query: HotspotsQuery,
  now = new Date(),
): Promise<HotspotFeatureCollection> {
  const cellKm = query.cell ?? DEFAULT_CELL_KM
  const window = hotspotsWindow(query, now)
  const rows = await database.rows<Row>(hotspotsQuery(window, query))
  return {
    type: 'FeatureCollection',
    features: rows.map((r, i) => ({
      type: 'Feature',
      id: i + 1,
      geometry: r.geometry,
      properties: {
        score: r.score,
        incidents: r.incidents,
        dead: r.dead,
        missing: r.missing,
        bySeverity: { low: r.low, moderate: r.moderate, high: r.high, critical: r.critical },
        rank: i + 1,
        cellKm,
        from: window.from.toISOString(),
        to: window.to.toISOString(),
        method: METHOD,
      },
    })),
  }
}

const route = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listHotspots',
  summary: 'Hotspots: severity-weighted incident density on a hexagon grid',
  description: `${METHOD}. Rejected and duplicate reports are left out. Without from/to the window is the last ${DEFAULT_DAYS} days.`,
  tags: ['layers'],
  security: SIGNED_IN,
  request: { query },
  responses: featureCollectionResponses(
    hotspotCollection,
    'hexagons with at least one incident, highest score first',
  ),
})

export function hotspotsRoutes(database: Database) {
  return apiApp().openapi(route, async (c) => {
    const { format = 'geojson', ...query } = c.req.valid('query')
    return respondWithCollection(c, await listHotspots(database, query), 'hotspots', format)
  })
}
