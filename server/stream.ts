// GET /api/stream: Server-Sent Events of every change (server/events.ts) a reader may see. A client that reconnects with
// Last-Event-ID first gets the events it missed, then the live ones, each once.

import { sql } from 'drizzle-orm'
import { streamSSE } from 'hono/streaming'
import type { Database } from '../db/client.ts'
import { asCaller, type Caller, txRows } from '../db/scope.ts'
import { callerOf, principalOf, requireRole } from './auth/middleware.ts'
import { type EventHub, type EventRow, type LiveEvent, MAX_REPLAY, SELECT_EVENTS, toEvent } from './events.ts'
import type { ApiApp } from './http/openapi.ts'
import { queryParams } from './http/params.ts'
import { Problem } from './http/problem.ts'
import { listIncidents } from './layers/incidents.ts'
import { readerOf } from './review/queries.ts'

/** A comment line every so often keeps proxies from closing an idle stream. @default 15 s */
export const KEEP_ALIVE_MS = 15_000
/** How soon EventSource should reconnect after a drop. @default 2 s */
const RETRY_MS = 2_000

export function mountStream(app: ApiApp, hub: EventHub, database: Database) {
  const views = new EventViews(database)
  app.get('/api/stream', requireRole('reporter'), (c) => {
    const caller = callerOf(principalOf(c))
    const query = queryParams(c.req.url, ['lastEventId'])
    // EventSource sends Last-Event-ID on its own; a page that reloads passes it as ?lastEventId=.
    const lastEventId = parseLastEventId(c.req.header('last-event-id') ?? query.lastEventId)
    return streamSSE(c, async (stream) => {
      const sent = new Set<number>()
      const buffered: LiveEvent[] = []
      let replaying = lastEventId !== undefined
      const write = async (event: SentEvent) => {
        sent.add(event.id)
        await stream.writeSSE({ id: String(event.id), event: event.type, data: JSON.stringify(event) })
      }
      const send = async (event: LiveEvent) => {
        // A late notification of an event the client had already (before Last-Event-ID) is not news.
        if (sent.has(event.id) || (lastEventId !== undefined && event.id <= lastEventId)) return
        const seen = await views.of(event, caller)
        if (seen && !sent.has(event.id)) await write(seen)
      }
      // Subscribe before replaying, so nothing committed in between is lost; duplicates are skipped.
      const unsubscribe = hub.subscribe((event) => {
        if (replaying) buffered.push(event)
        else void send(event).catch(() => {})
      })
      const offStop = hub.onStop(() => void stream.close())
      stream.onAbort(() => {
        unsubscribe()
        offStop()
      })
      await stream.writeSSE({
        event: 'ready',
        data: JSON.stringify({ at: new Date().toISOString() }),
        retry: RETRY_MS,
      })
      if (lastEventId !== undefined) {
        for (const event of await views.since(lastEventId, caller))
          if (!sent.has(event.id)) await write(event)
        replaying = false
        for (const event of buffered.splice(0)) await send(event)
      }
      while (!stream.aborted && !stream.closed) {
        await stream.sleep(KEEP_ALIVE_MS)
        if (!stream.aborted) await stream.write(': keep-alive\n\n')
      }
      unsubscribe()
      offStop()
    })
  })
}

/** An event as one caller receives it: about an incident, with the incident as that caller may see it. */
export type SentEvent = Omit<LiveEvent, 'incidentId'>

/** How many recent events keep their per-caller views, so a thousand wall screens cost one query each. */
const REMEMBERED = 256

/**
 * Events as each caller may see them. An event about an incident is read again as the caller, through
 * row-level security: it reaches them only if they may GET the incident, and carries it as they would.
 * Callers who see an incident alike share one read (and one serialisation of it) per event.
 */
export class EventViews {
  private readonly cache = new Map<number, Map<string, Promise<SentEvent | null>>>()

  constructor(private readonly database: Database) {}

  of(event: LiveEvent, caller: Caller): Promise<SentEvent | null> {
    if (event.incidentId === null) return Promise.resolve(notAboutAnIncident(event, caller))
    const key = viewKey(caller, event)
    let perCaller = this.cache.get(event.id)
    if (!perCaller) {
      perCaller = new Map()
      this.cache.set(event.id, perCaller)
      if (this.cache.size > REMEMBERED) this.cache.delete(this.cache.keys().next().value as number)
    }
    let view = perCaller.get(key)
    if (!view) {
      view = this.read([event], caller).then((views) => views[0] ?? null)
      view.catch(() => perCaller.delete(key))
      perCaller.set(key, view)
    }
    return view
  }

  /** What a client reconnecting with Last-Event-ID missed, as the caller may see it, oldest first. */
  async since(lastId: number, caller: Caller): Promise<SentEvent[]> {
    const events = await asCaller(this.database, caller, (tx) =>
      txRows<EventRow>(tx, sql`${SELECT_EVENTS} WHERE id > ${lastId} ORDER BY id LIMIT ${MAX_REPLAY}`),
    )
    const views = await this.read(events.map(toEvent), caller)
    return views.filter((v): v is SentEvent => v !== null)
  }

  private async read(events: LiveEvent[], caller: Caller): Promise<(SentEvent | null)[]> {
    const ids = [...new Set(events.flatMap((e) => (e.incidentId === null ? [] : [e.incidentId])))]
    const features = ids.length
      ? await asCaller(this.database, caller, (tx) => listIncidents(readerOf(tx), { ids }))
      : { features: [] }
    const byId = new Map(features.features.map((f) => [f.properties.id, f]))
    return events.map((event) => {
      if (event.incidentId === null) return notAboutAnIncident(event, caller)
      const feature = byId.get(event.incidentId)
      return feature ? strip(event, feature) : null
    })
  }
}

/** Counts and surges are for the map's readers; a reporter hears only of the reports they may see. */
function notAboutAnIncident(event: LiveEvent, caller: Caller): SentEvent | null {
  return caller.role === 'reporter' ? null : strip(event, undefined)
}

/** Who sees an incident alike: role and agency, and whether the caller reported it. */
function viewKey(caller: Caller, event: LiveEvent): string {
  const own = caller.userId !== null && event.payload.reportedBy === caller.userId
  return `${caller.role}:${caller.agencyId ?? ''}:${own ? caller.userId : ''}`
}

/** The event without what only the server keeps (who filed it, its agency's id), with the caller's feature. */
function strip(event: LiveEvent, feature: unknown): SentEvent {
  const { reportedBy: _r, agencyId: _a, feature: _f, ...payload } = event.payload
  return {
    id: event.id,
    type: event.type,
    createdAt: event.createdAt,
    payload: feature === undefined ? payload : { ...payload, feature },
  }
}

function parseLastEventId(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined
  if (!/^\d{1,15}$/.test(value))
    throw Problem.invalid([{ name: 'lastEventId', reason: 'expected the id of an event, a whole number' }])
  return Number(value)
}
