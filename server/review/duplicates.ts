// How close another incident must be to a report to be suggested as its duplicate, and the SQL that finds
// them. docs/api.md#likely-duplicates gives the same figures and reasons for coordinators.
import { sql } from 'drizzle-orm'
import { arrayLiteral } from '../../db/arrays.ts'
import type { Reader } from '../layers/incidents.ts'
import { iso } from './queries.ts'
import type { DbType, Duplicate } from './report.ts'

export type Kind = 'sea' | 'land'

/**
 * A report is `sea` when it is a shipwreck or lies outside every admin area of the route's countries (the
 * seeded Natural Earth admin-1 areas cover their land), `land` otherwise.
 *
 * Sea, 50 km and 72 h: a boat in distress moves and drifts (1–2 knots is 45–90 km a day), positions at sea
 * come second hand (a call relayed by a hotline, a rescue ship's log) and are often rounded, and survivors
 * tell of a shipwreck when they land, days after it.
 *
 * Land, 10 km and 24 h: a reporter stands where it happened (phone GPS), a town or a checkpoint is a few km
 * across, and a group on foot moves some 20–30 km a day: farther or later, a second report is more likely
 * news of its own than the same event.
 *
 * An incident dated to the day (MMP records) counts as the whole day; one dated only to the month is never
 * suggested, as a month says too little to call two records one event.
 */
const DUPLICATE_WINDOWS: Record<Kind, { radiusKm: number; hours: number }> = {
  sea: { radiusKm: 50, hours: 72 },
  land: { radiusKm: 10, hours: 24 },
}

/** At most this many suggestions per report, the closest first. @default 5 */
const MAX_DUPLICATES = 5

/**
 * Types that describe one event alike, besides the same type. MMP records every death or disappearance, a
 * shipwreck's dead and missing included, as `death_or_disappearance`: a field report of a shipwreck must
 * meet them.
 */
const RELATED_TYPES: readonly (readonly [DbType, DbType])[] = [
  ['shipwreck', 'death_or_disappearance'],
  ['death_or_disappearance', 'shipwreck'],
]

export interface Suggestions {
  window: { kind: Kind; radiusKm: number; hours: number }
  duplicates: Duplicate[]
}

/**
 * Likely duplicates of each report: incidents from any source (MMP records, other reports) of the same or
 * a related type within the report's window (duplicates.ts), neither rejected nor duplicates themselves,
 * the closest first (distance and time, each as a share of the window).
 */
export async function findDuplicates(reader: Reader, ids: number[]): Promise<Map<number, Suggestions>> {
  if (!ids.length) return new Map()
  const { sea, land } = DUPLICATE_WINDOWS
  const related = RELATED_TYPES.map(([a, b]) => `${a}>${b}`)
  // Seconds between the report's instant and the candidate's span: a day for a record dated to the day.
  const gap = sql`greatest(0,
    extract(epoch FROM c.occurred_at - w.occurred_at),
    extract(epoch FROM w.occurred_at - c.occurred_at
                       - CASE c.occurred_precision WHEN 'day' THEN interval '1 day' ELSE interval '0' END))`
  const rows = await reader.rows<{ reportId: number; kind: Kind; duplicate: Duplicate | null }>(sql`
    WITH k AS (
      SELECT i.id, i.type, i.location, i.occurred_at,
             CASE WHEN i.type = 'shipwreck'
                    OR NOT EXISTS (SELECT 1 FROM admin_areas a WHERE ST_Covers(a.geometry, i.location))
                  THEN 'sea' ELSE 'land' END AS kind
      FROM incidents i WHERE i.id = ANY(${arrayLiteral(ids)}::bigint[])
    ), w AS MATERIALIZED (
      SELECT k.*,
             CASE k.kind WHEN 'sea' THEN ${sea.radiusKm}::float8 ELSE ${land.radiusKm}::float8 END * 1000 AS radius_m,
             CASE k.kind WHEN 'sea' THEN ${sea.hours}::float8 ELSE ${land.hours}::float8 END * 3600 AS span_s,
             -- The box to look in, widened by the 0.05° a coarse position may be off (1° of longitude is over
             -- 70 km up to 50° N). Computed here, not in the join: under RLS only a filter of leakproof
             -- operators on plain columns (&&) may use the index, and arithmetic is not leakproof.
             ST_Expand(k.location, CASE k.kind WHEN 'sea' THEN ${sea.radiusKm}::float8 ELSE ${land.radiusKm}::float8 END / 70.0 + 0.05) AS near_box
      FROM k
    )
    SELECT w.id::int AS "reportId", w.kind, d.duplicate
    FROM w LEFT JOIN LATERAL (
      SELECT json_build_object(
               'id', c.id::int, 'type', c.type, 'occurredAt', ${iso(sql`c.occurred_at`)},
               'occurredPrecision', c.occurred_precision, 'severity', c.severity, 'verification', c.verification,
               'counts', json_build_object('dead', c.dead, 'missing', c.missing, 'injured', c.injured,
                                           'survivors', c.survivors, 'children', c.children),
               'description', c.description,
               'source', json_build_object('id', s.id, 'name', s.name, 'modelled', s.modelled),
               'distanceKm', round((ST_Distance(c.location::geography, w.location::geography) / 1000)::numeric, 1),
               'hoursApart', round((${gap} / 3600)::numeric, 1)) AS duplicate,
             ST_Distance(c.location::geography, w.location::geography) / w.radius_m + ${gap} / w.span_s AS rank
      -- Candidates as the caller may see them (coarsened: visible_incidents), found first through the
      -- spatial index on the exact position within the widened box, so that the box tells nothing finer.
      FROM incidents near JOIN visible_incidents() c ON c.id = near.id JOIN sources s ON s.id = c.source_id
      WHERE near.location && w.near_box
        AND c.id <> w.id
        AND (c.type = w.type OR (w.type::text || '>' || c.type::text) = ANY(${arrayLiteral(related)}::text[]))
        AND c.verification IN ('unverified', 'verified') AND c.occurred_precision <> 'month'
        AND c.occurred_at BETWEEN w.occurred_at - make_interval(secs => w.span_s) - interval '1 day'
                              AND w.occurred_at + make_interval(secs => w.span_s)
        AND ${gap} <= w.span_s
        AND ST_DWithin(c.location::geography, w.location::geography, w.radius_m)
      ORDER BY rank, c.id
      LIMIT ${MAX_DUPLICATES}
    ) d ON true
    ORDER BY w.id, d.rank, (d.duplicate->>'id')::int`)
  const out = new Map<number, Suggestions>()
  for (const row of rows) {
    let entry = out.get(row.reportId)
    if (!entry) {
      entry = { window: { kind: row.kind, ...DUPLICATE_WINDOWS[row.kind] }, duplicates: [] }
      out.set(row.reportId, entry)
    }
    if (row.duplicate) entry.duplicates.push(row.duplicate)
  }
  return out
}
