import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client.ts'
import { EventHub } from '../../server/event-hub.ts'
import { type LiveEvent, publishNow } from '../../server/events.ts'
import { EventViews } from '../../server/stream.ts'
import { testApp } from '../helpers/app.ts'
import { useTestDatabase } from '../helpers/database.ts'
import { engines } from '../helpers/engines.ts'
import { sseReader } from '../helpers/sse.ts'

describe.each(engines)('GET /api/stream on %s', (engine) => {
  const database = useTestDatabase(engine)
  let hub: EventHub
  const open = (headers: Record<string, string> = {}, query = '') =>
    testApp({ database: database.current, events: hub }).request(`/api/stream${query}`, { headers })

  beforeAll(async () => {
    hub = await EventHub.start(database.current)
  })
  /** The newest event id now: events at or below it belong to earlier tests. */
  const newest = async () =>
    Number(
      (await database.current.rows<{ id: string }>(sql`SELECT coalesce(max(id), 0) AS id FROM events`))[0]
        ?.id ?? 0,
    )
  afterAll(() => hub?.stop())

  it('sends each committed event once, by itself, with its id and type', async () => {
    const response = await open()
    expect(response.headers.get('content-type')).toContain('text/event-stream')
    const events = sseReader(response)
    expect((await events.next()).event).toBe('ready')
    const floor = await newest()
    const id = await publishNow(database.current, 'incident.created', { incidentId: 7 })
    const event = await events.next(5000, floor)
    expect(event).toMatchObject({ id: String(id), event: 'incident.created' })
    expect(JSON.parse(event.data ?? '')).toMatchObject({
      id,
      type: 'incident.created',
      payload: { incidentId: 7 },
    })
    await events.cancel()
  })

  it('replays what a client missed after Last-Event-ID, then goes on live', async () => {
    const first = await publishNow(database.current, 'crossings.updated', { n: 1 })
    const second = await publishNow(database.current, 'crossings.updated', { n: 2 })
    const third = await publishNow(database.current, 'surge.detected', { n: 3 })
    const events = sseReader(await open({ 'Last-Event-ID': String(first) }))
    expect((await events.next()).event).toBe('ready')
    expect((await events.next()).id).toBe(String(second))
    expect((await events.next()).id).toBe(String(third))
    const live = await publishNow(database.current, 'crossings.updated', { n: 4 })
    expect((await events.next()).id).toBe(String(live))
    await events.cancel()
  })

  it('takes the last id as ?lastEventId= too, and refuses one that is not a number', async () => {
    const events = sseReader(await open({}, '?lastEventId=0'))
    expect((await events.next()).event).toBe('ready')
    expect(Number((await events.next()).id)).toBeGreaterThan(0)
    await events.cancel()
    const bad = await open({ 'Last-Event-ID': 'abc' })
    expect(bad.status).toBe(400)
    expect((await bad.json())['invalid-params'][0].name).toBe('Last-Event-ID')
  })

  it('serialises an event once for every caller who sees it alike', async () => {
    const views = new EventViews(database.current)
    const event: LiveEvent = {
      id: 1e9,
      type: 'crossings.updated',
      payload: {
        sites: ['ne-assamaka'],
        from: '2026-01-01T00:00:00Z',
        to: '2026-01-01T00:00:00Z',
        simulated: false,
      },
      createdAt: '2026-01-01T00:00:00.000Z',
      incidentId: null,
    }
    const one = await views.of(event, { role: 'viewer', userId: 1, agencyId: 1 })
    const other = await views.of(event, { role: 'coordinator', userId: 2, agencyId: 2 })
    expect(other).toBe(one) // the same bytes, made once
    expect(new TextDecoder().decode(one?.bytes)).toBe(
      `event: crossings.updated\ndata: ${JSON.stringify(one?.event)}\nid: 1000000000\n\n`,
    )
    expect(await views.of(event, { role: 'reporter', userId: 3, agencyId: 1 })).toBeNull()
  })

  it('never sends an event whose transaction rolled back', async () => {
    const events = sseReader(await open())
    await events.next()
    const floor = await newest()
    await database.current.db
      .transaction(async (tx) => {
        const { publish } = await import('../../server/events.ts')
        await publish(tx, 'crossings.updated', { sites: [], from: '', to: '', simulated: true })
        throw new Error('roll back')
      })
      .catch(() => {})
    const id = await publishNow(database.current, 'crossings.updated', { kept: true })
    const event = await events.next(5000, floor)
    expect(event.id).toBe(String(id)) // the rolled-back one never came
    await events.cancel()
  })
})

describe.runIf(engines.includes('postgres'))('events across server processes on one PostGIS database', () => {
  const database = useTestDatabase('postgres')
  let other: Database
  let hub: EventHub

  beforeAll(async () => {
    other = await database.handle.open() // a second connection pool, as another process would have
    hub = await EventHub.start(other)
  })
  afterAll(async () => {
    await hub?.stop()
    await other?.close()
  })

  it('delivers an event written through one connection to a stream served from the other', async () => {
    const app = testApp({ database: other, events: hub })
    const events = sseReader(await app.request('/api/stream'))
    await events.next()
    const floor = Number(
      (await other.rows<{ id: string }>(sql`SELECT coalesce(max(id), 0) AS id FROM events`))[0]?.id ?? 0,
    )
    const id = await publishNow(database.current, 'crossings.updated', { from: 'the first process' })
    expect((await events.next(5000, floor)).id).toBe(String(id))
    await events.cancel()
  })
})
