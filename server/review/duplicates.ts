// How close another incident must be to a report to be suggested as its duplicate (the SQL is in
// queries.ts). docs/api.md#likely-duplicates gives the same figures and reasons for coordinators.
import type { DbType } from './report.ts'

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
export const DUPLICATE_WINDOWS: Record<Kind, { radiusKm: number; hours: number }> = {
  sea: { radiusKm: 50, hours: 72 },
  land: { radiusKm: 10, hours: 24 },
}

/** At most this many suggestions per report, the closest first. @default 5 */
export const MAX_DUPLICATES = 5

/**
 * Types that describe one event alike, besides the same type. MMP records every death or disappearance, a
 * shipwreck's dead and missing included, as `death_or_disappearance`: a field report of a shipwreck must
 * meet them.
 */
export const RELATED_TYPES: readonly (readonly [DbType, DbType])[] = [
  ['shipwreck', 'death_or_disappearance'],
  ['death_or_disappearance', 'shipwreck'],
]
