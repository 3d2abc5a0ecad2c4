// Crossings summed per site (post or flow point) over a window and the window before: the one SQL that
// the crossings, corridors and flows layers read counts through.
import { type SQL, sql } from 'drizzle-orm'
import type { Window } from './window.ts'

/**
 * A CTE body: one row per site with counts in the window or the one before — `site`, `in_now`,
 * `out_now`, `total_before`, and `sources` (the datasets the window's counts come from). A count belongs
 * to the window its period starts in.
 */
export function siteTotals(window: Window): SQL {
  const from = window.from.toISOString()
  return sql`
    SELECT coalesce(c.post_id, c.flow_point_id) AS site,
           coalesce(sum(c.count) FILTER (WHERE c.direction = 'in' AND c.period_start >= ${from}::timestamptz), 0)::int AS in_now,
           coalesce(sum(c.count) FILTER (WHERE c.direction = 'out' AND c.period_start >= ${from}::timestamptz), 0)::int AS out_now,
           coalesce(sum(c.count) FILTER (WHERE c.period_start < ${from}::timestamptz), 0)::int AS total_before,
           array_remove(array_agg(DISTINCT c.source_id) FILTER (WHERE c.period_start >= ${from}::timestamptz), NULL) AS sources
    FROM crossing_counts c
    WHERE c.period_start >= ${window.previousFrom.toISOString()}::timestamptz
      AND c.period_start < ${window.to.toISOString()}::timestamptz
    GROUP BY 1`
}

/** Every place counts are kept at: border posts and flow points, with one shape. */
export const sites = sql`
  SELECT id, name, 'post' AS site_kind, kind::text AS kind, country, location FROM border_posts
  UNION ALL
  SELECT id, name, 'flow_point' AS site_kind, kind, country, location FROM flow_points`
