// The review actions on a report and which may follow which: each action, checked against the report's
// state, becomes the fields it changes (and only those), or a 409 naming what stands in the way.
import { z } from '@hono/zod-openapi'
import { type ReviewAuditAction, SEVERITIES, type Severity } from '../../db/vocabulary.ts'
import { Problem } from '../http/problem.ts'
import type { Verification } from './report.ts'

export const ACTIONS = [
  'verify',
  'reject',
  'merge',
  'severity',
  'assign',
  'share',
  'resolve',
  'reopen',
] as const
export type ActionName = (typeof ACTIONS)[number]

/** The audit trail's name of each action: what happened. */
export const AUDIT_ACTION: Record<ActionName, ReviewAuditAction> = {
  verify: 'verified',
  reject: 'rejected',
  merge: 'merged',
  severity: 'severity',
  assign: 'assigned',
  share: 'shared',
  resolve: 'resolved',
  reopen: 'reopened',
}

const id = (what: string) =>
  z
    .number({ error: `expected the id of ${what}, a whole number` })
    .int({ error: `expected the id of ${what}, a whole number` })
    .positive({ error: `expected the id of ${what}, a whole number` })
    .max(2 ** 53 - 1)

export const actionSchema = z
  .discriminatedUnion(
    'action',
    [
      z.strictObject({ action: z.literal('verify') }),
      z.strictObject({
        action: z.literal('reject'),
        reason: z
          .string({ error: 'required: say why the report is rejected' })
          .trim()
          .min(1, { error: 'required: say why the report is rejected' })
          .max(2000, { error: 'at most 2000 characters' }),
      }),
      z.strictObject({ action: z.literal('merge'), duplicateOf: id('the incident this report duplicates') }),
      z.strictObject({
        action: z.literal('severity'),
        severity: z.enum(SEVERITIES, { error: `expected one of ${SEVERITIES.join(', ')}` }),
      }),
      z.strictObject({
        action: z.literal('assign'),
        ownerId: id('a coordinator of the agency').nullable(),
      }),
      z.strictObject({
        action: z.literal('share'),
        shareable: z.boolean({ error: 'expected true (other agencies read its description) or false' }),
      }),
      z.strictObject({ action: z.literal('resolve') }),
      z.strictObject({ action: z.literal('reopen') }),
    ],
    { error: `expected an object whose action is one of ${ACTIONS.join(', ')}` },
  )
  .openapi('ReviewAction')
export type Action = z.output<typeof actionSchema>

/** The fields a review changes, as the API names them (and the audit trail records them). */
export interface ReviewFields {
  verification: Verification
  severity: Severity
  ownerId: number | null
  rejectionReason: string | null
  duplicateOf: number | null
  resolvedAt: string | null
  /** Other agencies read its description once it is verified (docs/api.md#who-sees-what). */
  shareable: boolean
}

export interface ReviewState extends ReviewFields {
  id: number
}

export interface Change {
  action: ActionName
  before: Partial<ReviewFields>
  after: Partial<ReviewFields>
}

function conflict(name: string, reason: string): Problem {
  return new Problem(409, 'Conflict', reason, [{ name, reason }])
}

/** Why the report is closed, or null while it is open (to verify, reject, merge or resolve). */
function closedBecause(state: ReviewState): string | null {
  if (state.resolvedAt) return `report ${state.id} is resolved: reopen it first`
  if (state.verification === 'rejected') return `report ${state.id} is rejected: reopen it first`
  if (state.verification === 'duplicate')
    return `report ${state.id} is a duplicate of incident ${state.duplicateOf}: reopen it first`
  return null
}

/**
 * What `action` changes on a report in `state`, at `now` (ISO). References (the incident merged into, the
 * new owner) are checked by the caller against the database; everything else is checked here.
 */
export function changeFor(state: ReviewState, action: Action, now: string): Change {
  const after = afterOf(state, action, now)
  const before = Object.fromEntries(
    Object.keys(after).map((k) => [k, state[k as keyof ReviewFields]]),
  ) as Partial<ReviewFields>
  return { action: action.action, before, after }
}

function afterOf(state: ReviewState, action: Action, now: string): Partial<ReviewFields> {
  const closed = closedBecause(state)
  switch (action.action) {
    case 'verify':
      if (state.verification === 'verified')
        throw conflict('action', `report ${state.id} is verified already`)
      if (state.verification !== 'unverified') throw conflict('action', closed as string)
      return { verification: 'verified' }
    case 'reject':
      if (closed) throw conflict('action', closed)
      return { verification: 'rejected', rejectionReason: action.reason }
    case 'merge':
      if (action.duplicateOf === state.id)
        throw conflict('duplicateOf', `report ${state.id} cannot be a duplicate of itself`)
      if (closed) throw conflict('action', closed)
      return { verification: 'duplicate', duplicateOf: action.duplicateOf }
    case 'severity':
      if (action.severity === state.severity)
        throw conflict('severity', `report ${state.id} is of ${state.severity} severity already`)
      return { severity: action.severity }
    case 'assign':
      if (action.ownerId === state.ownerId)
        throw conflict(
          'ownerId',
          action.ownerId === null
            ? `report ${state.id} has no owner`
            : `report ${state.id} is assigned to user ${action.ownerId} already`,
        )
      return { ownerId: action.ownerId }
    case 'share':
      if (action.shareable === state.shareable)
        throw conflict(
          'shareable',
          `report ${state.id} is ${state.shareable ? 'shared' : 'not shared'} with other agencies already`,
        )
      return { shareable: action.shareable }
    case 'resolve':
      if (closed) throw conflict('action', closed)
      return { resolvedAt: now }
    case 'reopen':
      if (state.resolvedAt) return { resolvedAt: null }
      if (state.verification === 'rejected') return { verification: 'unverified', rejectionReason: null }
      if (state.verification === 'duplicate') return { verification: 'unverified', duplicateOf: null }
      throw conflict('action', `report ${state.id} is open: there is nothing to reopen`)
  }
}
