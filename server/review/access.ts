// Who may read a field report and who may review it. A report belongs to its reporter's agency: its
// reporter reads it; coordinators and admins of that agency read and review it. Admins of other agencies
// do not (a report may name people and hold a photo: the agency that took it keeps it), but an admin reviews
// the reports no agency holds (filed with the local token, e.g. a simulator on the server's machine).
// The local token (the machine's operator) reads and reviews every report.
import { atLeast, type Principal } from '../auth/roles.ts'

export interface Owned {
  reportedBy: number | null
  agencyId: number | null
}

export function mayReview(principal: Principal, report: Owned): boolean {
  if (principal.kind === 'local') return true
  if (!atLeast(principal.role, 'coordinator')) return false
  if (report.agencyId === null) return principal.role === 'admin'
  return report.agencyId === principal.agencyId
}

export function mayRead(principal: Principal, report: Owned): boolean {
  if (principal.userId !== null && report.reportedBy === principal.userId) return true
  return mayReview(principal, report)
}

/** The agencies whose reports `principal` reviews: every one, or an agency id and whether agency-less reports count. */
export function reviewScope(
  principal: Principal,
): 'all' | { agencyId: number | null; orphans: boolean } | null {
  if (principal.kind === 'local') return 'all'
  if (!atLeast(principal.role, 'coordinator')) return null
  return { agencyId: principal.agencyId, orphans: principal.role === 'admin' }
}
