// POST /api/crossings in process on both engines: the importer's rules named per item, all or nothing,
// upserts on the natural key, and simulated counts kept apart from real ones.
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../server/app.ts'
import { MAX_COUNTS } from '../../server/crossings.ts'
import { useTestDatabase } from '../helpers/database.ts'
import { engines } from '../helpers/engines.ts'

const TOKEN = 'test-write-token-0123456789'
const count = (over: Record<string, unknown> = {}) => ({
  site: 'ne-assamaka',
  periodStart: '2024-07-01T05:00:00Z',
  period: 'hour',
  direction: 'in',
  count: 12,
  ...over,
})

describe.each(engines)('POST /api/crossings on %s', (engine) => {
  const database = useTestDatabase(engine)
  const post = (body: unknown, headers: Record<string, string> = {}, token: string | null = TOKEN) => {
    const app = createApp({ database: database.current, config: { webDir: 'no-web' }, localToken: TOKEN })
    return app.request('/api/crossings', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: JSON.stringify(body),
    })
  }
  const rows = (day: string) =>
    database.current.rows<{ site: string; count: number; source_id: string; breakdown: unknown }>(sql`
      SELECT coalesce(post_id, flow_point_id) AS site, count, source_id, breakdown FROM crossing_counts
      WHERE period_start >= ${day}::timestamptz AND period_start < ${day}::timestamptz + interval '1 day'
        AND source_id LIKE 'crosswatch-%' AND source_id <> 'crosswatch-modelled-crossings'
      ORDER BY 1, source_id`)

  it('upserts a batch on the natural key: a second send changes nothing, a new count updates', async () => {
    const batch = {
      counts: [
        count({ breakdown: { nationality: { NGA: 5, NER: 4 }, sex: { f: 2 } } }),
        count({ site: 'fp-agadez', period: 'day', periodStart: '2024-07-01', count: 300 }),
      ],
    }
    const first = await post(batch)
    expect(first.status).toBe(200)
    expect(await first.json()).toMatchObject({
      source: { id: 'crosswatch-field-counts', modelled: false },
      simulated: false,
      inserted: 2,
      updated: 0,
      unchanged: 0,
    })
    expect(await (await post(batch)).json()).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 })
    const changed = { counts: [count({ count: 13 })] }
    expect(await (await post(changed)).json()).toMatchObject({ inserted: 0, updated: 1 })
    expect(await rows('2024-07-01')).toEqual([
      { site: 'fp-agadez', count: 300, source_id: 'crosswatch-field-counts', breakdown: null },
      { site: 'ne-assamaka', count: 13, source_id: 'crosswatch-field-counts', breakdown: null },
    ])
  })

  it('files simulated counts under crosswatch-simulator, never over the real ones', async () => {
    const real = await post({ counts: [count({ periodStart: '2024-07-02T05:00:00Z', count: 7 })] })
    expect(real.status).toBe(200)
    const simulated = await post(
      { counts: [count({ periodStart: '2024-07-02T05:00:00Z', count: 70 })] },
      { 'crosswatch-simulated': 'true' },
    )
    expect(await simulated.json()).toMatchObject({
      source: { id: 'crosswatch-simulator', modelled: true },
      simulated: true,
      inserted: 1,
    })
    expect((await rows('2024-07-02')).map((r) => [r.count, r.source_id])).toEqual([
      [7, 'crosswatch-field-counts'],
      [70, 'crosswatch-simulator'],
    ])
  })

  const good = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      count({ periodStart: `2024-07-03T${String(i).padStart(2, '0')}:00:00Z` }),
    )
  const withBad = (bad: Record<string, unknown>) => ({
    counts: [...good(3), count({ periodStart: '2024-07-03T20:00:00Z', ...bad })],
  })
  it.each<[string, unknown, string[]]>([
    ['an unknown site', withBad({ site: 'ne-nowhere' }), ['counts[3].site']],
    ['an unknown flow point', withBad({ site: 'fp-nowhere' }), ['counts[3].site']],
    ['a malformed site', withBad({ site: 'Assamaka' }), ['counts[3].site']],
    ['a start off the hour', withBad({ periodStart: '2024-07-03T20:30:00Z' }), ['counts[3].periodStart']],
    ['a day not at midnight', withBad({ period: 'day' }), ['counts[3].periodStart']],
    ['an unknown period', withBad({ period: 'week' }), ['counts[3].period']],
    ['an unknown direction', withBad({ direction: 'up' }), ['counts[3].direction']],
    ['a negative count', withBad({ count: -1 }), ['counts[3].count']],
    ['a fractional count', withBad({ count: 2.5 }), ['counts[3].count']],
    ['a count as text', withBad({ count: '12' }), ['counts[3].count']],
    [
      'a breakdown above the count',
      withBad({ breakdown: { nationality: { NGA: 20 } } }),
      ['counts[3].breakdown.nationality'],
    ],
    [
      'a bad breakdown key',
      withBad({ breakdown: { ageGroup: { old: 1 } } }),
      ['counts[3].breakdown.ageGroup'],
    ],
    [
      'an unknown breakdown',
      withBad({ breakdown: { religion: { x: 1 } } }),
      ['counts[3].breakdown.religion'],
    ],
    ['a source field', withBad({ source: 'iom-mmp-hdx' }), ['counts[3].source']],
    ['the same key twice', { counts: [...good(3), good(1)[0]] }, ['counts[3]']],
    [
      'two bad items',
      { counts: [count({ site: 'x' }), ...good(2), count({ direction: 'up' })] },
      ['counts[0].site', 'counts[3].direction'],
    ],
    ['no counts', { counts: [] }, ['counts']],
    ['too many counts', { counts: Array(MAX_COUNTS + 1).fill(count()) }, ['counts']],
    ['a bare array', good(2), ['body']],
  ])('refuses %s with a 400 naming the field, and stores nothing', async (_, body, names) => {
    const response = await post(body)
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    const problem = await response.json()
    expect(problem['invalid-params'].map((p: { name: string }) => p.name)).toEqual(names)
    expect(await rows('2024-07-03')).toEqual([])
  })

  it('answers 401 without the write token, and stores nothing', async () => {
    const response = await post({ counts: good(1) }, {}, null)
    expect(response.status).toBe(401)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(await rows('2024-07-03')).toEqual([])
  })
})
