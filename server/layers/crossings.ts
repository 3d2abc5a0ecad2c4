// The crossings layer: per border post and flow point, people counted in and out over the window and
// the trend against the window before.
import { createRoute } from '@hono/zod-openapi'
import { type SQL, sql } from 'drizzle-orm'
import type { FeatureCollection, Point } from 'geojson'
import type { Database } from '../../db/client.ts'
import { respondWithCollection } from '../http/export.ts'
import { apiApp } from '../http/openapi.ts'
import type { Bbox } from '../http/params.ts'
import { countries, windowQuery } from '../http/query.ts'
import { sites, siteTotals } from './crossing-totals.ts'
import { inBbox, oneOf, whereAll } from './filters.ts'
import { featureCollectionResponses } from './responses.ts'
import { datasetsOf, type SourceSummary } from './sources.ts'
import { resolveWindow, trend } from './window.ts'

export interface CrossingProperties {
  site: string
  name: string
  /** `post` (a border post) or `flow_point`. */
  siteKind: 'post' | 'flow_point'
  kind: string
  country: string
  in: number
  out: number
  total: number
  totalBefore: number
  /** (total − totalBefore) / totalBefore; null when nothing was counted before. */
  trend: number | null
  from: string
  to: string
  /** True when any count in the window is modelled: say so wherever it is shown. */
  modelled: boolean
  datasets: SourceSummary[]
}

type Row = {
  site: string
  name: string
  siteKind: 'post' | 'flow_point'
  kind: string
  country: string
  inNow: number
  outNow: number
  totalBefore: number
  sources: string[]
  geometry: Point
}

export async function listCrossings(
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
  const where: SQL[] = []
  const { bbox } = query
  if (bbox) where.push(inBbox(sql`s.location`, bbox))
  if (query.country) where.push(oneOf(sql`s.country`, query.country))
  const rows = await database.rows<Row>(sql`
    WITH totals AS (${siteTotals(window)}), s AS (${sites})
    SELECT s.id AS site, s.name, s.site_kind AS "siteKind", s.kind, s.country::text AS country,
           t.in_now AS "inNow", t.out_now AS "outNow", t.total_before AS "totalBefore", t.sources,
           ST_AsGeoJSON(s.location, 6)::json AS geometry
    FROM s JOIN totals t ON t.site = s.id
    ${whereAll(where)}
    ORDER BY t.in_now + t.out_now DESC, s.id`)
  const datasets = await datasetsOf(
    database,
    rows.flatMap((r) => r.sources),
  )
  const collection: FeatureCollection<Point, CrossingProperties> = {
    type: 'FeatureCollection',
    features: rows.map((r) => {
      const own = r.sources.map((id) => datasets.get(id)).filter((d) => d !== undefined)
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
  return collection
}

const route = createRoute({
  method: 'get',
  path: '/',
  summary: 'Crossings per border post and flow point over a window, with the trend against the window before',
  description:
    'Without from/to the window is the 7 days ending at the next whole hour. A count belongs to the window its period starts in.',
  tags: ['layers'],
  request: { query: windowQuery({ country: countries.optional() }) },
  responses: featureCollectionResponses('sites with counts in the window or the one before, busiest first'),
})

export function crossingsRoutes(database: Database) {
  return apiApp().openapi(route, async (c) => {
    const { format = 'geojson', ...query } = c.req.valid('query')
    return respondWithCollection(c, await listCrossings(database, query), 'crossings', format) as never
  })
}
