// What a coordinator may do next with a report, by its state, as the server decides it
// (server/review/actions.ts): a closed report (resolved, rejected, merged) can only be reopened; whether
// they may share its details; and how its counts read.
import type { TFunction } from 'i18next'
import type { ActionName } from '../../../server/review/actions.ts'
import type { CountKey } from '../api/layer-types.ts'
import type { ReportView } from '../api/reports.ts'
import { type ShownCount, shownCounts } from './counts.ts'

/** The actions that change a report's state; severity, owner and sharing have controls of their own. */
export type ReviewButton = Extract<ActionName, 'verify' | 'reject' | 'merge' | 'resolve' | 'reopen'>

type State = Pick<ReportView, 'verification' | 'resolvedAt'>

export function isClosed(report: State): boolean {
  return (
    report.resolvedAt !== null || report.verification === 'rejected' || report.verification === 'duplicate'
  )
}

/** The buttons to show, in order; severity and owner can be changed whatever the state. */
export function reviewButtons(report: State): ReviewButton[] {
  if (isClosed(report)) return ['reopen']
  if (report.verification === 'unverified') return ['verify', 'reject', 'merge', 'resolve']
  return ['reject', 'merge', 'resolve']
}

/**
 * "3 dead · fewer than 5 missing · 41 survivors": the counts that are not zero and those withheld (1 to 4,
 * not given outside the report's agency: lib/counts.ts), in the API's order.
 */
export function countsLine(
  counts: Readonly<Record<CountKey, number | null>>,
  label: (key: CountKey, count: ShownCount) => string,
  withheld: readonly string[] = [],
): string {
  return shownCounts(counts, withheld)
    .map(([key, count]) => label(key, count))
    .join(' · ')
}

/** "3 dead", or "fewer than 5 dead" when withheld: one count in the reader's language. */
export function countPhrase(t: TFunction, key: CountKey, count: ShownCount): string {
  return count === 'withheld' ? t(`review.fewerThan5.${key}`) : t(`review.counts.${key}`, { count })
}

/**
 * Whether the share toggle is offered: a verified report of the reader's own agency. Other agencies see
 * only verified reports; an unverified, rejected or merged one is shared with nobody whatever its flag.
 */
export function mayShare(
  report: Pick<ReportView, 'verification' | 'agency'>,
  agencyId: number | null | undefined,
): boolean {
  return report.verification === 'verified' && report.agency !== null && report.agency.id === agencyId
}
