// The flows layer: origin→destination arcs between consecutive counted stages of the corridors
// (posts, flow points and hubs), with the volume counted at both ends. The same pair on two corridors
// is one arc.
import { createRoute } from '@hono/zod-openapi'
import { type SQL, sql } from 'drizzle-orm'
import type { FeatureCollection, LineString } from 'geojson'
import type { Database } from '../../db/client.ts'
import { respondWithCollection } from '../http/export.ts'
import { apiApp } from '../http/openapi.ts'
import type { Bbox } from '../http/params.ts'
import { windowQuery } from '../http/query.ts'
import { sites, siteTotals } from './crossing-totals.ts'
import { inBbox, whereAll } from './filters.ts'
import { featureCollectionResponses } from './responses.ts'
import { datasetsOf, type SourceSummary } from './sources.ts'
import { resolveWindow, trend } from './window.ts'

export const METHOD =
  'arcs join consecutive counted stages (posts, flow points, hubs) of each corridor, in the corridor’s direction; volume is the mean of the people counted (in + out) at the two ends in the window'

export interface FlowProperties {
  origin: string
  originName: string
  destination: string
  destinationName: string
  /** The corridors this arc belongs to. */
  corridors: string[]
  volume: number
  volumeBefore: number
  trend: number | null
  from: string
  to: string
  method: string
  modelled: boolean
  datasets: SourceSummary[]
}

type Row = {
  origin: string
  originName: string
  destination: string
  destinationName: string
  corridors: string[]
  volume: number
  volumeBefore: number
  sources: string[] | null
  geometry: LineString
}

export async function listFlows(
  database: Database,
  query: { bbox?: Bbox | undefined; from?: Date | undefined; to?: Date | undefined },
  now = new Date(),
) {
  const window = resolveWindow(query.from, query.to, now)
  const where: SQL[] = []
  const { bbox } = query
  if (bbox) where.push(inBbox(sql`ST_MakeLine(o.location, d.location)`, bbox))
  const rows = await database.rows<Row>(sql`
    WITH totals AS (${siteTotals(window)}), s AS (${sites}),
    counted AS (
      SELECT st.corridor_id, st.seq, coalesce(st.post_id, st.flow_point_id) AS site
      FROM corridor_stages st JOIN totals t ON t.site = coalesce(st.post_id, st.flow_point_id)
    ),
    pairs AS (
      SELECT corridor_id, site AS origin, lead(site) OVER (PARTITION BY corridor_id ORDER BY seq) AS destination
      FROM counted
    ),
    arcs AS (
      SELECT origin, destination, array_agg(DISTINCT corridor_id ORDER BY corridor_id) AS corridors
      FROM pairs WHERE destination IS NOT NULL AND destination <> origin GROUP BY origin, destination
    )
    SELECT a.origin, o.name AS "originName", a.destination, d.name AS "destinationName", a.corridors,
           round((ot.in_now + ot.out_now + dt.in_now + dt.out_now) / 2.0)::int AS volume,
           round((ot.total_before + dt.total_before) / 2.0)::int AS "volumeBefore",
           ARRAY(SELECT DISTINCT unnest(ot.sources || dt.sources)) AS sources,
           ST_AsGeoJSON(ST_MakeLine(o.location, d.location), 6)::json AS geometry
    FROM arcs a
      JOIN s o ON o.id = a.origin JOIN s d ON d.id = a.destination
      JOIN totals ot ON ot.site = a.origin JOIN totals dt ON dt.site = a.destination
    ${whereAll(where)}
    ORDER BY volume DESC, a.origin, a.destination`)
  const datasets = await datasetsOf(
    database,
    rows.flatMap((r) => r.sources ?? []),
  )
  const collection: FeatureCollection<LineString, FlowProperties> = {
    type: 'FeatureCollection',
    features: rows.map((r) => {
      const own = (r.sources ?? []).map((id) => datasets.get(id)).filter((d) => d !== undefined)
      return {
        type: 'Feature',
        id: `${r.origin}>${r.destination}`,
        geometry: r.geometry,
        properties: {
          origin: r.origin,
          originName: r.originName,
          destination: r.destination,
          destinationName: r.destinationName,
          corridors: r.corridors,
          volume: r.volume,
          volumeBefore: r.volumeBefore,
          trend: trend(r.volume, r.volumeBefore),
          from: window.from.toISOString(),
          to: window.to.toISOString(),
          method: METHOD,
          modelled: own.some((d) => d.modelled),
          datasets: own,
        },
      }
    }),
  }
  return collection
}

const route = createRoute({
  method: 'get',
  path: '/',
  summary: 'Flows: origin→destination arcs between the counted stages of the corridors, with volume',
  description: `${METHOD}. Without from/to the window is the 7 days ending at the next whole hour.`,
  tags: ['layers'],
  request: { query: windowQuery({}) },
  responses: featureCollectionResponses('arcs as two-point LineStrings (origin first), largest first'),
})

export function flowsRoutes(database: Database) {
  return apiApp().openapi(route, async (c) => {
    const { format = 'geojson', ...query } = c.req.valid('query')
    return respondWithCollection(c, await listFlows(database, query), 'flows', format) as never
  })
}
