// Sends the outbox: a report is stored first, then posted with its own Idempotency-Key, again and again
// (backing off) until the server has it or refuses it. One pass at a time, across tabs too (Web Locks), and
// every attempt reuses the key, so a report lost on the way back is answered again, never stored twice.
import type { ReportBody } from '../report-body.ts'
import {
  type Answer,
  applyOutcome,
  dueItems,
  newItem,
  nextWake,
  type OutboxItem,
  outcomeOf,
  sendableBy,
} from './outbox.ts'
import type { OutboxStore } from './store.ts'

export interface SenderDeps {
  store: OutboxStore
  post: (item: OutboxItem) => Promise<Answer>
  /** Called after every change of the stored items. */
  onChange: () => void
  /** Called when the server answered 401: the reporter must sign in again. */
  onSignInNeeded?: () => void
  newKey?: () => string
  now?: () => number
  random?: () => number
  /** Runs one pass at a time across the tabs of the page. @default navigator.locks when there are any */
  lock?: <T>(work: () => Promise<T>) => Promise<T>
  setTimer?: (run: () => void, ms: number) => unknown
  clearTimer?: (timer: unknown) => void
}

const LOCK_NAME = 'crosswatch-report-outbox'

function defaultLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks
  return locks ? locks.request(LOCK_NAME, work) : work()
}

export class Sender {
  private readonly deps: Required<Omit<SenderDeps, 'onSignInNeeded'>> & Pick<SenderDeps, 'onSignInNeeded'>
  private running: Promise<void> | null = null
  private again = false
  private all = false
  private timer: unknown = null
  /** After an attempt found no connection: nothing is tried before this (epoch ms), unless asked. */
  private holdUntil = 0
  private stopped = false
  /** While true (a 401, or no session at start) nothing is posted: it would only be refused. */
  paused = false
  /** The signed-in user's id: only their reports (and those of no known author) are sent. null: unknown. */
  userId: number | null = null

  constructor(deps: SenderDeps) {
    this.deps = {
      newKey: () => crypto.randomUUID(),
      now: Date.now,
      random: Math.random,
      lock: defaultLock,
      setTimer: (run, ms) => setTimeout(run, ms),
      clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
      ...deps,
    }
  }

  /** Stores the report with a fresh key (before any network), then tries to send it. */
  async save(body: ReportBody, author?: { id: number; name: string }): Promise<OutboxItem> {
    const item = newItem(this.deps.newKey(), body, new Date(this.deps.now()), author)
    await this.deps.store.put(item)
    this.deps.onChange()
    void this.kick()
    return item
  }

  /**
   * Sends the queued reports that are due; with `all`, every queued one (the connection is back, the page
   * opened). A call while a pass runs makes it run once more, so no call is lost and none overlaps.
   */
  kick(options: { all?: boolean } = {}): Promise<void> {
    if (options.all) {
      this.all = true
      this.holdUntil = 0
    }
    if (this.stopped || this.paused) return Promise.resolve()
    if (this.running) {
      this.again = true
      return this.running
    }
    this.running = (async () => {
      try {
        do {
          this.again = false
          await this.deps.lock(() => this.pass())
        } while (this.again && !this.paused && !this.stopped)
      } finally {
        this.running = null
        await this.schedule()
      }
    })()
    return this.running
  }

  /** After a new sign-in: the reports that waited for it go now. */
  async resume(): Promise<void> {
    this.paused = false
    const { store } = this.deps
    for (const item of await store.all()) {
      if (!item.needsSignIn) continue
      const { needsSignIn: _, ...rest } = item
      await store.put(rest)
    }
    this.deps.onChange()
    await this.kick({ all: true })
  }

  stop() {
    this.stopped = true
    if (this.timer !== null) this.deps.clearTimer(this.timer)
    this.timer = null
  }

  private async pass() {
    const { store, post, now, random, onChange } = this.deps
    const items = (await store.all()).filter((i) => sendableBy(i, this.userId))
    const due = this.all
      ? dueItems(
          items.map((i) => ({ ...i, nextAttemptAt: 0 })),
          now(),
        )
      : dueItems(items, now())
    this.all = false
    for (const { key } of due) {
      if (this.paused || this.stopped) return
      // Read again: another tab may have sent it while this one waited for the lock.
      const item = await store.get(key)
      if (item?.state !== 'queued') continue
      const answer = await post(item)
      const outcome = outcomeOf(answer)
      const next = applyOutcome(item, outcome, now(), random)
      await store.put(next)
      onChange()
      if (outcome.kind === 'signin') {
        this.paused = true
        this.deps.onSignInNeeded?.()
        return
      }
      // No connection: the next reports would not get through either; they wait as long as this one.
      if (answer.kind === 'network') {
        this.holdUntil = next.nextAttemptAt
        return
      }
    }
  }

  private async schedule() {
    if (this.timer !== null) this.deps.clearTimer(this.timer)
    this.timer = null
    if (this.stopped || this.paused) return
    const now = this.deps.now()
    const mine = (await this.deps.store.all()).filter((i) => sendableBy(i, this.userId))
    const due = nextWake(mine, now)
    if (due === null) return
    const wait = Math.max(due, this.holdUntil - now)
    this.timer = this.deps.setTimer(() => {
      this.timer = null
      void this.kick()
    }, wait)
  }
}
