// The surges layer: crossings in the window against a rolling baseline of the days before it, per border
// post and flow point, and the rise of each admin area's displacement against its daily changes. A site
// surges when its count is far above what its baseline predicts for a window of that length (a z-score)
// and well above it in proportion. Thresholds, window and schema are in surge-schema.ts.
import { createRoute } from '@hono/zod-openapi'
import { type SQL, sql } from 'drizzle-orm'
import type { Database } from '../../db/client.ts'
import { respondWithCollection } from '../http/export.ts'
import { apiApp, SIGNED_IN } from '../http/openapi.ts'
import { type LayerOptions, MAX_FEATURES } from '../http/paging.ts'
import { sites } from './crossing-totals.ts'
import { inBbox, oneOf } from './filters.ts'
import { featureCollectionResponses } from './responses.ts'
import { datasetsOf, lookUp } from './sources.ts'
import {
  AREA_METHOD,
  AREA_THRESHOLDS,
  DEFAULT_HOURS,
  feature,
  METHOD,
  MIN_BASELINE_DAYS,
  query,
  type SurgeFeature,
  type SurgeFeatureCollection,
  type SurgeFilter,
  type SurgeProperties,
  type SurgeQuery,
  type SurgeWindow,
  surgeCollection,
  surgeWindow,
  THRESHOLDS,
} from './surge-schema.ts'

type Row = Pick<SurgeProperties, 'site' | 'name' | 'country' | 'observed' | 'baselineDays'> & {
  siteKind: 'post' | 'flow_point'
  expected: number
  sigma: number
  sources: string[]
  geometry: SurgeFeature['geometry']
}

/** The higher level whose thresholds `reaches` says are met, surge before watch; null when neither is. */
function levelOf(reaches: (level: SurgeProperties['level']) => boolean): SurgeProperties['level'] | null {
  return (['surge', 'watch'] as const).find(reaches) ?? null
}

/** `AND` the request's bbox and countries on `geometry` and `country`; nothing without either. */
function andFilter(geometry: SQL, country: SQL, filter: SurgeFilter): SQL {
  const where: SQL[] = []
  if (filter.bbox) where.push(inBbox(geometry, filter.bbox))
  if (filter.country) where.push(oneOf(country, filter.country))
  return where.length ? sql`AND ${sql.join(where, sql` AND `)}` : sql``
}

/** The SQL of the sites: each post and flow point counted in the window, with its baseline. */
export function surgesQuery(w: SurgeWindow, filter: SurgeFilter = {}): SQL {
  return sql`
    WITH daily AS (
      SELECT coalesce(post_id, flow_point_id) AS site, date_trunc('day', period_start) AS day, sum(count) AS n
      FROM crossing_counts
      WHERE period_start >= ${w.baselineFrom.toISOString()}::timestamptz AND period_start < ${w.from.toISOString()}::timestamptz
        AND period <> 'month'
      GROUP BY 1, 2
    ),
    baseline AS (
      SELECT site, avg(n)::float8 AS mean, coalesce(stddev_samp(n), 0)::float8 AS sd, count(*)::int AS days
      FROM daily GROUP BY site
    ),
    observed AS (
      SELECT coalesce(post_id, flow_point_id) AS site, sum(count)::int AS n,
             array_agg(DISTINCT source_id) AS sources
      FROM crossing_counts
      WHERE period_start >= ${w.from.toISOString()}::timestamptz AND period_start < ${w.to.toISOString()}::timestamptz
        AND period <> 'month'
      GROUP BY 1
    ),
    s AS (${sites})
    SELECT s.id AS site, s.name, s.site_kind AS "siteKind", s.country::text AS country,
           o.n AS observed, b.mean * ${w.windowDays}::float8 AS expected,
           b.sd * sqrt(${w.windowDays}::float8) AS sigma, b.days AS "baselineDays", o.sources,
           ST_AsGeoJSON(s.location, 6)::json AS geometry
    FROM observed o JOIN baseline b ON b.site = o.site JOIN s ON s.id = o.site
    WHERE b.days >= ${MIN_BASELINE_DAYS}::int AND b.mean > 0
    ${andFilter(sql`s.location`, sql`s.country`, filter)}`
}

export async function listSurges(
  database: Database,
  query: SurgeQuery,
  now = new Date(),
): Promise<SurgeFeatureCollection> {
  const w = surgeWindow(query, now)
  const { from, to } = w
  const rows = await database.rows<Row>(surgesQuery(w, query))
  const judged = rows
    .map((r) => {
      const ratio = r.observed / r.expected
      // A flat baseline (sd 0) makes any rise infinitely unlikely: floor sigma at a Poisson-like √expected.
      const sigma = Math.max(r.sigma, Math.sqrt(r.expected))
      const zScore = (r.observed - r.expected) / sigma
      const level = levelOf((l) => zScore >= THRESHOLDS[l].z && ratio >= THRESHOLDS[l].ratio)
      return { r, ratio, zScore, level }
    })
    .filter((j): j is typeof j & { level: SurgeProperties['level'] } => j.level !== null)
    .sort((a, b) => b.zScore - a.zScore)
  const datasets = await datasetsOf(
    database,
    judged.flatMap((j) => j.r.sources),
  )
  const areas = await areaSurges(database, w, query)
  const siteFeatures = judged.map(({ r, ratio, zScore, level }) => {
    const own = lookUp(datasets, r.sources)
    return feature(r.geometry, {
      site: r.site,
      name: r.name,
      siteKind: r.siteKind,
      country: r.country,
      level,
      observed: r.observed,
      expected: Math.round(r.expected),
      ratio: Math.round(ratio * 100) / 100,
      z: Math.round(zScore * 10) / 10,
      baselineDays: r.baselineDays,
      from: from.toISOString(),
      to: to.toISOString(),
      method: METHOD,
      modelled: own.some((d) => d.modelled),
      datasets: own,
    })
  })
  return {
    type: 'FeatureCollection',
    features: [...siteFeatures, ...areas].sort((a, b) => b.properties.z - a.properties.z),
  }
}

const route = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listSurges',
  summary:
    'Surges: posts and flow points whose crossings, and areas whose displacement, rise far above their rolling baseline',
  description: `Sites: ${METHOD}. Areas: ${AREA_METHOD}. Without from/to the window is the last ${DEFAULT_HOURS} hours.`,
  tags: ['layers'],
  security: SIGNED_IN,
  request: { query },
  responses: featureCollectionResponses(surgeCollection, 'sites at watch or surge level, most unusual first'),
})

export function surgesRoutes(database: Database, { maxFeatures = MAX_FEATURES }: LayerOptions = {}) {
  return apiApp().openapi(route, async (c) => {
    const { format = 'geojson', ...query } = c.req.valid('query')
    // Judged in memory from one row per site and area, so bounded by them: checked after judging.
    return respondWithCollection(c, await listSurges(database, query), 'surges', format, maxFeatures)
  })
}

type AreaRow = {
  area: string
  name: string
  country: string
  change: number
  before: number
  mean: number
  sd: number
  days: number
  sourceId: string
  geometry: SurgeFeature['geometry']
}

/** The SQL of the areas: the rise of each area's displacement stock over the window, with its baseline of daily changes. */
export function areaSurgesQuery(w: SurgeWindow, filter: SurgeFilter = {}): SQL {
  return sql`
    WITH series AS (
      SELECT area_id, source_id, date, internally_displaced AS x,
             internally_displaced - lag(internally_displaced) OVER (PARTITION BY area_id, source_id ORDER BY date) AS d
      FROM displacement_counts
      WHERE internally_displaced IS NOT NULL
        AND date >= (${w.baselineFrom.toISOString()}::timestamptz - interval '1 day')::date
        AND date < ${w.to.toISOString()}::timestamptz
    ),
    baseline AS (
      SELECT area_id, source_id, avg(d)::float8 AS mean, coalesce(stddev_samp(d), 0)::float8 AS sd, count(d)::int AS days
      FROM series WHERE date < ${w.from.toISOString()}::timestamptz AND d IS NOT NULL GROUP BY 1, 2
    ),
    observed AS (
      SELECT area_id, source_id, sum(d)::int AS change, (array_agg(x ORDER BY date DESC))[1] - sum(d)::int AS before
      FROM series WHERE date >= ${w.from.toISOString()}::timestamptz AND d IS NOT NULL GROUP BY 1, 2
    )
    SELECT a.id AS area, a.name, a.country::text AS country, o.change, o.before, b.mean, b.sd, b.days,
           o.source_id AS "sourceId", ST_AsGeoJSON(ST_PointOnSurface(a.geometry), 5)::json AS geometry
    FROM observed o JOIN baseline b USING (area_id, source_id) JOIN admin_areas a ON a.id = o.area_id
    WHERE b.days >= ${MIN_BASELINE_DAYS}::int AND o.change > 0
    ${andFilter(sql`a.geometry`, sql`a.country`, filter)}`
}

/** Displacement surges per admin area: the rise of the stock over the window against its daily changes. */
async function areaSurges(database: Database, q: SurgeWindow, filter: SurgeFilter): Promise<SurgeFeature[]> {
  const rows = await database.rows<AreaRow>(areaSurgesQuery(q, filter))
  const datasets = await datasetsOf(
    database,
    rows.map((r) => r.sourceId),
  )
  return rows.flatMap((r) => {
    const expected = r.mean * q.windowDays
    // Floor the spread at one person a day, so a perfectly flat baseline does not make any rise infinite.
    const sigma = Math.max(r.sd * Math.sqrt(q.windowDays), Math.sqrt(q.windowDays))
    const z = (r.change - expected) / sigma
    const share = r.before > 0 ? r.change / r.before : Number.POSITIVE_INFINITY
    const level = levelOf((l) => z >= AREA_THRESHOLDS[l].z && share >= AREA_THRESHOLDS[l].share)
    if (!level) return []
    const dataset = datasets.get(r.sourceId)
    return [
      feature(r.geometry, {
        site: r.area,
        name: r.name,
        siteKind: 'area',
        country: r.country,
        level,
        observed: r.change,
        expected: Math.round(expected),
        ratio: null,
        z: Math.round(z * 10) / 10,
        baselineDays: r.days,
        from: q.from.toISOString(),
        to: q.to.toISOString(),
        method: AREA_METHOD,
        modelled: dataset?.modelled ?? false,
        datasets: dataset ? [dataset] : [],
      }),
    ]
  })
}
