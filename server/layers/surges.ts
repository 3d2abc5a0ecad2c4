// The surges layer, first method: crossings in the window against a rolling baseline of the days
// before it, per border post and flow point. A site surges when its count is far above what its
// baseline predicts for a window of that length (a z-score) and well above it in proportion.
import { createRoute, z } from '@hono/zod-openapi'
import { type SQL, sql } from 'drizzle-orm'
import type { Database } from '../../db/client.ts'
import { respondWithCollection } from '../http/export.ts'
import { apiApp, SIGNED_IN } from '../http/openapi.ts'
import { countries, windowQuery } from '../http/query.ts'
import { sites } from './crossing-totals.ts'
import { datasetSchema } from './dataset.ts'
import { inBbox, oneOf } from './filters.ts'
import { featureCollection, featureCollectionResponses, pointSchema } from './responses.ts'
import { datasetsOf, lookUp } from './sources.ts'

/** @default the last 24 hours, ending at the next whole hour */
const DEFAULT_HOURS = 24
/** @default 28 days of baseline: four of each weekday */
const DEFAULT_BASELINE_DAYS = 28
/** A baseline needs this many counted days to judge anything. */
const MIN_BASELINE_DAYS = 14
export const THRESHOLDS = { watch: { z: 2, ratio: 1.25 }, surge: { z: 3, ratio: 1.5 } } as const

export const METHOD =
  'crossings (in + out) in the window against a rolling baseline: the mean and standard deviation of the daily totals of the baseline days before the window, scaled to the window length; watch when z ≥ 2 and observed ≥ 1.25 × expected, surge when z ≥ 3 and observed ≥ 1.5 × expected; sites with fewer than 14 counted baseline days are not judged'

/** Displacement stocks rise slowly: a surge is a rise well beyond the baseline's daily changes and a real share of the stock. */
export const AREA_THRESHOLDS = { watch: { z: 2, share: 0.01 }, surge: { z: 3, share: 0.02 } } as const

export const AREA_METHOD =
  'the rise in internally displaced people over the window against a rolling baseline: the mean and standard deviation of the day-to-day changes of the baseline days before it, scaled to the window length; watch when z ≥ 2 and the rise is ≥ 1 % of the figure before the window, surge when z ≥ 3 and ≥ 2 %; areas with fewer than 14 baseline changes are not judged'

export const surgeProperties = z.object({
  site: z.string().openapi({ description: 'the post, flow point or admin area id' }),
  name: z.string(),
  siteKind: z.enum(['post', 'flow_point', 'area']).openapi({
    description:
      '`area` for displacement surges, whose point is a point on the area (its polygon is in the displacement layer)',
  }),
  country: z.string(),
  level: z.enum(['watch', 'surge']),
  observed: z.number().int().openapi({
    description: 'people counted in the window; for an area, the rise in internally displaced people',
  }),
  expected: z.number().int(),
  ratio: z
    .number()
    .nullable()
    .openapi({ description: 'observed / expected (null for areas: a change may be zero or negative)' }),
  z: z.number().openapi({
    description: '(observed − expected) / the baseline’s standard deviation scaled to the window',
  }),
  baselineDays: z.number().int(),
  from: z.string().openapi({ format: 'date-time' }),
  to: z.string().openapi({ format: 'date-time' }),
  method: z.string(),
  modelled: z.boolean(),
  datasets: z.array(datasetSchema),
})
export type SurgeProperties = z.infer<typeof surgeProperties>

export const surgeCollection = featureCollection('Surge', {
  geometry: pointSchema,
  id: z.string().openapi({ description: 'siteKind:site' }),
  properties: surgeProperties,
})
export type SurgeFeatureCollection = z.infer<typeof surgeCollection>
export type SurgeFeature = SurgeFeatureCollection['features'][number]

const query = windowQuery({
  country: countries.optional(),
  baseline: z.coerce
    .number()
    .int('a whole number of days')
    .min(MIN_BASELINE_DAYS, `at least ${MIN_BASELINE_DAYS} days`)
    .max(365, 'at most 365 days')
    .optional()
    .openapi({ description: `baseline days before the window (default ${DEFAULT_BASELINE_DAYS})` }),
})
export type SurgeQuery = Omit<z.output<typeof query>, 'format'>
type SurgeFilter = Pick<SurgeQuery, 'bbox' | 'country'>

type Row = Pick<SurgeProperties, 'site' | 'name' | 'country' | 'observed' | 'baselineDays'> & {
  siteKind: 'post' | 'flow_point'
  expected: number
  sigma: number
  sources: string[]
  geometry: SurgeFeature['geometry']
}

/** The window judged and the baseline days before it. */
export interface SurgeWindow {
  from: Date
  to: Date
  baselineFrom: Date
  /** The window's length in days, which the baseline's daily figures are scaled to. */
  windowDays: number
}

export function surgeWindow(
  query: Pick<SurgeQuery, 'from' | 'to' | 'baseline'>,
  now = new Date(),
): SurgeWindow {
  const hour = 3600_000
  const to = query.to ?? new Date(Math.ceil(now.getTime() / hour) * hour)
  const from = query.from ?? new Date(to.getTime() - DEFAULT_HOURS * hour)
  const baselineDays = query.baseline ?? DEFAULT_BASELINE_DAYS
  return {
    from,
    to,
    baselineFrom: new Date(from.getTime() - baselineDays * 24 * hour),
    windowDays: (to.getTime() - from.getTime()) / (24 * hour),
  }
}

/** The SQL of the sites: each post and flow point counted in the window, with its baseline. */
export function surgesQuery(w: SurgeWindow, filter: SurgeFilter = {}): SQL {
  const where: SQL[] = []
  if (filter.bbox) where.push(inBbox(sql`s.location`, filter.bbox))
  if (filter.country) where.push(oneOf(sql`s.country`, filter.country))
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
    ${where.length ? sql`AND ${sql.join(where, sql` AND `)}` : sql``}`
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
      const level =
        zScore >= THRESHOLDS.surge.z && ratio >= THRESHOLDS.surge.ratio
          ? 'surge'
          : zScore >= THRESHOLDS.watch.z && ratio >= THRESHOLDS.watch.ratio
            ? 'watch'
            : null
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

export function surgesRoutes(database: Database) {
  return apiApp().openapi(route, async (c) => {
    const { format = 'geojson', ...query } = c.req.valid('query')
    return respondWithCollection(c, await listSurges(database, query), 'surges', format)
  })
}

function feature(geometry: SurgeFeature['geometry'], properties: SurgeProperties): SurgeFeature {
  return { type: 'Feature', id: `${properties.siteKind}:${properties.site}`, geometry, properties }
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
  const where: SQL[] = []
  if (filter.bbox) where.push(inBbox(sql`a.geometry`, filter.bbox))
  if (filter.country) where.push(oneOf(sql`a.country`, filter.country))
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
    ${where.length ? sql`AND ${sql.join(where, sql` AND `)}` : sql``}`
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
    const t = AREA_THRESHOLDS
    const level =
      z >= t.surge.z && share >= t.surge.share
        ? 'surge'
        : z >= t.watch.z && share >= t.watch.share
          ? 'watch'
          : null
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
