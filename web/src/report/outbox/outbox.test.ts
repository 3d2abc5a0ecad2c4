import { describe, expect, it } from 'vitest'
import type { ReportBody } from '../report-body.ts'
import {
  type Answer,
  applyOutcome,
  applyReview,
  dueItems,
  MAX_RETRY_MS,
  newItem,
  nextWake,
  type OutboxItem,
  outcomeOf,
  retryDelay,
  reviewOf,
} from './outbox.ts'

const body: ReportBody = {
  type: 'shipwreck',
  occurredAt: '2026-11-30T09:15:00+01:00',
  location: { type: 'Point', coordinates: [12.6, 35.5] },
  accuracyM: 12,
  counts: { dead: 1, missing: 2, injured: 0, survivors: 30, children: 4 },
  description: 'Boat capsized',
}
const item = (over: Partial<OutboxItem> = {}): OutboxItem => ({
  ...newItem('9b2f6f0e-3c1d-4c55-9a59-2a8f4f3d6a10', body, new Date('2026-11-30T10:00:00Z')),
  ...over,
})
const http = (status: number, answer: unknown = {}, retryAfterMs?: number): Answer =>
  retryAfterMs === undefined
    ? { kind: 'http', status, body: answer }
    : { kind: 'http', status, body: answer, retryAfterMs }
const problem = (status: number, detail: string, params?: { name: string; reason: string }[]) => ({
  type: 'about:blank',
  title: 'Invalid request',
  status,
  detail,
  ...(params ? { 'invalid-params': params } : {}),
})

describe('outcomeOf: what an answer does to a report', () => {
  it.each<[string, Answer, string]>([
    ['no connection', { kind: 'network', message: 'Failed to fetch' }, 'retry'],
    ['201 created', http(201, { id: 7, verification: 'unverified' }), 'sent'],
    ['200, the answer of an earlier attempt with the key (a replay)', http(200, { id: 7 }), 'sent'],
    ['401, the session ended', http(401, problem(401, 'sign in first')), 'signin'],
    ['408 request timeout', http(408), 'retry'],
    ['429 too many requests', http(429, {}, 30_000), 'retry'],
    ['500 internal error', http(500, problem(500, 'the error was logged')), 'retry'],
    ['503 from a proxy, no JSON', http(503, null), 'retry'],
    ['400 invalid', http(400, problem(400, 'counts.dead: at most 100000')), 'failed'],
    ['403 role too low', http(403, problem(403, 'this needs the role reporter')), 'failed'],
    ['413 too large', http(413, problem(413, 'the body is larger than 64 kB')), 'failed'],
    ['422 key reused with another report', http(422, problem(422, 'make a new key')), 'failed'],
  ])('%s → %s', (_, answer, kind) => {
    expect(outcomeOf(answer).kind).toBe(kind)
  })

  it('takes the id and review of the stored report', () => {
    expect(outcomeOf(http(201, { id: 42, verification: 'unverified' }))).toEqual({
      kind: 'sent',
      id: 42,
      review: 'unverified',
    })
    expect(outcomeOf(http(201, { id: 'x' }))).toEqual({ kind: 'sent', id: undefined, review: 'unverified' })
  })

  it("keeps the server's message and maps invalid-params to the form's fields", () => {
    const outcome = outcomeOf(
      http(
        400,
        problem(400, 'counts.dead: expected a whole number; location: outside the world', [
          { name: 'counts.dead', reason: 'expected a whole number, 0 or more' },
          { name: 'location.coordinates', reason: 'outside the world' },
          { name: 'Idempotency-Key', reason: 'expected a UUID' },
        ]),
      ),
    )
    expect(outcome).toEqual({
      kind: 'failed',
      message: 'counts.dead: expected a whole number; location: outside the world',
      fieldErrors: {
        dead: 'expected a whole number, 0 or more',
        location: 'outside the world',
        form: 'Idempotency-Key: expected a UUID',
      },
    })
  })

  it('passes on the Retry-After of a 429', () => {
    expect(outcomeOf(http(429, problem(429, 'slow down'), 30_000))).toEqual({
      kind: 'retry',
      reason: 'slow down',
      afterMs: 30_000,
    })
  })
})

describe('retryDelay: backing off', () => {
  it.each([
    [1, 2_000],
    [2, 4_000],
    [3, 8_000],
    [8, 256_000],
    [9, MAX_RETRY_MS],
    [50, MAX_RETRY_MS],
  ])('after %i failed attempts waits %i ms (no jitter)', (attempts, ms) => {
    expect(retryDelay(attempts, () => 0.5)).toBe(ms)
  })

  it('spreads retries by ±20 %', () => {
    expect(retryDelay(1, () => 0)).toBe(1_600)
    expect(retryDelay(1, () => 1)).toBe(2_400)
  })
})

describe('applyOutcome: the state transitions', () => {
  const now = Date.parse('2026-11-30T10:00:05Z')

  it('queued → sent, with the server id and review, clearing earlier errors', () => {
    const sent = applyOutcome(
      item({ attempts: 2, error: 'Failed to fetch' }),
      outcomeOf(http(201, { id: 9 })),
      now,
    )
    expect(sent).toMatchObject({ state: 'sent', serverId: 9, review: 'unverified', attempts: 3 })
    expect(sent.sentAt).toBe('2026-11-30T10:00:05.000Z')
    expect(sent).not.toHaveProperty('error')
    expect(sent.key).toBe(item().key)
  })

  it('queued → queued with a later attempt on no connection, each time waiting longer', () => {
    const offline = outcomeOf({ kind: 'network', message: 'Failed to fetch' })
    const once = applyOutcome(item(), offline, now, () => 0.5)
    expect(once).toMatchObject({
      state: 'queued',
      attempts: 1,
      nextAttemptAt: now + 2_000,
      noConnection: true,
    })
    const twice = applyOutcome(once, offline, now, () => 0.5)
    expect(twice.nextAttemptAt).toBe(now + 4_000)
    // A server error is not a missing connection: its reason is shown.
    const failing = applyOutcome(
      twice,
      outcomeOf(http(503, problem(503, 'database restarting'))),
      now,
      () => 0.5,
    )
    expect(failing).toMatchObject({ attempts: 3, nextAttemptAt: now + 8_000, error: 'database restarting' })
    expect(failing).not.toHaveProperty('noConnection')
  })

  it('waits as long as Retry-After says', () => {
    const next = applyOutcome(item(), { kind: 'retry', reason: 'slow down', afterMs: 60_000 }, now)
    expect(next.nextAttemptAt).toBe(now + 60_000)
  })

  it('401 keeps the report queued, unchanged but for waiting for a sign-in', () => {
    const next = applyOutcome(item({ attempts: 1 }), { kind: 'signin' }, now)
    expect(next).toMatchObject({ state: 'queued', attempts: 1, needsSignIn: true })
  })

  it('queued → failed with the message and the field reasons', () => {
    const next = applyOutcome(
      item(),
      outcomeOf(http(400, problem(400, 'bad', [{ name: 'type', reason: 'no' }]))),
      now,
    )
    expect(next).toMatchObject({ state: 'failed', error: 'bad', fieldErrors: { type: 'no' } })
  })
})

describe('which reports are due', () => {
  const now = 1_000_000
  const a = item({ key: 'a', savedAt: '2026-11-30T10:00:00Z', nextAttemptAt: 0 })
  const b = item({ key: 'b', savedAt: '2026-11-30T09:00:00Z', nextAttemptAt: now - 1 })
  const later = item({ key: 'c', savedAt: '2026-11-30T08:00:00Z', nextAttemptAt: now + 5_000 })
  const sent = item({ key: 'd', state: 'sent' })
  const failed = item({ key: 'e', state: 'failed' })

  it('only queued ones whose time has come, oldest first', () => {
    expect(dueItems([a, b, later, sent, failed], now).map((i) => i.key)).toEqual(['b', 'a'])
  })

  it('wakes for the next queued one, or not at all', () => {
    expect(nextWake([later, sent], now)).toBe(5_000)
    expect(nextWake([a, later], now)).toBe(0)
    expect(nextWake([sent, failed], now)).toBeNull()
  })
})

describe('reviews', () => {
  it.each([
    [{ verification: 'unverified' }, 'unverified'],
    [{ verification: 'verified', resolvedAt: null }, 'verified'],
    [{ verification: 'verified', resolvedAt: '2026-12-01T08:00:00Z' }, 'resolved'],
    [{ verification: 'rejected', resolvedAt: '2026-12-01T08:00:00Z' }, 'rejected'],
    [{ verification: 'duplicate', duplicateOf: 3 }, 'duplicate'],
    [{ verification: 'pending' }, null],
    [{}, null],
    [null, null],
  ])('%j → %s', (report, review) => {
    expect(reviewOf(report)).toBe(review)
  })

  it('keeps the rejection reason and the report it duplicates', () => {
    const sent = item({ state: 'sent', serverId: 5, review: 'unverified' })
    expect(
      applyReview(sent, { verification: 'rejected', rejectionReason: 'not on the route' }),
    ).toMatchObject({
      review: 'rejected',
      rejectionReason: 'not on the route',
    })
    expect(applyReview(sent, { verification: 'duplicate', duplicateOf: 4 })).toMatchObject({
      review: 'duplicate',
      duplicateOf: 4,
    })
  })

  it('leaves a report alone when the answer has no review (a server without the field yet)', () => {
    const sent = item({ state: 'sent', serverId: 5, review: 'verified' })
    expect(applyReview(sent, { id: 5 })).toBe(sent)
    expect(applyReview(item(), { verification: 'verified' }).review).toBeUndefined()
  })
})
