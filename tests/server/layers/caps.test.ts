// Every layer that does not page declares its cap and keeps to it: up to the cap it answers, one feature
// more is a 413 problem that names the cap, in GeoJSON and CSV alike, and the layer's query never reads
// more than one row past it.
import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { scopedDatabase } from '../../../db/scope.ts'
import { type Problem, problemResponse } from '../../../server/http/problem.ts'
import { layers } from '../../../server/layers/index.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'

/** The layers that do not page (incidents pages; hotspots keeps the default cap, tested at its size). */
const CAPPED = ['border-posts', 'corridors', 'crossings', 'displacement', 'flows', 'surges'] as const
/** Windows where the seeded data has features of each layer. */
const QUERY: Record<(typeof CAPPED)[number], string> = {
  'border-posts': '',
  corridors: '',
  crossings: '',
  displacement: 'from=2020-01-01',
  flows: '',
  surges: 'from=2001-03-01&to=2001-03-02',
}

describe.each(engines)('layer caps on %s', (engine) => {
  const database = useTestDatabase(engine)
  const counts = new Map<string, number>()
  const get = (id: (typeof CAPPED)[number], maxFeatures?: number, format = '') => {
    const routes = layers[id]?.(scopedDatabase(database.current), maxFeatures ? { maxFeatures } : {})
    if (!routes) throw new Error(`no layer ${id}`)
    // As the app answers a Problem (server/app.ts onError).
    routes.onError((error, c) => problemResponse(c, error as Problem))
    return routes.request(`/?${[QUERY[id], format].filter(Boolean).join('&')}`)
  }

  beforeAll(async () => {
    // Two posts that surge on 1 March 2001 against a baseline of February (as in surges.test.ts).
    await database.current.rows(sql`
      INSERT INTO sources (id, name, publisher, licence) VALUES ('test-caps', 'Test', 'Tests', 'none')`)
    for (const post of ['ne-assamaka', 'dz-in-guezzam'])
      await database.current.rows(sql`
        INSERT INTO crossing_counts (post_id, period_start, period, direction, count, source_id)
        SELECT ${post}::text, '2001-02-01'::timestamptz + d * interval '1 day', 'day'::count_period, 'in'::count_direction,
               CASE WHEN d % 2 = 0 THEN 90 ELSE 110 END, 'test-caps'
        FROM generate_series(0, 27) AS d
        UNION ALL
        SELECT ${post}::text, '2001-03-01'::timestamptz, 'day'::count_period, 'in'::count_direction, 300, 'test-caps'`)
    for (const id of CAPPED)
      counts.set(id, ((await (await get(id)).json()) as { features: [] }).features.length)
  })

  it.each(CAPPED)('has features of %s to test with', (id) => {
    expect(counts.get(id)).toBeGreaterThan(1)
  })

  it.each(CAPPED)('answers %s up to its cap and refuses one more with a 413 naming it', async (id) => {
    const n = counts.get(id) as number
    const full = await get(id, n)
    expect(full.status).toBe(200)
    expect(((await full.json()) as { numberReturned: number }).numberReturned).toBe(n)
    for (const format of ['', 'format=csv']) {
      const over = await get(id, n - 1, format)
      expect(over.status).toBe(413)
      expect(over.headers.get('content-type')).toBe('application/problem+json')
      expect(await over.json()).toMatchObject({
        status: 413,
        title: 'Content too large',
        detail: expect.stringContaining(`more than ${n - 1} features`),
      })
    }
  })
})
