// The flows layer: origin→destination arcs between consecutive counted stages of the corridors
// (posts, flow points and hubs), with the volume counted at both ends. The same pair on two corridors
// is one arc.
import { createRoute, z } from '@hono/zod-openapi'
import { type SQL, sql } from 'drizzle-orm'
import type { Database } from '../../db/client.ts'
import { respondWithCollection } from '../http/export.ts'
import { apiApp, SIGNED_IN } from '../http/openapi.ts'
import { type LayerOptions, MAX_FEATURES } from '../http/paging.ts'
import { windowQuery } from '../http/query.ts'
import { sites, siteTotals } from './crossing-totals.ts'
import { datasetSchema } from './dataset.ts'
import { inBbox, whereAll } from './filters.ts'
import { featureCollection, featureCollectionResponses, lineStringSchema } from './responses.ts'
import { withDatasets } from './sources.ts'
import { resolveWindow, trend, type Window } from './window.ts'

const METHOD =
  'arcs join consecutive counted stages (posts, flow points, hubs) of each corridor, in the corridor’s direction; volume is the mean of the people counted (in + out) at the two ends in the window'

export const flowProperties = z.object({
  origin: z.string(),
  originName: z.string(),
  destination: z.string(),
  destinationName: z.string(),
  corridors: z.array(z.string()).openapi({ description: 'the corridors this arc belongs to' }),
  volume: z.number().int(),
  volumeBefore: z.number().int(),
  trend: z.number().nullable(),
  from: z.string().openapi({ format: 'date-time' }),
  to: z.string().openapi({ format: 'date-time' }),
  method: z.string(),
  modelled: z.boolean(),
  datasets: z.array(datasetSchema),
})
export type FlowProperties = z.infer<typeof flowProperties>

export const flowCollection = featureCollection('Flow', {
  geometry: lineStringSchema,
  id: z.string().openapi({ description: 'origin>destination' }),
  properties: flowProperties,
})
export type FlowFeatureCollection = z.infer<typeof flowCollection>
export type FlowFeature = FlowFeatureCollection['features'][number]

const query = windowQuery({})
export type FlowsQuery = Omit<z.output<typeof query>, 'format'>

type Row = Pick<
  FlowProperties,
  'origin' | 'originName' | 'destination' | 'destinationName' | 'corridors' | 'volume' | 'volumeBefore'
> & { sources: string[] | null; geometry: FlowFeature['geometry'] }

/** The SQL of the layer: one arc per pair of consecutive counted stages, largest first. */
export function flowsQuery(window: Window, filter: Omit<FlowsQuery, 'from' | 'to'> = {}): SQL {
  const where: SQL[] = []
  if (filter.bbox) where.push(inBbox(sql`ST_MakeLine(o.location, d.location)`, filter.bbox))
  return sql`
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
    ORDER BY volume DESC, a.origin, a.destination`
}

async function listFlows(
  database: Database,
  query: FlowsQuery,
  max: number,
  now = new Date(),
): Promise<FlowFeatureCollection> {
  const window = resolveWindow(query.from, query.to, now)
  const rows = await database.rows<Row>(sql`${flowsQuery(window, query)} LIMIT ${max + 1}::int`)
  return {
    type: 'FeatureCollection',
    features: (await withDatasets(database, rows)).map(([r, own]) => {
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
}

const route = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listFlows',
  summary: 'Flows: origin→destination arcs between the counted stages of the corridors, with volume',
  description: `${METHOD}. Without from/to the window is the 7 days ending at the next whole hour.`,
  tags: ['layers'],
  security: SIGNED_IN,
  request: { query },
  responses: featureCollectionResponses(
    flowCollection,
    'arcs as two-point LineStrings (origin first), largest first',
  ),
})

export function flowsRoutes(database: Database, { maxFeatures = MAX_FEATURES }: LayerOptions = {}) {
  return apiApp().openapi(route, async (c) => {
    const { format = 'geojson', ...query } = c.req.valid('query')
    const flows = await listFlows(database, query, maxFeatures)
    return respondWithCollection(c, flows, 'flows', format, maxFeatures)
  })
}
