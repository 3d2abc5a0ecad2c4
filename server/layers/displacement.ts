// The displacement layer: admin areas with the people displaced there, and the change over the
// window. Displacement figures are stocks (people present on a date), so the layer takes the latest
// figure in the window and compares it with the latest one before the window, rather than summing.
import { createRoute } from '@hono/zod-openapi'
import { type SQL, sql } from 'drizzle-orm'
import type { FeatureCollection, MultiPolygon } from 'geojson'
import type { Database } from '../../db/client.ts'
import { respondWithCollection } from '../http/export.ts'
import { apiApp } from '../http/openapi.ts'
import type { Bbox } from '../http/params.ts'
import { countries, windowQuery } from '../http/query.ts'
import { inBbox, oneOf, whereAll } from './filters.ts'
import { featureCollectionResponses } from './responses.ts'
import { datasetsOf, type SourceSummary } from './sources.ts'
import { resolveWindow } from './window.ts'

export interface DisplacementProperties {
  id: string
  name: string
  country: string
  pcode: string | null
  /** The date of the latest figures in the window. */
  date: string
  internallyDisplaced: number | null
  returnees: number | null
  peopleInSites: number | null
  /** The latest figures before the window, to compare with. */
  dateBefore: string | null
  internallyDisplacedBefore: number | null
  /** internallyDisplaced − internallyDisplacedBefore; null when either is unknown. */
  change: number | null
  /** change / internallyDisplacedBefore; null when it cannot be computed. */
  changeRatio: number | null
  modelled: boolean
  dataset: SourceSummary | null
}

type Row = {
  id: string
  name: string
  country: string
  pcode: string | null
  date: string
  idps: number | null
  returnees: number | null
  inSites: number | null
  dateBefore: string | null
  idpsBefore: number | null
  sourceId: string
  geometry: MultiPolygon
}

export async function listDisplacement(
  database: Database,
  query: {
    bbox?: Bbox | undefined
    from?: Date | undefined
    to?: Date | undefined
    country?: string[] | undefined
  },
  now = new Date(),
) {
  const window = resolveWindow(query.from, query.to, now)
  const from = window.from.toISOString().slice(0, 10)
  const to = window.to.toISOString()
  const where: SQL[] = []
  const { bbox } = query
  if (bbox) where.push(inBbox(sql`a.geometry`, bbox))
  if (query.country) where.push(oneOf(sql`a.country`, query.country))
  // One series per area: the source with the latest figure in the window (areas may have several).
  const rows = await database.rows<Row>(sql`
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
    ORDER BY a.id`)
  const datasets = await datasetsOf(
    database,
    rows.map((r) => r.sourceId),
  )
  const collection: FeatureCollection<MultiPolygon, DisplacementProperties> = {
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
  return collection
}

const route = createRoute({
  method: 'get',
  path: '/',
  summary: 'Displacement per admin area: the latest figures in the window and the change since before it',
  tags: ['layers'],
  request: { query: windowQuery({ country: countries.optional() }) },
  responses: featureCollectionResponses('areas with displacement figures in the window'),
})

export function displacementRoutes(database: Database) {
  return apiApp().openapi(route, async (c) => {
    const { format = 'geojson', ...query } = c.req.valid('query')
    return respondWithCollection(c, await listDisplacement(database, query), 'displacement', format) as never
  })
}
