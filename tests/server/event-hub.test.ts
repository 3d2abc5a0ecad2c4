import { sql } from 'drizzle-orm'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client.ts'
import { EventHub } from '../../server/event-hub.ts'
import { type LiveEvent, publishNow } from '../../server/events.ts'
import { useTestDatabase } from '../helpers/database.ts'
import { engines, withAdminClient } from '../helpers/engines.ts'

/** Resolves once `ids` have all arrived in `seen` (or fails after `ms`). */
async function arrival(seen: LiveEvent[], ids: number[], ms = 15_000) {
  const deadline = Date.now() + ms
  while (!ids.every((id) => seen.some((e) => e.id === id))) {
    if (Date.now() > deadline) throw new Error(`events ${ids} not all delivered: ${seen.map((e) => e.id)}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe.each(engines)('the event hub on %s', (engine) => {
  const database = useTestDatabase(engine)
  let failing = false
  let hub: EventHub
  const seen: LiveEvent[] = []

  beforeAll(async () => {
    // The hub reads through a database that can be told to fail, as one that went away would.
    const flaky: Database = {
      ...database.current,
      rows: (query) =>
        failing ? Promise.reject(new Error('connection refused')) : database.current.rows(query),
    }
    hub = await EventHub.start(flaky, { heartbeatMs: 100 })
    hub.subscribe((event) => seen.push(event))
  })
  afterAll(() => hub?.stop())

  it('delivers announced events once, in order, after reads of them failed for a while', async () => {
    failing = true
    // Too big for a NOTIFY, so the hub must read them back.
    const sites = Array.from({ length: 800 }, (_, i) => `flow-point-${i}`)
    const ids = [
      await publishNow(database.current, 'crossings.updated', { n: 1, sites }),
      await publishNow(database.current, 'crossings.updated', { n: 2, sites }),
    ]
    await new Promise((r) => setTimeout(r, 500)) // several failed reads and heartbeats
    expect(seen.filter((e) => ids.includes(e.id))).toEqual([])
    failing = false
    await arrival(seen, ids)
    const third = await publishNow(database.current, 'surge.detected', { n: 3 }) // whole in its NOTIFY
    await arrival(seen, [third])
    const mine = seen.filter((e) => [...ids, third].includes(e.id)).map((e) => e.id)
    expect(mine).toEqual([...ids, third])
  })

  it('reads back an event too big for its NOTIFY, and delivers it whole', async () => {
    const sites = Array.from({ length: 800 }, (_, i) => `flow-point-${i}`)
    const id = await publishNow(database.current, 'crossings.updated', { sites })
    await arrival(seen, [id])
    const event = seen.find((e) => e.id === id)
    expect(event?.payload).toEqual({ sites })
    expect(event?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  })

  it('sends nothing that was in the log before it started', async () => {
    expect(seen.every((e) => e.id > 0)).toBe(true)
    const before = seen.length
    await new Promise((r) => setTimeout(r, 300))
    expect(seen.length).toBe(before) // heartbeats and resyncs add nothing
  })
})

describe.runIf(engines.includes('postgres'))('the event hub when PostgreSQL drops every connection', () => {
  const database = useTestDatabase('postgres')
  let other: Database
  let hub: EventHub
  let writer: postgres.Sql
  const seen: LiveEvent[] = []
  const name = () => new URL(database.handle.env.DATABASE_URL as string).pathname.slice(1)
  const allowConnections = (allow: boolean) =>
    withAdminClient(process.env.DATABASE_URL as string, (admin) =>
      admin.unsafe(`ALTER DATABASE "${name()}" ALLOW_CONNECTIONS ${allow}`),
    )

  beforeAll(async () => {
    other = await database.handle.open() // the pool of the server process under test
    hub = await EventHub.start(other, { heartbeatMs: 200 })
    hub.subscribe((event) => seen.push(event))
    writer = postgres(database.handle.env.DATABASE_URL as string, { max: 1, onnotice: () => {} })
    await writer`SELECT 1`
  })
  afterAll(async () => {
    await allowConnections(true)
    await hub?.stop()
    await other?.close()
    await writer?.end()
  })

  it('keeps running, listens again and delivers what committed while it was cut off, once each', async () => {
    await allowConnections(false)
    const [{ pid }] = (await writer`SELECT pg_backend_pid() AS pid`) as unknown as [{ pid: number }]
    // Every connection but the writer's is cut, and none may come back yet: the hub's LISTEN is gone.
    await withAdminClient(process.env.DATABASE_URL as string, (admin) =>
      admin.unsafe(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name()}' AND pid <> ${pid}`,
      ),
    )
    const missed: number[] = []
    for (let n = 0; n < 3; n++) {
      const [row] = await writer.begin(async (tx) => {
        const [event] =
          await tx`INSERT INTO events (type, payload) VALUES ('crossings.updated', '{}') RETURNING id`
        await tx`SELECT pg_notify('crosswatch_events', ${String(event?.id)})`
        return [event]
      })
      missed.push(Number(row?.id))
    }
    await new Promise((r) => setTimeout(r, 1000)) // heartbeats fail meanwhile
    await allowConnections(true)
    await arrival(seen, missed)
    const live = await publishNow(other, 'crossings.updated', { after: 'the outage' })
    await arrival(seen, [live])
    const ids = seen.map((e) => e.id)
    expect(ids.filter((id) => [...missed, live].includes(id))).toEqual([...missed, live])
    expect(new Set(ids).size).toBe(ids.length)
    expect((await other.rows<{ one: number }>(sql`SELECT 1 AS one`))[0]?.one).toBe(1)
  })
})
