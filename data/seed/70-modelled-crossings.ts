// Seed step: modelled crossings at every border post and flow point in the database, topped up on each
// start to the last whole hour (90 days on a fresh database: daily, then hourly for the last 14 days).
import { sql } from 'drizzle-orm'
import { arrayLiteral, batches } from '../../db/arrays.ts'
import type { Database } from '../../db/client.ts'
import { upsertSource } from '../../db/sources.ts'
import { type CrossingRow, seriesWindow, topUpRows } from '../modelled/crossing-series.ts'
import { DAY_MS, HOUR_MS, modelSite, type Site } from '../modelled/crossings.ts'
import { CROSSINGS_SOURCE } from '../modelled/sources.ts'
import type { SeedOptions } from './index.ts'

/** Rows per INSERT statement. */
const BATCH = 10_000

export async function seed(database: Database, { now }: SeedOptions): Promise<string | null> {
  await database.db.transaction((tx) => upsertSource(tx, CROSSINGS_SOURCE))
  const sites = await database.rows<Site & Record<string, unknown>>(sql`
    SELECT id, name, country, kind::text AS kind, 'post' AS type FROM border_posts
    UNION ALL
    SELECT id, name, country, kind, 'flow_point' AS type FROM flow_points
    ORDER BY id`)
  const covered = await coverage(database)
  const window = seriesWindow(now)
  const rows: CrossingRow[] = []
  for (const site of sites) rows.push(...topUpRows(modelSite(site), covered.get(site.id) ?? null, window))
  if (rows.length === 0) return null
  await database.db.transaction(async (tx) => {
    for (const batch of batches(rows, BATCH)) await tx.execute(insertStatement(batch))
  })
  const siteCount = new Set(rows.map((r) => r.site.id)).size
  return `modelled ${rows.length} crossing counts at ${siteCount} sites up to ${window.end.toISOString()}`
}

/** Where each site's modelled series ends now (the end of its last period), by site id. */
async function coverage(database: Database): Promise<Map<string, Date>> {
  // Each max() is a short backward scan of the site's range of crossing_counts_natural_key (site, time, …).
  const rows = await database.rows<{ id: string; last_hour: number | null; last_day: number | null }>(sql`
    SELECT s.id,
      (SELECT extract(epoch FROM max(c.period_start))::float8 FROM crossing_counts c
        WHERE c.site_id = s.id AND c.source_id = ${CROSSINGS_SOURCE.id}
          AND c.period = 'hour') AS last_hour,
      (SELECT extract(epoch FROM max(c.period_start))::float8 FROM crossing_counts c
        WHERE c.site_id = s.id AND c.source_id = ${CROSSINGS_SOURCE.id}
          AND c.period = 'day') AS last_day
    FROM (SELECT id FROM border_posts UNION ALL SELECT id FROM flow_points) s`)
  const covered = new Map<string, Date>()
  for (const row of rows) {
    const ends = [
      row.last_hour === null ? 0 : Number(row.last_hour) * 1000 + HOUR_MS,
      row.last_day === null ? 0 : Number(row.last_day) * 1000 + DAY_MS,
    ]
    const end = Math.max(...ends)
    if (end > 0) covered.set(row.id, new Date(end))
  }
  return covered
}

function insertStatement(rows: CrossingRow[]) {
  const column = <T extends string | number | null>(get: (row: CrossingRow) => T) =>
    arrayLiteral(rows.map(get))
  return sql`
    INSERT INTO crossing_counts (post_id, flow_point_id, period_start, period, direction, count, breakdown, source_id)
    SELECT post_id, flow_point_id, period_start, period::count_period, direction::count_direction, count, breakdown,
      ${CROSSINGS_SOURCE.id}
    FROM unnest(
      ${column((r) => (r.site.type === 'post' ? r.site.id : null))}::text[],
      ${column((r) => (r.site.type === 'flow_point' ? r.site.id : null))}::text[],
      ${column((r) => r.periodStart.toISOString())}::timestamptz[],
      ${column((r) => r.period)}::text[],
      ${column((r) => r.direction)}::text[],
      ${column((r) => r.count)}::int[],
      ${column((r) => (r.breakdown ? JSON.stringify(r.breakdown) : null))}::jsonb[]
    ) AS t(post_id, flow_point_id, period_start, period, direction, count, breakdown)
    ON CONFLICT (site_id, period_start, period, direction, source_id) DO NOTHING`
}
