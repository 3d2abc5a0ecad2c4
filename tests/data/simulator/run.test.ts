// The simulator's sender against the server app in process: a report whose answer is lost on the way
// back, or that meets a 5xx, is sent again with the same Idempotency-Key and stored once.
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { EventStream } from '../../../data/simulator/events.ts'
import { Simulator } from '../../../data/simulator/run.ts'
import { loadWorld } from '../../../data/simulator/world.ts'
import { LOCAL_TOKEN, testApp } from '../../helpers/app.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'

const TOKEN = LOCAL_TOKEN

describe.each(engines)('the simulator sender on %s', (engine) => {
  const database = useTestDatabase(engine)

  it('retries lost answers and 5xx with the same key; every report is stored once', async () => {
    const app = testApp({ database: database.current })
    const serve = (url: string | URL | Request, init?: RequestInit) =>
      Promise.resolve(app.request(String(url), init))
    const world = await loadWorld('http://crosswatch.test/', serve)
    const keys: string[] = []
    const seenKeys = new Map<string, { index: number; tries: number }>()
    // Between the simulator and the real app, on a report's first try only (so that no report can be
    // unlucky every time): every third report's answer is lost after the server committed it, every
    // fifth meets a 503 before reaching the server.
    const faulty: typeof fetch = async (url, init) => {
      if (!String(url).endsWith('/api/reports')) return serve(url as string, init)
      const key = new Headers(init?.headers).get('idempotency-key') as string
      keys.push(key)
      const seen = seenKeys.get(key) ?? { index: seenKeys.size, tries: 0 }
      seen.tries++
      seenKeys.set(key, seen)
      const first = seen.tries === 1
      if (first && seen.index % 5 === 4) return new Response('{"title":"Unavailable"}', { status: 503 })
      const response = await serve(url as string, init)
      if (first && seen.index % 3 === 2) throw new TypeError('fetch failed: socket hang up')
      return response
    }
    const simulator = new Simulator(new EventStream(world, 'retries', { reportShare: 1 }), {
      url: 'http://crosswatch.test/',
      token: TOKEN,
      rate: 40,
      durationS: 1,
      fetcher: faulty,
    })
    const stats = await simulator.run()
    expect(stats.failed).toBe(0)
    expect(stats.retries).toBeGreaterThan(0)
    expect(stats.accepted).toBe(stats.sent)
    const distinct = new Set(keys)
    expect(distinct.size).toBe(stats.reports)
    expect(keys.length).toBe(stats.reports + stats.retries)
    const [stored] = await database.current.rows<{ n: number; keys: number }>(sql`
      SELECT count(*)::int AS n, count(DISTINCT external_id)::int AS keys FROM incidents
      WHERE source_id = 'crosswatch-simulator' AND external_id = ANY(${`{${[...distinct].join(',')}}`}::text[])`)
    expect(stored).toEqual({ n: stats.reports, keys: stats.reports })
  })
})
