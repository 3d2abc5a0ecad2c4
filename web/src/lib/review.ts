// What a coordinator may do next with a report, by its state, as the server decides it
// (server/review/actions.ts): a closed report (resolved, rejected, merged) can only be reopened.
import type { ReportView } from '../api/reports.ts'

export type ReviewButton = 'verify' | 'reject' | 'merge' | 'resolve' | 'reopen'

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

/** "3 dead · 12 missing · 41 survivors": only the counts that are not zero, in the order. */
export function countsLine(
  counts: ReportView['counts'],
  label: (key: keyof ReportView['counts'], count: number) => string,
): string {
  const keys = ['dead', 'missing', 'injured', 'survivors', 'children'] as const
  return keys
    .filter((k) => counts[k] > 0)
    .map((k) => label(k, counts[k]))
    .join(' · ')
}
