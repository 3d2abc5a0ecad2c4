// GET /api/stream: Server-Sent Events of every change (server/events.ts) a reader may see. A client that reconnects with
// Last-Event-ID first gets the events it missed, then the live ones, each once.

import { streamSSE } from 'hono/streaming'
import { principalOf, requireRole } from './auth/middleware.ts'
import { atLeast, type Principal } from './auth/roles.ts'
import type { EventHub, LiveEvent } from './events.ts'
import type { ApiApp } from './http/openapi.ts'
import { queryParams } from './http/params.ts'
import { Problem } from './http/problem.ts'

/** A comment line every so often keeps proxies from closing an idle stream. @default 15 s */
export const KEEP_ALIVE_MS = 15_000
/** How soon EventSource should reconnect after a drop. @default 2 s */
const RETRY_MS = 2_000

export function mountStream(app: ApiApp, hub: EventHub) {
  app.get('/api/stream', requireRole('reporter'), (c) => {
    const principal = principalOf(c)
    const query = queryParams(c.req.url, ['lastEventId'])
    // EventSource sends Last-Event-ID on its own; a page that reloads passes it as ?lastEventId=.
    const lastEventId = parseLastEventId(c.req.header('last-event-id') ?? query.lastEventId)
    return streamSSE(c, async (stream) => {
      const sent = new Set<number>()
      const buffered: LiveEvent[] = []
      let replaying = lastEventId !== undefined
      const send = async (event: LiveEvent) => {
        // A late notification of an event the client had already (before Last-Event-ID) is not news.
        if (sent.has(event.id) || (lastEventId !== undefined && event.id <= lastEventId)) return
        if (!visibleTo(principal, event)) return
        sent.add(event.id)
        await stream.writeSSE({ id: String(event.id), event: event.type, data: JSON.stringify(event) })
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
        for (const event of await hub.since(lastEventId)) await send(event)
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

/** Viewers and above see every event; a reporter only the events about their own reports. */
export function visibleTo(principal: Principal, event: LiveEvent): boolean {
  if (atLeast(principal.role, 'viewer')) return true
  return principal.userId !== null && event.payload.reportedBy === principal.userId
}

function parseLastEventId(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined
  if (!/^\d{1,15}$/.test(value))
    throw Problem.invalid([{ name: 'lastEventId', reason: 'expected the id of an event, a whole number' }])
  return Number(value)
}
