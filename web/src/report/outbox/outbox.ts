// The outbox of field reports: the states a saved report goes through, and what each answer of the server
// does to it. Pure, so that the rules are tested without a browser; store.ts keeps the items, sender.ts acts.
import type { ReviewStatus } from '../../../../db/vocabulary.ts'
import { problemOf } from '../../api/http.ts'
import { isObject } from '../../lib/is-object.ts'
import { type FieldErrors, fieldErrorsOf } from '../form/fields.ts'
import type { ReportBody } from '../report-body.ts'

/** Where a report stands once the server has it: its review, as GET /api/reports/:id gives it. */
export type Review = ReviewStatus

export interface OutboxItem {
  /** The Idempotency-Key, made when the report was saved: every attempt sends the same one. */
  key: string
  savedAt: string
  body: ReportBody
  /** Who wrote it, when known: only their session sends it, so a shared phone credits the right person. */
  author?: { id: number; name: string }
  /** queued: not yet accepted (waiting for a connection or a retry); sent: stored by the server; failed: refused. */
  state: 'queued' | 'sent' | 'failed'
  attempts: number
  /** Epoch ms before which the sender leaves a queued item alone (backoff); 0 when it may go now. */
  nextAttemptAt: number
  /** Why the last attempt did not go through, or why the server refused the report. */
  error?: string
  /** True when the last attempt found no connection (its `error` is the browser's, not for people). */
  noConnection?: boolean
  /** The server's reasons, per form field (failed reports). */
  fieldErrors?: FieldErrors
  /** True while the session is gone: the report waits for the reporter to sign in again. */
  needsSignIn?: boolean
  serverId?: number
  sentAt?: string
  review?: Review
  rejectionReason?: string
  duplicateOf?: number
}

/** What came back from one POST: no answer at all, or a status and its body. */
export type Answer =
  | { kind: 'network'; message: string }
  | { kind: 'http'; status: number; body: unknown; retryAfterMs?: number }

export type Outcome =
  | { kind: 'sent'; id: number | undefined; review: Review }
  | { kind: 'retry'; reason: string; network?: boolean; afterMs?: number }
  | { kind: 'signin' }
  | { kind: 'failed'; message: string; fieldErrors: FieldErrors }

/** The first retry waits this long; each next one twice as long. @default 2 s */
const FIRST_RETRY_MS = 2_000
/** The longest wait between two attempts. @default 5 min */
export const MAX_RETRY_MS = 5 * 60_000

export function newItem(
  key: string,
  body: ReportBody,
  now: Date,
  author?: { id: number; name: string },
): OutboxItem {
  return {
    key,
    savedAt: now.toISOString(),
    body,
    state: 'queued',
    attempts: 0,
    nextAttemptAt: 0,
    ...(author ? { author } : {}),
  }
}

/** Whether the session of user `userId` may send the item: its author's, or any when either is unknown. */
export function sendableBy(item: OutboxItem, userId: number | null): boolean {
  return userId === null || item.author === undefined || item.author.id === userId
}

/**
 * 2 s, 4 s, 8 s… up to 5 min after the `attempts`-th failed attempt, ±20 % so that phones that come back
 * online together do not all retry at the same instant.
 */
export function retryDelay(attempts: number, random: () => number = Math.random): number {
  const n = Math.max(1, Math.floor(attempts))
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(n - 1, 20))
  return Math.round(base * (0.8 + 0.4 * random()))
}

/** What one answer means for the report: sent, try again later, wait for a sign-in, or refused for good. */
export function outcomeOf(answer: Answer): Outcome {
  if (answer.kind === 'network') return { kind: 'retry', reason: answer.message, network: true }
  const { status, body } = answer
  // 201 the first time; the stored answer again when the key was seen (a replay): sent either way.
  if (status >= 200 && status < 300) {
    const id = isObject(body) ? Number(body.id) : Number.NaN
    return {
      kind: 'sent',
      id: Number.isSafeInteger(id) ? id : undefined,
      review: reviewOf(body) ?? 'unverified',
    }
  }
  if (status === 401) return { kind: 'signin' }
  // Timeouts and rate limits pass; so do server errors (nothing was stored: the transaction rolled back).
  const problem = problemOf(body, status)
  if (status === 408 || status === 429 || status >= 500 || status < 400) {
    const reason = problem.message
    return answer.retryAfterMs === undefined
      ? { kind: 'retry', reason }
      : { kind: 'retry', reason, afterMs: answer.retryAfterMs }
  }
  return { kind: 'failed', message: problem.message, fieldErrors: fieldErrorsOf(problem.fields) }
}

/** The item after an attempt with this outcome, at `now` (epoch ms). */
export function applyOutcome(
  item: OutboxItem,
  outcome: Outcome,
  now: number,
  random: () => number = Math.random,
): OutboxItem {
  const { error: _e, fieldErrors: _f, needsSignIn: _n, noConnection: _c, ...rest } = item
  switch (outcome.kind) {
    case 'sent':
      return {
        ...rest,
        state: 'sent',
        attempts: item.attempts + 1,
        nextAttemptAt: 0,
        sentAt: new Date(now).toISOString(),
        review: outcome.review,
        ...(outcome.id === undefined ? {} : { serverId: outcome.id }),
      }
    case 'retry': {
      const attempts = item.attempts + 1
      const wait = outcome.afterMs ?? retryDelay(attempts, random)
      return {
        ...rest,
        state: 'queued',
        attempts,
        nextAttemptAt: now + wait,
        error: outcome.reason,
        ...(outcome.network ? { noConnection: true } : {}),
      }
    }
    case 'signin':
      // Not an attempt that failed: the report waits, as it is, for the next session.
      return { ...rest, state: 'queued', needsSignIn: true }
    case 'failed':
      return {
        ...rest,
        state: 'failed',
        attempts: item.attempts + 1,
        nextAttemptAt: 0,
        error: outcome.message,
        fieldErrors: outcome.fieldErrors,
      }
  }
}

/** Queued items whose time has come, oldest first. */
export function dueItems(items: readonly OutboxItem[], now: number): OutboxItem[] {
  return items
    .filter((item) => item.state === 'queued' && item.nextAttemptAt <= now)
    .sort((a, b) => a.savedAt.localeCompare(b.savedAt))
}

/** Milliseconds until the next queued item is due, or null when none waits. */
export function nextWake(items: readonly OutboxItem[], now: number): number | null {
  const times = items.filter((i) => i.state === 'queued').map((i) => Math.max(0, i.nextAttemptAt - now))
  return times.length ? Math.min(...times) : null
}

/** The review of a report as the server gives it (POST answer, GET /api/reports/:id or a live event). */
export function reviewOf(report: unknown): Review | null {
  if (!isObject(report)) return null
  const { verification, resolvedAt } = report
  if (verification === 'rejected' || verification === 'duplicate') return verification
  if (typeof resolvedAt === 'string' && resolvedAt) return 'resolved'
  if (verification === 'verified' || verification === 'unverified') return verification
  return null
}

/** The sent item with what the server now says of its review; unchanged when it says nothing usable. */
export function applyReview(item: OutboxItem, report: unknown): OutboxItem {
  const review = reviewOf(report)
  if (item.state !== 'sent' || !review || !isObject(report)) return item
  const { rejectionReason: _r, duplicateOf: _d, ...rest } = item
  const reason = report.rejectionReason
  const duplicateOf = Number(report.duplicateOf)
  return {
    ...rest,
    review,
    ...(review === 'rejected' && typeof reason === 'string' && reason ? { rejectionReason: reason } : {}),
    ...(review === 'duplicate' && Number.isSafeInteger(duplicateOf) ? { duplicateOf } : {}),
  }
}
