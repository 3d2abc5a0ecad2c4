// GET /api/stream: Server-Sent Events of every change (server/events.ts) a reader may see. A client that reconnects with
// Last-Event-ID first gets the events it missed, then the live ones, each once.

import type { ServerResponse } from 'node:http'
import { createRoute, z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import type { Database } from '../db/client.ts'
import { txRows } from '../db/rows.ts'
import { asCaller, type Caller } from '../db/scope.ts'
import { callerOf, principalOf, requireRole } from './auth/middleware.ts'
import type { EventHub } from './event-hub.ts'
import {
  EVENT_TYPES,
  type EventRow,
  type LiveEvent,
  MAX_REPLAY,
  SELECT_EVENTS,
  type SentEvent,
  sentEventSchema,
  toEvent,
} from './events.ts'
import { EventStreamBody, SSE_HEADERS, sseComment, sseMessage } from './http/event-stream.ts'
import { type ApiApp, problems, SIGNED_IN } from './http/openapi.ts'
import { type IncidentFeature, listIncidents } from './layers/incidents.ts'
import { LiveFanout, type Subscriber } from './live-fanout.ts'
import { readerOf } from './review/queries.ts'

/** A comment line every so often keeps proxies from closing an idle stream. @default 15 s */
const KEEP_ALIVE_MS = 15_000
const KEEP_ALIVE = sseComment('keep-alive')
/** How soon EventSource should reconnect after a drop. @default 2 s */
const RETRY_MS = 2_000

const eventId = z
  .string()
  .regex(/^(\d{1,15})?$/, 'expected the id of an event, a whole number')
  .optional()
  .transform((value) => (value ? Number(value) : undefined))

const streamRoute = createRoute({
  method: 'get',
  path: '/api/stream',
  operationId: 'streamEvents',
  summary: 'Live events, as Server-Sent Events',
  description:
    'Every change the caller may see, as it commits: SSE messages of event type ' +
    `${EVENT_TYPES.join(', ')}, each with an id and, as data, a LiveEvent (one of the *Event schemas). ` +
    'The first message is `ready`. An event about an incident carries it as the caller may see it; a ' +
    'reporter hears only of the reports they may see. A client that reconnects with Last-Event-ID (or, ' +
    'after a reload, ?lastEventId=) first gets what it missed, at most 1,000 events, then the live ones.',
  tags: ['live'],
  security: SIGNED_IN,
  middleware: [requireRole('reporter')] as const,
  request: {
    headers: z.object({
      'Last-Event-ID': eventId.openapi({
        description: 'the id of the last event received (EventSource sends it)',
      }),
    }),
    query: z.strictObject({
      lastEventId: eventId.openapi({ description: 'as Last-Event-ID, for a page that reloads' }),
    }),
  },
  responses: {
    200: {
      description: 'the event stream; it ends when the server stops',
      content: {
        // Each message's data is a LiveEvent (OpenAPI 3.1 has no way to say "a stream of"; 3.2's itemSchema).
        'text/event-stream': { schema: sentEventSchema },
      },
    },
    ...problems(401, 403),
  },
})

export function mountStream(app: ApiApp, hub: EventHub, database: Database) {
  const views = new EventViews(database)
  // A view that cannot be read (the database is away) ends its streams after a few tries, and nothing
  // after it is written to them: the clients reconnect with the last id they have and are replayed.
  const fanout = new LiveFanout(
    {
      keyOf: viewKey,
      of: (event, caller, wanted) => viewWithRetries(views, event, caller, () => !wanted()),
    },
    hub,
  )
  app.openapi(streamRoute, (c) => {
    const caller = callerOf(principalOf(c))
    // EventSource sends Last-Event-ID on its own; a page that reloads passes it as ?lastEventId=.
    const lastEventId = c.req.valid('header')['Last-Event-ID'] ?? c.req.valid('query').lastEventId
    const body = new EventStreamBody()
    // On Node the messages go straight to the response, its head written once the middlewares have set
    // their headers on the answer (a turn later); elsewhere (app.request in tests) as a web stream.
    const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing
    if (outgoing) body.willAttach()
    c.req.raw.signal.addEventListener('abort', () => body.close())
    // While the missed events are replayed, live ones are held; those the replay sent are not sent again.
    const subscriber: Subscriber = {
      body,
      caller,
      after: lastEventId,
      held: lastEventId === undefined ? null : [],
    }
    const remove = fanout.add(subscriber)
    const offStop = hub.onStop(() => body.close())
    const keepAlive = setInterval(() => body.write(KEEP_ALIVE), KEEP_ALIVE_MS)
    body.onClose(() => {
      clearInterval(keepAlive)
      remove()
      offStop()
    })
    body.write(sseMessage({ event: 'ready', data: { at: new Date().toISOString() }, retry: RETRY_MS }))
    if (lastEventId !== undefined)
      void views.since(lastEventId, caller).then(
        (messages) => {
          const sent = new Set<number>()
          for (const message of messages) {
            sent.add(message.id)
            body.write(message.bytes)
          }
          fanout.live(subscriber, sent)
        },
        () => body.close(),
      )
    if (!outgoing) return c.body(body.readable, 200, SSE_HEADERS)
    setImmediate(() => {
      const headers = Object.fromEntries([...c.res.headers].filter(([name]) => name !== ALREADY_SENT))
      outgoing.writeHead(200, headers)
      outgoing.flushHeaders()
      body.attach(outgoing)
    })
    c.res = new NativeResponse(null, { status: 200, headers: { ...SSE_HEADERS, [ALREADY_SENT]: 'true' } })
    return c.res as ReturnType<typeof c.body>
  })
}

/** The header that tells @hono/node-server the handler answers on the socket's response itself. */
const ALREADY_SENT = 'x-hono-already-sent'
/**
 * Node's own Response, as it is before @hono/node-server puts its lighter one in its place (when it
 * starts serving, after this module loaded): the server takes the header above only from the former.
 */
const NativeResponse = globalThis.Response

const VIEW_RETRIES_MS = [100, 400, 1500]

async function viewWithRetries(views: EventViews, event: LiveEvent, caller: Caller, gone: () => boolean) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await views.of(event, caller)
    } catch (error) {
      const pause = VIEW_RETRIES_MS[attempt]
      if (pause === undefined || gone()) throw error
      await new Promise((resolve) => setTimeout(resolve, pause))
    }
  }
}

/** An event as one visibility class receives it: serialised once, as the SSE message's bytes. */
export interface Message {
  id: number
  event: SentEvent
  bytes: Uint8Array
}

/** The SSE message of `event`. */
function message(event: SentEvent): Message {
  return { id: event.id, event, bytes: sseMessage({ event: event.type, data: event, id: event.id }) }
}

/** How many recent events keep their per-caller views, so a thousand wall screens cost one query each. */
const REMEMBERED = 256

/**
 * Events as each caller may see them. An event about an incident is read again as the caller, through
 * row-level security: it reaches them only if they may GET the incident, and carries it as they would.
 * Callers who see an event alike share one read and one serialisation of it.
 */
export class EventViews {
  private readonly cache = new Map<number, Map<string, Promise<Message | null>>>()

  constructor(private readonly database: Database) {}

  of(event: LiveEvent, caller: Caller): Promise<Message | null> {
    const key = viewKey(caller, event)
    let perCaller = this.cache.get(event.id)
    if (!perCaller) {
      perCaller = new Map()
      this.cache.set(event.id, perCaller)
      if (this.cache.size > REMEMBERED) this.cache.delete(this.cache.keys().next().value as number)
    }
    let view = perCaller.get(key)
    if (!view) {
      view = this.read([event], caller).then(([seen]) => (seen ? message(seen) : null))
      view.catch(() => perCaller.delete(key))
      perCaller.set(key, view)
    }
    return view
  }

  /** What a client reconnecting with Last-Event-ID missed, as the caller may see it, oldest first. */
  async since(lastId: number, caller: Caller): Promise<Message[]> {
    const events = await asCaller(this.database, caller, (tx) =>
      txRows<EventRow>(tx, sql`${SELECT_EVENTS} WHERE id > ${lastId} ORDER BY id LIMIT ${MAX_REPLAY}`),
    )
    const views = await this.read(events.map(toEvent), caller)
    return views.filter((v): v is SentEvent => v !== null).map(message)
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
      return feature ? toSent(event, feature) : null
    })
  }
}

/** Counts and surges are for the map's readers; a reporter hears only of the reports they may see. */
function notAboutAnIncident(event: LiveEvent, caller: Caller): SentEvent | null {
  return caller.role === 'reporter' ? null : toSent(event, undefined)
}

/** Who sees an event alike: for an incident, role and agency and whether the caller reported it. */
function viewKey(caller: Caller, event: LiveEvent): string {
  if (event.incidentId === null) return caller.role === 'reporter' ? 'reporter' : 'reader'
  const reportedBy = 'reportedBy' in event.payload ? event.payload.reportedBy : null
  const own = caller.userId !== null && reportedBy === caller.userId
  return `${caller.role}:${caller.agencyId ?? ''}:${own ? caller.userId : ''}`
}

/**
 * The event as it is sent: named fields only, never what only the server keeps (who filed it, its
 * agency's id); an event about an incident carries the caller's view of it, or is not sent at all.
 */
function toSent(event: LiveEvent, feature: IncidentFeature | undefined): SentEvent | null {
  const { id, createdAt } = event
  switch (event.type) {
    case 'incident.created': {
      const { incidentId } = event.payload
      return feature ? { id, createdAt, type: event.type, payload: { incidentId, feature } } : null
    }
    case 'incident.updated': {
      const { incidentId, action, verification, severity } = event.payload
      if (!feature) return null
      return {
        id,
        createdAt,
        type: event.type,
        payload: { incidentId, action, verification, severity, feature },
      }
    }
    case 'crossings.updated': {
      const { sites, from, to, simulated } = event.payload
      return { id, createdAt, type: event.type, payload: { sites, from, to, simulated } }
    }
    case 'surge.detected': {
      const { site, feature: surge } = event.payload
      return { id, createdAt, type: event.type, payload: { site, feature: surge } }
    }
  }
}
