// Reading a report as its reader may see it, and applying a review action: one transaction that locks the
// report, checks the version and the transition, changes it, appends the audit row and announces it.
import type { Database, Tx } from '../../db/client.ts'
import { atLeast, type Principal } from '../auth/roles.ts'
import { publish } from '../events.ts'
import { Problem } from '../http/problem.ts'
import type { Reader } from '../layers/incidents.ts'
import { mayRead, mayReview } from './access.ts'
import { type Action, AUDIT_ACTION, type Change, changeFor, type ReviewState } from './actions.ts'
import { findDuplicates } from './duplicates.ts'
import { findReport, lockReport, mergeTarget, ownerCandidate, readerOf, saveChange } from './queries.ts'
import type { ReportDetail } from './report.ts'

export type { ReportDetail }

export function notFound(id: number): Problem {
  return new Problem(404, 'Not found', `no report ${id}`)
}

/** The report as `principal` may see it; a 404 for one they may not read, so as not to tell it exists. */
export async function readReport(reader: Reader, principal: Principal, id: number): Promise<ReportDetail> {
  const found = await findReport(reader, id)
  if (!found || !mayRead(principal, found)) throw notFound(id)
  const { reportedBy: _by, agencyId: _agency, photo: _photo, ...view } = found
  if (!mayReview(principal, found)) return { ...view, duplicateWindow: null, duplicates: null }
  const suggestions = (await findDuplicates(reader, [id])).get(id)
  return {
    ...view,
    duplicateWindow: suggestions?.window ?? null,
    duplicates: suggestions?.duplicates ?? [],
  }
}

/**
 * Applies `action` to report `id` for `principal`; `expectedVersion` (If-Match) guards against a change
 * made meanwhile by someone else. Answers the report as it now stands, once committed.
 */
export async function reviewReport(
  database: Database,
  principal: Principal,
  id: number,
  action: Action,
  expectedVersion: number | undefined,
): Promise<ReportDetail> {
  return database.db.transaction(async (tx) => {
    const state = await lockReport(tx, id)
    if (!state || !mayRead(principal, state)) throw notFound(id)
    if (!mayReview(principal, state))
      throw new Problem(403, 'Forbidden', `reviewing report ${id} needs a coordinator of its agency`)
    if (expectedVersion !== undefined && expectedVersion !== state.version)
      throw new Problem(
        412,
        'Precondition failed',
        `report ${id} is at version ${state.version}, not ${expectedVersion}: someone changed it meanwhile; read it again`,
        [{ name: 'If-Match', reason: `the report is at version ${state.version}` }],
      )
    const change = changeFor(state, action, new Date().toISOString())
    await checkReferences(tx, state, change)
    await saveChange(tx, id, principal.userId, { ...change, action: AUDIT_ACTION[change.action] })
    // The state after the change is the locked state with the changed fields: no read of the feature
    // (each subscriber's stream reads it as they may see it).
    const now = { ...state, ...change.after }
    await publish(tx, 'incident.updated', {
      incidentId: id,
      reportedBy: state.reportedBy,
      agencyId: state.agencyId,
      action: AUDIT_ACTION[change.action],
      verification: now.verification,
      severity: now.severity,
    })
    return readReport(readerOf(tx), principal, id)
  })
}

function conflict(name: string, reason: string): Problem {
  return new Problem(409, 'Conflict', reason, [{ name, reason }])
}

/** The incident merged into must be one a report may duplicate; the new owner, a reviewer of the report. */
async function checkReferences(tx: Tx, state: ReviewState & { agencyId: number | null }, change: Change) {
  const { duplicateOf, ownerId } = change.after
  if (duplicateOf !== undefined && duplicateOf !== null) {
    const target = await mergeTarget(tx, duplicateOf)
    if (!target) throw conflict('duplicateOf', `there is no incident ${duplicateOf}`)
    if (target.verification === 'duplicate')
      throw conflict(
        'duplicateOf',
        `incident ${duplicateOf} is itself a duplicate of incident ${target.duplicateOf}: merge into that one`,
      )
    if (target.verification === 'rejected')
      throw conflict('duplicateOf', `incident ${duplicateOf} is rejected: a report cannot duplicate it`)
  }
  if (ownerId !== undefined && ownerId !== null) {
    const user = await ownerCandidate(tx, ownerId)
    if (!user) throw conflict('ownerId', `there is no user ${ownerId}`)
    if (user.disabled) throw conflict('ownerId', `user ${ownerId} is disabled`)
    if (!atLeast(user.role, 'coordinator'))
      throw conflict('ownerId', `user ${ownerId} is a ${user.role}: an owner must be a coordinator or above`)
    if (state.agencyId !== null && user.agencyId !== state.agencyId)
      throw conflict('ownerId', `user ${ownerId} is not of the report's agency`)
  }
}
