// What the writes announce on /api/stream: incident.created from a report (once per key),
// crossings.updated from counts, surge.detected once per site; across three real server processes, and
// through a database outage (503s meanwhile, then what committed meanwhile is streamed).
import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import postgres from 'postgres'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../server/app.ts'
import { sentEventSchemas, storedPayloads } from '../../server/events.ts'
import { EventViews } from '../../server/stream.ts'
import { announceSurges } from '../../server/surge-watch.ts'
import { useTestDatabase } from '../helpers/database.ts'
import { engines, withAdminClient } from '../helpers/engines.ts'
import { startServer } from '../helpers/server.ts'
import { sseReader } from '../helpers/sse.ts'
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

describe.runIf(engines.includes('postgres'))('server processes on one PostGIS database', () => {
  const database = useTestDatabase('postgres')
  const admin = process.env.DATABASE_URL as string
  const name = () => new URL(database.handle.env.DATABASE_URL as string).pathname.slice(1)
  const allowConnections = (allow: boolean) =>
    withAdminClient(admin, (sql) => sql.unsafe(`ALTER DATABASE "${name()}" ALLOW_CONNECTIONS ${allow}`))

  it('delivers a report posted to one to SSE clients of the two others, within 2 seconds', async () => {
    const { token: bearer } = await signedIn(database.current, 'viewer', 'Test agency')
    const env = database.handle.env
    const [a, b, c] = await Promise.all([startServer(env), startServer(env), startServer(env)])
    try {
      const streams = await Promise.all(
        [b, c].map((s) =>
          fetch(new URL('api/stream', s.url), { headers: { authorization: `Bearer ${bearer}` } }),
        ),
      )
      const posted = Date.now()
      const key = randomUUID()
      const arrived = streams.map((stream) =>
        waitForEvent(
          stream,
          (block) => block.includes('event: incident.created') && block.includes(key),
          2000,
        ),
      )
      const response = await fetch(new URL('api/reports', a.url), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${bearer}`,
          'idempotency-key': key,
        },
        body: JSON.stringify({ ...REPORT, description: `three processes ${key}` }),
      })
      expect(response.status).toBe(201)
      expect(await Promise.all(arrived)).toEqual([true, true])
      expect(Date.now() - posted).toBeLessThan(2000)
    } finally {
      await Promise.all([a.stop(), b.stop(), c.stop()])
    }
  })

  it('answers 503 while the database is away, keeps running, and streams what committed meanwhile', async () => {
    const { token: bearer } = await signedIn(database.current, 'viewer', 'Outage agency')
    const auth = { authorization: `Bearer ${bearer}` }
    const server = await startServer(database.handle.env)
    const writer = postgres(database.handle.env.DATABASE_URL as string, { max: 1, onnotice: () => {} })
    try {
      const events = sseReader(await fetch(new URL('api/stream', server.url), { headers: auth }))
      expect((await events.next()).event).toBe('ready')
      const [{ pid }] = (await writer`SELECT pg_backend_pid() AS pid`) as unknown as [{ pid: number }]
      // As a restart looks to the server: every connection cut, and none accepted for a while.
      await allowConnections(false)
      await withAdminClient(admin, (sql) =>
        sql.unsafe(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name()}' AND pid <> ${pid}`,
        ),
      )
      const away = await fetch(new URL('api/layers/border-posts', server.url), { headers: auth })
      expect(away.status).toBe(503)
      expect(away.headers.get('content-type')).toContain('application/problem+json')
      expect(away.headers.get('retry-after')).toBe('5')
      expect((await away.json()).title).toBe('Database unavailable')
      const [missed] = await writer.begin(async (tx) => {
        const [row] = await tx`INSERT INTO events (type, payload) VALUES ('crossings.updated',
          '{"sites":["ne-assamaka"],"from":"2026-11-29T00:00:00Z","to":"2026-11-29T00:00:00Z","simulated":false}')
          RETURNING id`
        await tx`SELECT pg_notify('crosswatch_events', ${String(row?.id)})`
        return [Number(row?.id)]
      })
      await allowConnections(true)
      const event = await events.next(15_000)
      expect(event).toMatchObject({ id: String(missed), event: 'crossings.updated' })
      let status = 0
      for (let tries = 0; tries < 50 && status !== 200; tries++) {
        status = (await fetch(new URL('api/layers/border-posts', server.url), { headers: auth })).status
        if (status !== 200) await new Promise((r) => setTimeout(r, 200))
      }
      expect(status).toBe(200)
      expect(server.process.exitCode).toBeNull()
      await events.cancel()
    } finally {
      await allowConnections(true)
      await writer.end()
      await server.stop()
    }
  })
})
