// Live events: written to the `events` log and announced with NOTIFY in the transaction that makes the
// change, so they go out only once it commits, from every server process on the database.
import { sql } from 'drizzle-orm'
import { arrayLiteral } from '../data/modelled/pg-arrays.ts'
import type { Database, Db, Tx } from '../db/client.ts'
import { txRows } from '../db/scope.ts'

export const EVENTS_CHANNEL = 'crosswatch_events'

export const EVENT_TYPES = [
  'incident.created',
  'incident.updated',
  'crossings.updated',
  'surge.detected',
] as const
export type EventType = (typeof EVENT_TYPES)[number]

export interface LiveEvent {
  id: number
  type: EventType
  payload: Record<string, unknown>
  createdAt: string
  /** The incident it is about, if any (not sent: the payload says it too). */
  incidentId: number | null
}

export type EventRow = Omit<LiveEvent, 'id' | 'incidentId'> & {
  id: string | number
  incidentId: string | number | null
}

export const toEvent = (r: EventRow): LiveEvent => ({
  ...r,
  id: Number(r.id),
  incidentId: r.incidentId === null ? null : Number(r.incidentId),
})

/**
 * Logs an event in the caller's transaction; it is announced when that transaction commits. An event about
 * an incident names it in `payload.incidentId`: it then reaches only those who may see the incident, each
 * with the incident as they may see it (stream.ts), never the payload as stored.
 */
export async function publish(tx: Tx, type: EventType, payload: Record<string, unknown>): Promise<number> {
  const incidentId = typeof payload.incidentId === 'number' ? payload.incidentId : null
  const [row] = await txRows<{ id: string | number }>(
    tx,
    sql`INSERT INTO events (type, payload, incident_id)
        VALUES (${type}, ${JSON.stringify(payload)}::jsonb, ${incidentId}::bigint) RETURNING id`,
  )
  const id = Number(row?.id)
  await tx.execute(sql`SELECT pg_notify(${EVENTS_CHANNEL}, ${String(id)})`)
  return id
}

/** Logs and announces an event in a transaction of its own. */
export function publishNow(database: Database, type: EventType, payload: Record<string, unknown>) {
  return (database.db as Db).transaction((tx) => publish(tx, type, payload))
}

export const SELECT_EVENTS = sql`
  SELECT id, type, payload, incident_id AS "incidentId", to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"
  FROM events`

/** How many missed events a reconnecting client is sent at most. @default 1000 */
export const MAX_REPLAY = 1000

/**
 * Delivers every committed event to this process's subscribers. Events are fetched by the ids the
 * notifications carry, not by "newer than the last one": ids are taken when a transaction starts
 * writing, and two transactions may commit in the other order.
 */
export class EventHub {
  private readonly subscribers = new Set<(event: LiveEvent) => void>()
  private readonly stopping = new Set<() => void>()
  private pending: number[] = []
  private flushing: Promise<void> | null = null
  private stopListening: () => Promise<void> = async () => {}

  private constructor(private readonly database: Database) {}

  static async start(database: Database): Promise<EventHub> {
    const hub = new EventHub(database)
    hub.stopListening = await database.listen(EVENTS_CHANNEL, (payload) => hub.notified(payload))
    return hub
  }

  subscribe(onEvent: (event: LiveEvent) => void): () => void {
    this.subscribers.add(onEvent)
    return () => this.subscribers.delete(onEvent)
  }

  /** Events after `lastId` (what a client that reconnects with Last-Event-ID missed), oldest first. */
  async since(lastId: number): Promise<LiveEvent[]> {
    const rows = await this.database.rows<EventRow>(
      sql`${SELECT_EVENTS} WHERE id > ${lastId} ORDER BY id LIMIT ${MAX_REPLAY}`,
    )
    return rows.map(toEvent)
  }

  /** Called when the hub stops (the server shuts down): open streams end so it can. */
  onStop(callback: () => void): () => void {
    this.stopping.add(callback)
    return () => this.stopping.delete(callback)
  }

  async stop() {
    await this.stopListening()
    await this.flushing
    this.subscribers.clear()
    for (const callback of this.stopping) callback()
    this.stopping.clear()
  }

  private notified(payload: string) {
    const id = Number(payload)
    if (!Number.isSafeInteger(id)) return
    this.pending.push(id)
    this.flushing ??= this.flush()
  }

  /** Fetches the announced events in batches, one query for all that arrived meanwhile. */
  private async flush() {
    while (this.pending.length) {
      const ids = this.pending
      this.pending = []
      try {
        const rows = await this.database.rows<EventRow>(
          sql`${SELECT_EVENTS} WHERE id = ANY(${arrayLiteral(ids)}::bigint[]) ORDER BY id`,
        )
        for (const event of rows.map(toEvent)) for (const deliver of this.subscribers) deliver(event)
      } catch (error) {
        console.error('[crosswatch] could not read announced events', ids, error)
      }
    }
    this.flushing = null
  }
}
