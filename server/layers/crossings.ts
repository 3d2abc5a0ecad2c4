// The crossings layer: per border post and flow point, people counted in and out over the window and
// the trend against the window before.
import { createRoute, z } from '@hono/zod-openapi'
import { type SQL, sql } from 'drizzle-orm'
import type { Database } from '../../db/client.ts'
import { respondWithCollection } from '../http/export.ts'
import { apiApp, SIGNED_IN } from '../http/openapi.ts'
import { type LayerOptions, MAX_FEATURES } from '../http/paging.ts'
import { countries, windowQuery } from '../http/query.ts'
import { sites, siteTotals } from './crossing-totals.ts'
import { datasetSchema } from './dataset.ts'
import { inBbox, oneOf, whereAll } from './filters.ts'
import { featureCollection, featureCollectionResponses, pointSchema } from './responses.ts'
import { withDatasets } from './sources.ts'
import { resolveWindow, trend, type Window } from './window.ts'

export const crossingProperties = z.object({
  site: z.string(),
  name: z.string(),
  siteKind: z.enum(['post', 'flow_point']).openapi({ description: 'a border post, or a flow point' }),
  kind: z.string(),
  country: z.string(),
  in: z.number().int(),
  out: z.number().int(),
  total: z.number().int(),
  totalBefore: z.number().int(),
  trend: z
    .number()
    .nullable()
    .openapi({ description: '(total − totalBefore) / totalBefore; null when nothing was counted before' }),
  from: z.string().openapi({ format: 'date-time' }),
  to: z.string().openapi({ format: 'date-time' }),
  modelled: z
    .boolean()
    .openapi({ description: 'any count in the window is modelled: say so wherever it is shown' }),
  datasets: z.array(datasetSchema),
})
export type CrossingProperties = z.infer<typeof crossingProperties>

export const crossingCollection = featureCollection('Crossing', {
  geometry: pointSchema,
  id: z.string(),
  properties: crossingProperties,
})
export type CrossingFeatureCollection = z.infer<typeof crossingCollection>
export type CrossingFeature = CrossingFeatureCollection['features'][number]

const query = windowQuery({ country: countries.optional() })

export type CrossingsQuery = Omit<z.output<typeof query>, 'format'>

type Row = Pick<CrossingProperties, 'site' | 'name' | 'siteKind' | 'kind' | 'country' | 'totalBefore'> & {
  inNow: number
  outNow: number
  sources: string[]
  geometry: CrossingFeature['geometry']
}

/** The SQL of the layer: sites with counts in the window or the one before, busiest first. */
export function crossingsQuery(window: Window, filter: Omit<CrossingsQuery, 'from' | 'to'> = {}): SQL {
  const where: SQL[] = []
  if (filter.bbox) where.push(inBbox(sql`s.location`, filter.bbox))
  if (filter.country) where.push(oneOf(sql`s.country`, filter.country))
  return sql`
    WITH totals AS (${siteTotals(window)}), s AS (${sites})
    SELECT s.id AS site, s.name, s.site_kind AS "siteKind", s.kind, s.country::text AS country,
           t.in_now AS "inNow", t.out_now AS "outNow", t.total_before AS "totalBefore", t.sources,
           ST_AsGeoJSON(s.location, 6)::json AS geometry
    FROM s JOIN totals t ON t.site = s.id
    ${whereAll(where)}
    ORDER BY t.in_now + t.out_now DESC, s.id`
}

async function listCrossings(
  database: Database,
  query: CrossingsQuery,
  max: number,
  now = new Date(),
): Promise<CrossingFeatureCollection> {
  const window = resolveWindow(query.from, query.to, now)
  const rows = await database.rows<Row>(sql`${crossingsQuery(window, query)} LIMIT ${max + 1}::int`)
  return {
    type: 'FeatureCollection',
    features: (await withDatasets(database, rows)).map(([r, own]) => {
      const total = r.inNow + r.outNow
      return {
        type: 'Feature',
        id: r.site,
        geometry: r.geometry,
        properties: {
          site: r.site,
          name: r.name,
          siteKind: r.siteKind,
          kind: r.kind,
          country: r.country,
          in: r.inNow,
          out: r.outNow,
          total,
          totalBefore: r.totalBefore,
          trend: trend(total, r.totalBefore),
          from: window.from.toISOString(),
          to: window.to.toISOString(),
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
  operationId: 'listCrossings',
  summary: 'Crossings per border post and flow point over a window, with the trend against the window before',
  description:
    'Without from/to the window is the 7 days ending at the next whole hour. A count belongs to the window its period starts in.',
  tags: ['layers'],
  security: SIGNED_IN,
  request: { query },
  responses: featureCollectionResponses(
    crossingCollection,
    'sites with counts in the window or the one before, busiest first',
  ),
})

export function crossingsRoutes(database: Database, { maxFeatures = MAX_FEATURES }: LayerOptions = {}) {
  return apiApp().openapi(route, async (c) => {
    const { format = 'geojson', ...query } = c.req.valid('query')
    const crossings = await listCrossings(database, query, maxFeatures)
    return respondWithCollection(c, crossings, 'crossings', format, maxFeatures)
  })
}
