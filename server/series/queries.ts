// The SQL of the series, one row per UTC day from generate_series joined with the day's sums, and the
// schemas of what they answer.
import { z } from '@hono/zod-openapi'
import { type SQL, sql } from 'drizzle-orm'
import type { Database } from '../../db/client.ts'
import { OPEN_VERIFICATIONS } from '../../db/vocabulary.ts'
import type { Bbox } from '../http/params.ts'
import { datasetSchema } from '../layers/dataset.ts'
import { oneOf, visibleIncidents } from '../layers/filters.ts'
import { datasetsOf } from '../layers/sources.ts'

/** [from, to), whole UTC days (seriesWindow in index.ts). */
export interface SeriesWindow {
  from: Date
  to: Date
}

const day = z.string().openapi({ format: 'date', description: 'the UTC day, YYYY-MM-DD' })
const instant = z.string().openapi({ format: 'date-time' })
const people = z.number().int()

export const crossingsSeriesSchema = z
  .object({
    site: z.string(),
    name: z.string().nullable().openapi({ description: 'null when no post or flow point has this id' }),
    from: instant,
    to: instant,
    days: z.array(z.object({ day, in: people, out: people })),
    modelled: z.boolean().openapi({ description: 'any count of the series is modelled' }),
    datasets: z.array(datasetSchema),
  })
  .openapi('CrossingsSeries')
export type CrossingsSeries = z.infer<typeof crossingsSeriesSchema>

export const incidentsSeriesSchema = z
  .object({
    bbox: z.array(z.number()).length(4).openapi({ description: 'minLon, minLat, maxLon, maxLat' }),
    from: instant,
    to: instant,
    days: z.array(z.object({ day, incidents: people, dead: people, missing: people })),
  })
  .openapi('IncidentsSeries')
export type IncidentsSeries = z.infer<typeof incidentsSeriesSchema>

const days = (w: SeriesWindow) => sql`
  SELECT generate_series(${w.from.toISOString()}::timestamptz, ${w.to.toISOString()}::timestamptz - interval '1 day', interval '1 day') AS day`

const dayText = sql`to_char(d.day AT TIME ZONE 'UTC', 'YYYY-MM-DD')`

/** Counts per day at a site; a monthly count is left out (it cannot be split into days). */
export function crossingsSeriesQuery(site: string, w: SeriesWindow): SQL {
  return sql`
    WITH d AS (${days(w)}),
    c AS (
      SELECT date_trunc('day', period_start AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS day,
             sum(count) FILTER (WHERE direction = 'in') AS n_in,
             sum(count) FILTER (WHERE direction = 'out') AS n_out
      FROM crossing_counts
      WHERE (post_id = ${site} OR flow_point_id = ${site}) AND period <> 'month'
        AND period_start >= ${w.from.toISOString()}::timestamptz AND period_start < ${w.to.toISOString()}::timestamptz
      GROUP BY 1
    )
    SELECT ${dayText} AS day, coalesce(c.n_in, 0)::int AS in, coalesce(c.n_out, 0)::int AS out
    FROM d LEFT JOIN c ON c.day = d.day ORDER BY d.day`
}

/** The site's name and the datasets of its counts in the window. */
export function crossingsSeriesSiteQuery(site: string, w: SeriesWindow): SQL {
  return sql`
    SELECT coalesce((SELECT name FROM border_posts WHERE id = ${site}), (SELECT name FROM flow_points WHERE id = ${site})) AS name,
           (SELECT array_agg(DISTINCT source_id) FROM crossing_counts
             WHERE (post_id = ${site} OR flow_point_id = ${site})
               AND period_start >= ${w.from.toISOString()}::timestamptz AND period_start < ${w.to.toISOString()}::timestamptz) AS sources`
}

export async function crossingsPerDay(
  database: Database,
  site: string,
  w: SeriesWindow,
): Promise<CrossingsSeries> {
  const rows = await database.rows<CrossingsSeries['days'][number]>(crossingsSeriesQuery(site, w))
  const [meta] = await database.rows<{ name: string | null; sources: string[] | null }>(
    crossingsSeriesSiteQuery(site, w),
  )
  const datasets = [...(await datasetsOf(database, meta?.sources ?? [])).values()]
  return {
    site,
    name: meta?.name ?? null,
    from: w.from.toISOString(),
    to: w.to.toISOString(),
    days: rows,
    modelled: datasets.some((d) => d.modelled),
    datasets,
  }
}

/** Open incidents per day inside `bbox` (rejected and merged reports left out, as on the map). */
export function incidentsSeriesQuery(bbox: Bbox, w: SeriesWindow): SQL {
  return sql`
    WITH d AS (${days(w)}),
    i AS (
      SELECT date_trunc('day', occurred_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS day,
             count(*) AS n, sum(dead) AS dead, sum(missing) AS missing
      FROM ${visibleIncidents(bbox)} vi
      WHERE ${oneOf(sql`verification`, OPEN_VERIFICATIONS)}
        AND occurred_at >= ${w.from.toISOString()}::timestamptz AND occurred_at < ${w.to.toISOString()}::timestamptz
      GROUP BY 1
    )
    SELECT ${dayText} AS day, coalesce(i.n, 0)::int AS incidents, coalesce(i.dead, 0)::int AS dead,
           coalesce(i.missing, 0)::int AS missing
    FROM d LEFT JOIN i ON i.day = d.day ORDER BY d.day`
}

export async function incidentsPerDay(
  database: Database,
  bbox: Bbox,
  w: SeriesWindow,
): Promise<IncidentsSeries> {
  const rows = await database.rows<IncidentsSeries['days'][number]>(incidentsSeriesQuery(bbox, w))
  return { bbox: [...bbox], from: w.from.toISOString(), to: w.to.toISOString(), days: rows }
}
