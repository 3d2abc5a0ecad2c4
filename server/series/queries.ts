// The SQL of the series: one row per UTC day from generate_series, joined with the day's sums.
import { sql } from 'drizzle-orm'
import type { Database } from '../../db/client.ts'
import type { Bbox } from '../http/params.ts'
import { visibleIncidents } from '../layers/filters.ts'
import { datasetsOf, type SourceSummary } from '../layers/sources.ts'
import type { SeriesWindow } from './index.ts'

export interface CrossingsSeries {
  site: string
  name: string | null
  from: string
  to: string
  days: { day: string; in: number; out: number }[]
  /** True when any count of the series is modelled. */
  modelled: boolean
  datasets: SourceSummary[]
}

export interface IncidentsSeries {
  bbox: number[]
  from: string
  to: string
  days: { day: string; incidents: number; dead: number; missing: number }[]
}

const days = (w: SeriesWindow) => sql`
  SELECT generate_series(${w.from.toISOString()}::timestamptz, ${w.to.toISOString()}::timestamptz - interval '1 day', interval '1 day') AS day`

const dayText = sql`to_char(d.day AT TIME ZONE 'UTC', 'YYYY-MM-DD')`

/** Counts per day at a site; a monthly count is left out (it cannot be split into days). */
export async function crossingsPerDay(
  database: Database,
  site: string,
  w: SeriesWindow,
): Promise<CrossingsSeries> {
  const rows = await database.rows<{ day: string; in: number; out: number }>(sql`
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
    FROM d LEFT JOIN c ON c.day = d.day ORDER BY d.day`)
  const [meta] = await database.rows<{ name: string | null; sources: string[] | null }>(sql`
    SELECT coalesce((SELECT name FROM border_posts WHERE id = ${site}), (SELECT name FROM flow_points WHERE id = ${site})) AS name,
           (SELECT array_agg(DISTINCT source_id) FROM crossing_counts
             WHERE (post_id = ${site} OR flow_point_id = ${site})
               AND period_start >= ${w.from.toISOString()}::timestamptz AND period_start < ${w.to.toISOString()}::timestamptz) AS sources`)
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

export async function incidentsPerDay(
  database: Database,
  bbox: Bbox,
  w: SeriesWindow,
): Promise<IncidentsSeries> {
  const rows = await database.rows<IncidentsSeries['days'][number]>(sql`
    WITH d AS (${days(w)}),
    i AS (
      SELECT date_trunc('day', occurred_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS day,
             count(*) AS n, sum(dead) AS dead, sum(missing) AS missing
      FROM ${visibleIncidents(bbox)} vi
      WHERE verification NOT IN ('rejected', 'duplicate')
        AND occurred_at >= ${w.from.toISOString()}::timestamptz AND occurred_at < ${w.to.toISOString()}::timestamptz
      GROUP BY 1
    )
    SELECT ${dayText} AS day, coalesce(i.n, 0)::int AS incidents, coalesce(i.dead, 0)::int AS dead,
           coalesce(i.missing, 0)::int AS missing
    FROM d LEFT JOIN i ON i.day = d.day ORDER BY d.day`)
  return { bbox: [...bbox], from: w.from.toISOString(), to: w.to.toISOString(), days: rows }
}
