// The displacement layer: admin areas with the people displaced there, and the change over the
// window. Displacement figures are stocks (people present on a date), so the layer takes the latest
// figure in the window and compares it with the latest one before the window, rather than summing.
import { createRoute, z } from '@hono/zod-openapi'
import { type SQL, sql } from 'drizzle-orm'
import type { Database } from '../../db/client.ts'
import { respondWithCollection } from '../http/export.ts'
import { apiApp, SIGNED_IN } from '../http/openapi.ts'
import { type LayerOptions, MAX_FEATURES } from '../http/paging.ts'
import { countries, windowQuery } from '../http/query.ts'
import { datasetSchema } from './dataset.ts'
import { inBbox, oneOf, whereAll } from './filters.ts'
import { featureCollection, featureCollectionResponses, multiPolygonSchema } from './responses.ts'
import { datasetsOf } from './sources.ts'
import { resolveWindow, type Window } from './window.ts'

const people = z.number().int().nullable()
const date = z.string().openapi({ format: 'date' })

export const displacementProperties = z.object({
  id: z.string(),
  name: z.string(),
  country: z.string(),
  pcode: z.string().nullable(),
  date: date.openapi({ description: 'the date of the latest figures in the window' }),
  internallyDisplaced: people,
  returnees: people,
  peopleInSites: people,
  dateBefore: date
    .nullable()
    .openapi({ description: 'the latest figures before the window, to compare with' }),
  internallyDisplacedBefore: people,
  change: z
    .number()
    .int()
    .nullable()
    .openapi({ description: 'internallyDisplaced − internallyDisplacedBefore; null when either is unknown' }),
  changeRatio: z
    .number()
    .nullable()
    .openapi({ description: 'change / internallyDisplacedBefore; null when it cannot be computed' }),
  modelled: z.boolean(),
  dataset: datasetSchema.nullable(),
})
export type DisplacementProperties = z.infer<typeof displacementProperties>

export const displacementCollection = featureCollection('Displacement', {
  geometry: multiPolygonSchema,
  id: z.string(),
  properties: displacementProperties,
})
export type DisplacementFeatureCollection = z.infer<typeof displacementCollection>
export type DisplacementFeature = DisplacementFeatureCollection['features'][number]

const query = windowQuery({ country: countries.optional() })
export type DisplacementQuery = Omit<z.output<typeof query>, 'format'>

type Row = Pick<
  DisplacementProperties,
  'id' | 'name' | 'country' | 'pcode' | 'date' | 'returnees' | 'dateBefore'
> & {
  idps: number | null
  inSites: number | null
  idpsBefore: number | null
  sourceId: string
  geometry: DisplacementFeature['geometry']
}

/**
 * The SQL of the layer: per area, the latest figures in the window and the latest before it, of one
 * series: the source with the latest figure in the window (areas may have several).
 */
export function displacementQuery(window: Window, filter: Omit<DisplacementQuery, 'from' | 'to'> = {}): SQL {
  const from = window.from.toISOString().slice(0, 10)
  const to = window.to.toISOString()
  const where: SQL[] = []
  if (filter.bbox) where.push(inBbox(sql`a.geometry`, filter.bbox))
  if (filter.country) where.push(oneOf(sql`a.country`, filter.country))
  return sql`
    WITH latest AS (
      SELECT DISTINCT ON (d.area_id) d.area_id, d.source_id, d.date, d.internally_displaced,
             d.returnees, d.people_in_sites
      FROM displacement_counts d
      WHERE d.date >= ${from}::date AND d.date < ${to}::timestamptz
      ORDER BY d.area_id, d.date DESC, d.source_id
    ),
    before AS (
      SELECT DISTINCT ON (d.area_id) d.area_id, d.date, d.internally_displaced
      FROM displacement_counts d JOIN latest l ON l.area_id = d.area_id AND l.source_id = d.source_id
      WHERE d.date < ${from}::date
      ORDER BY d.area_id, d.date DESC
    )
    SELECT a.id, a.name, a.country::text AS country, a.pcode, l.date::text AS date,
           l.internally_displaced AS idps, l.returnees, l.people_in_sites AS "inSites",
           b.date::text AS "dateBefore", b.internally_displaced AS "idpsBefore", l.source_id AS "sourceId",
           ST_AsGeoJSON(a.geometry, 4)::json AS geometry
    FROM latest l JOIN admin_areas a ON a.id = l.area_id LEFT JOIN before b ON b.area_id = l.area_id
    ${whereAll(where)}
    ORDER BY a.id`
}

async function listDisplacement(
  database: Database,
  query: DisplacementQuery,
  max: number,
  now = new Date(),
): Promise<DisplacementFeatureCollection> {
  const window = resolveWindow(query.from, query.to, now)
  const rows = await database.rows<Row>(sql`${displacementQuery(window, query)} LIMIT ${max + 1}::int`)
  const datasets = await datasetsOf(
    database,
    rows.map((r) => r.sourceId),
  )
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => {
      const change = r.idps !== null && r.idpsBefore !== null ? r.idps - r.idpsBefore : null
      const dataset = datasets.get(r.sourceId) ?? null
      return {
        type: 'Feature',
        id: r.id,
        geometry: r.geometry,
        properties: {
          id: r.id,
          name: r.name,
          country: r.country,
          pcode: r.pcode,
          date: r.date,
          internallyDisplaced: r.idps,
          returnees: r.returnees,
          peopleInSites: r.inSites,
          dateBefore: r.dateBefore,
          internallyDisplacedBefore: r.idpsBefore,
          change,
          changeRatio:
            change !== null && r.idpsBefore ? Math.round((change / r.idpsBefore) * 1000) / 1000 : null,
          modelled: dataset?.modelled ?? false,
          dataset,
        },
      }
    }),
  }
}

const route = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listDisplacement',
  summary: 'Displacement per admin area: the latest figures in the window and the change since before it',
  tags: ['layers'],
  security: SIGNED_IN,
  request: { query },
  responses: featureCollectionResponses(
    displacementCollection,
    'areas with displacement figures in the window',
  ),
})

export function displacementRoutes(database: Database, { maxFeatures = MAX_FEATURES }: LayerOptions = {}) {
  return apiApp().openapi(route, async (c) => {
    const { format = 'geojson', ...query } = c.req.valid('query')
    const areas = await listDisplacement(database, query, maxFeatures)
    return respondWithCollection(c, areas, 'displacement', format, maxFeatures)
  })
}
