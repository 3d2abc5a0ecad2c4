// Which review action may follow which, table-driven over the pure rule (server/review/actions.ts): the
// fields each action changes, their values before, and the 409s with the field they name.
import { describe, expect, it } from 'vitest'
import { Problem } from '../../../server/http/problem.ts'
import { type Action, actionSchema, changeFor, type ReviewState } from '../../../server/review/actions.ts'

const NOW = '2026-11-30T12:00:00.000Z'
const open: ReviewState = {
  id: 7,
  verification: 'unverified',
  severity: 'high',
  ownerId: null,
  rejectionReason: null,
  duplicateOf: null,
  resolvedAt: null,
  shareable: false,
}
const verified = { ...open, verification: 'verified' } as const
const rejected = { ...open, verification: 'rejected', rejectionReason: 'hoax' } as const
const duplicate = { ...open, verification: 'duplicate', duplicateOf: 3 } as const
const resolved = { ...verified, resolvedAt: '2026-11-29T10:00:00.000Z' }

describe('changeFor', () => {
  it.each<[string, ReviewState, Action, object, object]>([
    ['verify', open, { action: 'verify' }, { verification: 'unverified' }, { verification: 'verified' }],
    [
      'verify a resolved unverified one',
      { ...open, resolvedAt: NOW },
      { action: 'verify' },
      { verification: 'unverified' },
      { verification: 'verified' },
    ],
    [
      'reject',
      open,
      { action: 'reject', reason: 'hoax' },
      { verification: 'unverified', rejectionReason: null },
      { verification: 'rejected', rejectionReason: 'hoax' },
    ],
    [
      'reject a verified one',
      verified,
      { action: 'reject', reason: 'hoax' },
      { verification: 'verified', rejectionReason: null },
      { verification: 'rejected', rejectionReason: 'hoax' },
    ],
    [
      'merge',
      open,
      { action: 'merge', duplicateOf: 3 },
      { verification: 'unverified', duplicateOf: null },
      { verification: 'duplicate', duplicateOf: 3 },
    ],
    [
      'set the severity',
      open,
      { action: 'severity', severity: 'low' },
      { severity: 'high' },
      { severity: 'low' },
    ],
    [
      'set the severity of a closed one',
      rejected,
      { action: 'severity', severity: 'low' },
      { severity: 'high' },
      { severity: 'low' },
    ],
    ['assign', open, { action: 'assign', ownerId: 4 }, { ownerId: null }, { ownerId: 4 }],
    [
      'unassign',
      { ...open, ownerId: 4 },
      { action: 'assign', ownerId: null },
      { ownerId: 4 },
      { ownerId: null },
    ],
    ['resolve', verified, { action: 'resolve' }, { resolvedAt: null }, { resolvedAt: NOW }],
    ['resolve an unverified one', open, { action: 'resolve' }, { resolvedAt: null }, { resolvedAt: NOW }],
    [
      'reopen a resolved one',
      resolved,
      { action: 'reopen' },
      { resolvedAt: resolved.resolvedAt },
      { resolvedAt: null },
    ],
    [
      'reopen a rejected one',
      rejected,
      { action: 'reopen' },
      { verification: 'rejected', rejectionReason: 'hoax' },
      { verification: 'unverified', rejectionReason: null },
    ],
    [
      'reopen a duplicate',
      duplicate,
      { action: 'reopen' },
      { verification: 'duplicate', duplicateOf: 3 },
      { verification: 'unverified', duplicateOf: null },
    ],
  ])('%s changes only its fields', (_, state, action, before, after) => {
    expect(changeFor(state, action, NOW)).toEqual({ action: action.action, before, after })
  })

  it.each<[string, ReviewState, Action, string]>([
    ['verify a verified one', verified, { action: 'verify' }, 'action'],
    ['verify a rejected one', rejected, { action: 'verify' }, 'action'],
    ['verify a duplicate', duplicate, { action: 'verify' }, 'action'],
    ['reject a rejected one', rejected, { action: 'reject', reason: 'x' }, 'action'],
    ['reject a resolved one', resolved, { action: 'reject', reason: 'x' }, 'action'],
    ['merge into itself', open, { action: 'merge', duplicateOf: 7 }, 'duplicateOf'],
    ['merge a rejected one', rejected, { action: 'merge', duplicateOf: 3 }, 'action'],
    ['merge a duplicate again', duplicate, { action: 'merge', duplicateOf: 5 }, 'action'],
    ['set the severity it has', open, { action: 'severity', severity: 'high' }, 'severity'],
    ['assign the owner it has', { ...open, ownerId: 4 }, { action: 'assign', ownerId: 4 }, 'ownerId'],
    ['unassign with no owner', open, { action: 'assign', ownerId: null }, 'ownerId'],
    ['resolve a rejected one', rejected, { action: 'resolve' }, 'action'],
    ['resolve a duplicate', duplicate, { action: 'resolve' }, 'action'],
    ['resolve a resolved one', resolved, { action: 'resolve' }, 'action'],
    ['reopen an open one', open, { action: 'reopen' }, 'action'],
    ['reopen a verified open one', verified, { action: 'reopen' }, 'action'],
  ])('refuses to %s with a 409 naming %s', (_, state, action, field) => {
    let thrown: unknown
    try {
      changeFor(state, action, NOW)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(Problem)
    expect((thrown as Problem).status).toBe(409)
    expect((thrown as Problem).invalidParams.map((p) => p.name)).toEqual([field])
  })
})

describe('actionSchema', () => {
  it.each<[unknown, string]>([
    [{ action: 'reject' }, 'reason'],
    [{ action: 'reject', reason: ' ' }, 'reason'],
    [{ action: 'reject', reason: 'x'.repeat(2001) }, 'reason'],
    [{ action: 'merge' }, 'duplicateOf'],
    [{ action: 'merge', duplicateOf: '3' }, 'duplicateOf'],
    [{ action: 'merge', duplicateOf: 1.5 }, 'duplicateOf'],
    [{ action: 'merge', duplicateOf: 0 }, 'duplicateOf'],
    [{ action: 'severity', severity: 'extreme' }, 'severity'],
    [{ action: 'assign' }, 'ownerId'],
    [{ action: 'assign', ownerId: -1 }, 'ownerId'],
    [{ action: 'archive' }, 'action'],
    [{}, 'action'],
    [{ action: 'verify', reason: 'x' }, ''],
  ])('refuses %j, naming %s', (value, field) => {
    const parsed = actionSchema.safeParse(value)
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.path.join('.')).toBe(field)
  })

  it('trims the reason', () => {
    expect(actionSchema.parse({ action: 'reject', reason: '  hoax ' })).toEqual({
      action: 'reject',
      reason: 'hoax',
    })
  })
})
