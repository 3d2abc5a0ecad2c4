// Published aggregate series (reported_counts): the row every such importer gives (italy, frontex), the
// checks they share, and the upsert on the natural key where a later report's figure wins.
import { sql } from 'drizzle-orm'
import { arrayLiteral } from '../../db/arrays.ts'
import type { Tx } from '../../db/client.ts'
import { countUpserted } from '../../db/upsert.ts'
import { parseInstant } from './crossings.ts'
import type { LoadResult } from './types.ts'

export type Measure = 'sea_arrivals' | 'illegal_border_crossings' | 'people_in_reception'
export type ScopeKind = 'country' | 'region' | 'route'
export type ReportedPeriod = 'day' | 'month' | 'year_to_date' | 'on_date'
export type BorderType = 'land' | 'sea'
export type Reception = 'hotspot' | 'reception_centre' | 'siproimi' | 'sai'

/** One figure as it goes into reported_counts; dates are YYYY-MM-DD, null breakdowns mean "all". */
export interface ReportedRow {
  measure: Measure
  scopeKind: ScopeKind
  scopeCode: string
  scopeName: string
  country: string | null
  /** The admin area that is exactly the scope; dropped at load when the database has no such area. */
  areaId: string | null
  period: ReportedPeriod
  periodStart: string
  periodEnd: string
  nationality: string | null
  borderType: BorderType | null
  reception: Reception | null
  count: number
  reportedOn: string | null
  notes: string | null
}

const MAX_COUNT = 2_147_483_647

/** `2024-03-01` → itself, or why it is not a day that exists. */
export function isoDay(text: string): { day: string } | { reason: string } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return { reason: 'expected a date such as 2024-03-01' }
  const ms = parseInstant(text)
  return typeof ms === 'string' ? { reason: ms } : { day: text }
}

/** A count of people written as digits (`54`, or `54.0` as R writes it), or null. */
export function wholeCount(text: string): number | null {
  if (!/^\d{1,10}(\.0*)?$/.test(text)) return null
  const n = Number.parseInt(text, 10)
  return n <= MAX_COUNT ? n : null
}

/** The last day of the month of `2024-02-01`: `2024-02-29`. */
export function monthEnd(firstDay: string): string {
  const [year, month] = firstDay.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10)
}

/** The natural key of reported_counts (constraint reported_counts_key) without the source. */
function keyOf(r: ReportedRow): string {
  return [
    r.measure,
    r.scopeKind,
    r.scopeCode,
    r.period,
    r.periodStart,
    r.periodEnd,
    r.nationality ?? '',
    r.borderType ?? '',
    r.reception ?? '',
  ].join('|')
}

/**
 * Upserts figures on the natural key. Of one key given twice the row of the latest report is kept, and a
 * stored figure is replaced only by one from the same or a later report (`reported_on`), so an older file
 * imported after a newer one changes nothing. An equal row is not rewritten. Counts are of figures.
 */
export async function upsertReported(tx: Tx, sourceId: string, given: ReportedRow[]): Promise<LoadResult> {
  const latest = new Map<string, ReportedRow>()
  for (const row of given) {
    const key = keyOf(row)
    const kept = latest.get(key)
    if (!kept || (row.reportedOn ?? '') >= (kept.reportedOn ?? '')) latest.set(key, row)
  }
  const rows = [...latest.values()]
  if (!rows.length) return { inserted: 0, updated: 0, unchanged: 0 }
  const column = (get: (r: ReportedRow) => string | number | null) => arrayLiteral(rows.map(get))
  return countUpserted(
    tx,
    rows.length,
    sql`
    INSERT INTO reported_counts AS r (measure, scope_kind, scope_code, scope_name, country, area_id, period,
      period_start, period_end, nationality, border_type, reception, count, reported_on, notes, source_id)
    SELECT measure::reported_measure, scope_kind::reported_scope, scope_code, scope_name, country,
           (SELECT a.id FROM admin_areas a WHERE a.id = t.area_id), period::reported_period, period_start,
           period_end, nationality, border_type::border_type, reception::reception_kind, count, reported_on,
           notes, ${sourceId}
    FROM unnest(${column((r) => r.measure)}::text[], ${column((r) => r.scopeKind)}::text[],
                ${column((r) => r.scopeCode)}::text[], ${column((r) => r.scopeName)}::text[],
                ${column((r) => r.country)}::text[], ${column((r) => r.areaId)}::text[],
                ${column((r) => r.period)}::text[], ${column((r) => r.periodStart)}::date[],
                ${column((r) => r.periodEnd)}::date[], ${column((r) => r.nationality)}::text[],
                ${column((r) => r.borderType)}::text[], ${column((r) => r.reception)}::text[],
                ${column((r) => r.count)}::int[], ${column((r) => r.reportedOn)}::date[],
                ${column((r) => r.notes)}::text[])
         AS t(measure, scope_kind, scope_code, scope_name, country, area_id, period, period_start, period_end,
              nationality, border_type, reception, count, reported_on, notes)
    ON CONFLICT ON CONSTRAINT reported_counts_key DO UPDATE SET count = excluded.count,
      reported_on = excluded.reported_on, notes = excluded.notes, scope_name = excluded.scope_name,
      country = excluded.country, area_id = excluded.area_id
    WHERE (r.reported_on IS NULL OR excluded.reported_on >= r.reported_on)
      AND (r.count, r.reported_on, r.notes, r.scope_name, r.country, r.area_id)
          IS DISTINCT FROM (excluded.count, excluded.reported_on, excluded.notes, excluded.scope_name,
                            excluded.country, excluded.area_id)
    RETURNING (xmax = 0) AS inserted`,
  )
}
