// What the writes announce on /api/stream: incident.created from a report (once per key),
// crossings.updated from counts, surge.detected once per site; and across two real server processes.
import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../server/app.ts'
import { sentEventSchemas, storedPayloads } from '../../server/events.ts'
import { EventViews } from '../../server/stream.ts'
import { announceSurges } from '../../server/surge-watch.ts'
import { useTestDatabase } from '../helpers/database.ts'
import { engines } from '../helpers/engines.ts'
import { startServer } from '../helpers/server.ts'
import { signedIn } from '../helpers/users.ts'

const TOKEN = 'test-write-token-0123456789'
const REPORT = {
  type: 'stranded_group',
  occurredAt: '2026-11-29T10:00:00Z',
  location: { type: 'Point', coordinates: [7.99, 16.97] },
  counts: { dead: 0, missing: 0, injured: 2, survivors: 25, children: 4 },
  description: 'Group stranded north of Agadez after a breakdown',
}

type EventRow = { id: number; type: string; payload: Record<string, unknown>; incident_id: number | null }

describe.each(engines)('events from writes on %s', (engine) => {
  const database = useTestDatabase(engine)
  const app = () => createApp({ database: database.current, config: { webDir: 'no-web' }, localToken: TOKEN })
  const eventsAfter = (id: number) =>
    database.current.rows<EventRow>(
      sql`SELECT id::int, type, payload, incident_id::int FROM events WHERE id > ${id} ORDER BY id`,
    )
  const lastId = async () =>
    (await database.current.rows<{ id: number }>(sql`SELECT coalesce(max(id), 0)::int AS id FROM events`))[0]
      ?.id ?? 0

  it('announces a stored report once, with its feature as the incidents layer gives it', async () => {
    const before = await lastId()
    const key = randomUUID()
    const send = () =>
      app().request('/api/reports', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${TOKEN}`,
          'idempotency-key': key,
        },
        body: JSON.stringify(REPORT),
      })
    const stored = await (await send()).json()
    await send() // the retry stores and announces nothing new
    const events = await eventsAfter(before)
    expect(events.map((e) => e.type)).toEqual(['incident.created'])
    // Stored without the feature: each subscriber is sent the incident as they may see it.
    const [row] = events
    expect(row?.payload).not.toHaveProperty('feature')
    expect(row?.incident_id).toBe(stored.id)
    const event = {
      id: row?.id ?? 0,
      type: 'incident.created' as const,
      // Stored as its schema says.
      payload: storedPayloads['incident.created'].parse(row?.payload),
      createdAt: '',
      incidentId: row?.incident_id ?? null,
    }
    const seen = (
      await new EventViews(database.current).of(event, { role: 'local', userId: null, agencyId: null })
    )?.event
    expect(seen?.payload).not.toHaveProperty('reportedBy')
    expect(seen?.type).toBe('incident.created')
    if (seen?.type !== 'incident.created') return
    // Sent as its schema says.
    expect(sentEventSchemas['incident.created'].parse(seen)).toEqual(seen)
    const { feature } = seen.payload
    expect(feature.id).toBe(stored.id)
    expect(feature.properties).toMatchObject({
      type: 'stranded_group',
      verification: 'unverified',
      counts: REPORT.counts,
      dataset: { id: 'crosswatch-field-reports', modelled: false },
    })
  })

  it('announces counts that changed something as crossings.updated, and a repeat not at all', async () => {
    const before = await lastId()
    const body = JSON.stringify({
      counts: [
        {
          site: 'ne-assamaka',
          periodStart: '2026-11-29T10:00:00Z',
          period: 'hour',
          direction: 'in',
          count: 40,
        },
        { site: 'fp-arlit', periodStart: '2026-11-29T11:00:00Z', period: 'hour', direction: 'out', count: 9 },
      ],
    })
    const send = () =>
      app().request('/api/crossings', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body,
      })
    expect((await send()).status).toBe(200)
    expect((await send()).status).toBe(200)
    const events = await eventsAfter(before)
    expect(events).toEqual([
      expect.objectContaining({
        type: 'crossings.updated',
        payload: {
          sites: ['fp-arlit', 'ne-assamaka'],
          from: '2026-11-29T10:00:00.000Z',
          to: '2026-11-29T11:00:00.000Z',
          simulated: false,
        },
      }),
    ])
  })

  it('announces a site that reaches surge level once, not at every look', async () => {
    await database.current.rows(sql`
      INSERT INTO sources (id, name, publisher, licence) VALUES ('test-live', 'Test', 'Tests', 'none')`)
    await database.current.rows(sql`
      INSERT INTO crossing_counts (post_id, period_start, period, direction, count, source_id)
      SELECT 'ly-ghat', '2001-02-01'::timestamptz + d * interval '1 day', 'day'::count_period,
             'in'::count_direction, 90 + 20 * (d % 2), 'test-live'
      FROM generate_series(0, 27) AS d
      UNION ALL SELECT 'ly-ghat', '2001-03-01T05:00:00Z', 'hour', 'in', 400, 'test-live'`)
    const now = new Date('2001-03-01T12:00:00Z')
    const before = await lastId()
    expect(await announceSurges(database.current, new Set(['ly-ghat']), now)).toEqual(['ly-ghat'])
    expect(await announceSurges(database.current, new Set(['ly-ghat']), now)).toEqual([])
    const events = await eventsAfter(before)
    expect(events.map((e) => [e.type, e.payload.site])).toEqual([['surge.detected', 'ly-ghat']])
    // Sent with the surge's feature, so the feed can place it on the map.
    const [row] = events
    const seen = (
      await new EventViews(database.current).of(
        {
          id: row?.id ?? 0,
          type: 'surge.detected',
          payload: storedPayloads['surge.detected'].parse(row?.payload),
          createdAt: '',
          incidentId: null,
        },
        { role: 'viewer', userId: null, agencyId: null },
      )
    )?.event
    expect(sentEventSchemas['surge.detected'].parse(seen).payload).toMatchObject({
      site: 'ly-ghat',
      feature: { type: 'Feature', properties: { site: 'ly-ghat', level: 'surge' } },
    })
  })
})

/** Reads server-sent events from a fetch response until `match` returns true. */
async function waitForEvent(response: Response, match: (block: string) => boolean, timeoutMs: number) {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  const decoder = new TextDecoder()
  let text = ''
  const deadline = Date.now() + timeoutMs
  try {
    while (Date.now() < deadline) {
      const chunk = await Promise.race([
        reader.read(),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), deadline - Date.now())),
      ])
      if (!chunk || chunk.done) break
      text += decoder.decode(chunk.value, { stream: true })
      const blocks = text.split('\n\n')
      if (blocks.some(match)) return true
    }
    return false
  } finally {
    await reader.cancel()
  }
}

describe.runIf(engines.includes('postgres'))('two server processes on one PostGIS database', () => {
  const database = useTestDatabase('postgres')

  it('delivers a report posted to one to an SSE client of the other, within 2 seconds', async () => {
    const { token: bearer } = await signedIn(database.current, 'viewer', 'Test agency')
    const env = database.handle.env
    const [a, b] = await Promise.all([startServer(env), startServer(env)])
    try {
      const stream = await fetch(new URL('api/stream', b.url), {
        headers: { authorization: `Bearer ${bearer}` },
      })
      const posted = Date.now()
      const key = randomUUID()
      const arrived = waitForEvent(
        stream,
        (block) => block.includes('event: incident.created') && block.includes(key),
        2000,
      )
      const response = await fetch(new URL('api/reports', a.url), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${bearer}`,
          'idempotency-key': key,
        },
        body: JSON.stringify({ ...REPORT, description: `two processes ${key}` }),
      })
      expect(response.status).toBe(201)
      expect(await arrived).toBe(true)
      expect(Date.now() - posted).toBeLessThan(2000)
    } finally {
      await Promise.all([a.stop(), b.stop()])
    }
  })
})
