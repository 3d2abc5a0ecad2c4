// Delivers every committed live event (server/events.ts) to this process's subscribers, once each, and
// keeps doing so when the database restarts: a failed read is retried, a lost LISTEN is noticed by a
// heartbeat and re-established, and what committed meanwhile is read back from the events log.
import { sql } from 'drizzle-orm'
import { arrayLiteral } from '../db/arrays.ts'
import type { Database } from '../db/client.ts'
import {
  EVENTS_CHANNEL,
  type EventRow,
  type LiveEvent,
  MAX_REPLAY,
  SELECT_EVENTS,
  toEvent,
} from './events.ts'
import { type Logger, silentLogger } from './log.ts'

export interface HubOptions {
  /** How often the hub checks that it still hears its own NOTIFY. @default 2000 */
  heartbeatMs?: number
  /** Where failures are reported; none in most tests. */
  logger?: Logger
}

/**
 * Ids below the newest delivered one that a resync reads again: transactions take their event ids when
 * they write and may commit in another order, so a late one can land just below. @default 1000
 */
const RESYNC_SLACK = 1000
/** Delivered ids remembered so that a resync or a late notification delivers nothing twice. */
const REMEMBERED = 4 * RESYNC_SLACK
const RETRY_MS = [100, 250, 500, 1000, 2000, 5000]

/**
 * Events come whole in their notifications (or, when too big, by id, and are read back), never as
 * "newer than the last one", because of that commit order. After a gap in listening (the database
 * restarted, the LISTEN connection dropped) the log is read from just below the newest delivered id.
 */
export class EventHub {
  private readonly subscribers = new Set<(event: LiveEvent) => void>()
  private readonly stopping = new Set<() => void>()
  private readonly reconnected = new Set<() => void>()
  private readonly delivered = new Set<number>()
  private readonly token = `beat:${process.pid}:${Math.random().toString(36).slice(2)}`
  /** The newest id delivered, or the newest in the log when the hub started: nothing older is news. */
  private newest = 0
  private floor = 0
  /** Announced events: whole (most), or by id where too big for a NOTIFY (read back). */
  private pending: (number | LiveEvent)[] = []
  private resyncWanted = false
  private draining: Promise<void> | null = null
  private failures = 0
  private stopped = false
  private stopListening: () => Promise<void> = async () => {}
  private heartbeat: ReturnType<typeof setInterval> | undefined
  private beats = { sent: 0, sentAt: 0, heard: 0, inFlight: false, failing: false }
  private wake: (() => void) | null = null

  /** A hub that hears nothing until start() listens: enough to build the app (and its API document). */
  constructor(
    private readonly database: Database,
    private readonly logger: Logger = silentLogger,
    private readonly heartbeatMs = 2000,
  ) {}

  static async start(database: Database, options: HubOptions = {}): Promise<EventHub> {
    const hub = new EventHub(database, options.logger, options.heartbeatMs)
    const [row] = await database.rows<{ id: string | number }>(
      sql`SELECT coalesce(max(id), 0) AS id FROM events`,
    )
    hub.newest = hub.floor = Number(row?.id ?? 0)
    await hub.listen()
    hub.heartbeat = setInterval(() => void hub.beat(), hub.heartbeatMs)
    hub.heartbeat.unref()
    return hub
  }

  subscribe(onEvent: (event: LiveEvent) => void): () => void {
    this.subscribers.add(onEvent)
    return () => this.subscribers.delete(onEvent)
  }

  /** Called after the hub has listened again (the database came back): announcements may have been missed. */
  onReconnect(callback: () => void): () => void {
    this.reconnected.add(callback)
    return () => this.reconnected.delete(callback)
  }

  /** Called when the hub stops (the server shuts down): open streams end so it can. */
  onStop(callback: () => void): () => void {
    this.stopping.add(callback)
    return () => this.stopping.delete(callback)
  }

  async stop() {
    this.stopped = true
    clearInterval(this.heartbeat)
    this.wake?.()
    await this.stopListening().catch(() => {})
    await this.draining
    this.subscribers.clear()
    for (const callback of this.stopping) callback()
    this.stopping.clear()
  }

  private async listen() {
    let first = true
    this.stopListening = await this.database.listen(
      EVENTS_CHANNEL,
      (payload) => this.notified(payload),
      // postgres-js listens again by itself after a dropped connection: read what was missed meanwhile.
      () => {
        if (!first) this.resync()
        first = false
      },
    )
  }

  private notified(payload: string) {
    if (payload.startsWith('beat:')) {
      if (payload.startsWith(`${this.token}:`))
        this.beats.heard = Number(payload.slice(this.token.length + 1))
      return
    }
    if (payload.startsWith('{')) {
      try {
        this.pending.push(toEvent(JSON.parse(payload) as EventRow))
      } catch {
        return
      }
    } else {
      const id = Number(payload)
      if (!Number.isSafeInteger(id)) return
      this.pending.push(id)
    }
    this.drain()
  }

  private resync() {
    this.resyncWanted = true
    this.drain()
    for (const callback of this.reconnected) callback()
  }

  /**
   * Sends a NOTIFY to itself. One not heard back in time means the LISTEN is gone (postgres-js's own
   * re-LISTEN fails silently while the server is still down): listen again. A failed send means the
   * database is away: once one succeeds again, read what was missed.
   */
  private async beat() {
    const beats = this.beats
    if (beats.inFlight || this.stopped) return
    beats.inFlight = true
    try {
      if (beats.heard < beats.sent && Date.now() - beats.sentAt > 2 * this.heartbeatMs) {
        await this.stopListening().catch(() => {})
        await this.listen()
        this.logger.warn('the LISTEN for live events was lost; listening again')
        beats.heard = beats.sent
        this.resync()
      }
      const n = beats.sent + 1
      await this.database.rows(sql`SELECT pg_notify(${EVENTS_CHANNEL}, ${`${this.token}:${n}`})`)
      if (beats.heard >= beats.sent) beats.sentAt = Date.now()
      beats.sent = n
      if (beats.failing) {
        beats.failing = false
        this.resync()
      }
    } catch (error) {
      if (!beats.failing) this.logger.warn({ err: error }, 'the database is unreachable; live events wait')
      beats.failing = true
    } finally {
      beats.inFlight = false
    }
  }

  /** Reads announced events (and, after a gap, the log) in turn, retrying with a growing pause on failure. */
  private drain() {
    if (this.draining || this.stopped) return
    this.draining = (async () => {
      while (!this.stopped && (this.resyncWanted || this.pending.length)) {
        const announced = this.pending
        const resyncing = this.resyncWanted
        this.pending = []
        this.resyncWanted = false
        try {
          if (resyncing) await this.readBack()
          if (announced.length) await this.read(announced)
          if (this.failures) this.logger.info(`live events flow again after ${this.failures} failed reads`)
          this.failures = 0
        } catch (error) {
          this.pending = [...announced, ...this.pending]
          this.resyncWanted ||= resyncing
          if (!this.failures) this.logger.error({ err: error }, 'could not read announced events; retrying')
          await this.pause(RETRY_MS[Math.min(this.failures++, RETRY_MS.length - 1)] as number)
        }
      }
    })().finally(() => {
      this.draining = null
      if (!this.stopped && (this.resyncWanted || this.pending.length)) this.drain()
    })
  }

  private pause(ms: number) {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms)
      this.wake = () => {
        clearTimeout(timer)
        resolve()
      }
    })
  }

  /** Delivers the announced events in id order, reading back those announced by id alone. */
  private async read(announced: (number | LiveEvent)[]) {
    const ids = announced.filter((a): a is number => typeof a === 'number')
    const rows = ids.length
      ? await this.database.rows<EventRow>(
          sql`${SELECT_EVENTS} WHERE id = ANY(${arrayLiteral(ids)}::bigint[]) ORDER BY id`,
        )
      : []
    const whole = announced.filter((a): a is LiveEvent => typeof a !== 'number')
    this.deliver([...whole, ...rows.map(toEvent)].sort((a, b) => a.id - b.id))
  }

  /** Everything from just below the newest delivered id, page by page. */
  private async readBack() {
    let after = Math.max(this.floor, this.newest - RESYNC_SLACK)
    for (;;) {
      const rows = await this.database.rows<EventRow>(
        sql`${SELECT_EVENTS} WHERE id > ${after} ORDER BY id LIMIT ${MAX_REPLAY}`,
      )
      const events = rows.map(toEvent)
      this.deliver(events)
      if (events.length < MAX_REPLAY) return
      after = events[events.length - 1]?.id ?? after
    }
  }

  private deliver(events: LiveEvent[]) {
    for (const event of events) {
      if (this.delivered.has(event.id)) continue
      this.delivered.add(event.id)
      if (this.delivered.size > REMEMBERED)
        this.delivered.delete(this.delivered.values().next().value as number)
      this.newest = Math.max(this.newest, event.id)
      for (const onEvent of this.subscribers) {
        try {
          onEvent(event)
        } catch (error) {
          this.logger.error({ err: error, id: event.id }, 'a subscriber failed on a live event')
        }
      }
    }
  }
}
