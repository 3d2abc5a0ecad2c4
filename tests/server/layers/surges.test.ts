import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getJson } from '../../helpers/app.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'

// 28 baseline days in February 2001 alternating 90 and 110 (mean 100, sd 10.18), then one day judged.
const JUDGED = { 'ne-assamaka': 300, 'dz-in-guezzam': 130, 'fp-arlit': 105 } as const
const WINDOW = 'from=2001-03-01&to=2001-03-02'

describe.each(engines)('GET /api/layers/surges on %s', (engine) => {
  const database = useTestDatabase(engine)
  const get = (query: string) => getJson(database.current, `/api/layers/surges?${query}`)

  beforeAll(async () => {
    await database.current.rows(sql`
      INSERT INTO sources (id, name, publisher, licence) VALUES ('test-surges', 'Test', 'Tests', 'none')`)
    for (const [site, observed] of Object.entries(JUDGED)) {
      const post = site.startsWith('fp-') ? null : site
      const point = site.startsWith('fp-') ? site : null
      await database.current.rows(sql`
        INSERT INTO crossing_counts (post_id, flow_point_id, period_start, period, direction, count, source_id)
        SELECT ${post}::text, ${point}::text, '2001-02-01'::timestamptz + d * interval '1 day', 'day'::count_period, 'in'::count_direction,
               CASE WHEN d % 2 = 0 THEN 90 ELSE 110 END, 'test-surges'
        FROM generate_series(0, 27) AS d
        UNION ALL
        SELECT ${post}::text, ${point}::text, '2001-03-01'::timestamptz, 'day'::count_period, 'in'::count_direction, ${observed}::int, 'test-surges'`)
    }
  })

  it('marks a surge and a watch against the 28-day baseline, and leaves an ordinary day out', async () => {
    const { body } = await get(WINDOW)
    const bySite = Object.fromEntries(
      body.features.map((f: { properties: { site: string } }) => [f.properties.site, f.properties]),
    )
    expect(Object.keys(bySite)).toEqual(['ne-assamaka', 'dz-in-guezzam']) // most unusual first
    expect(bySite['ne-assamaka']).toMatchObject({
      level: 'surge',
      observed: 300,
      expected: 100,
      ratio: 3,
      z: 19.6,
    })
    expect(bySite['dz-in-guezzam']).toMatchObject({ level: 'watch', observed: 130, ratio: 1.3, z: 2.9 })
    expect(bySite['ne-assamaka'].method).toMatch(/rolling baseline/)
    expect(bySite['ne-assamaka'].baselineDays).toBe(28)
  })

  it('marks an area whose displacement rises far beyond its daily changes', async () => {
    // ne-agadez: 10,000 people, growing 8 or 12 a day through February, then 260 more on 1 March.
    await database.current.rows(sql`
      INSERT INTO displacement_counts (area_id, date, internally_displaced, source_id)
      SELECT 'ne-agadez', '2001-01-31'::date + d, 10000 + 10 * d + CASE WHEN d % 2 = 1 THEN 2 ELSE 0 END, 'test-surges'
      FROM generate_series(0, 28) AS d
      UNION ALL SELECT 'ne-agadez', '2001-03-01'::date, 10540, 'test-surges'`)
    const { body } = await get(WINDOW)
    const area = body.features.find((f: { id: string }) => f.id === 'area:ne-agadez')
    expect(area.properties).toMatchObject({
      siteKind: 'area',
      level: 'surge',
      observed: 260,
      expected: 10,
      ratio: null,
    })
    expect(area.properties.method).toMatch(/internally displaced/)
    expect(area.geometry.type).toBe('Point')
  })

  it('does not judge a site whose baseline is too short', async () => {
    // With a 14-day baseline the same days are judged; with the window a month later there is no baseline.
    expect((await get(`${WINDOW}&baseline=14`)).body.features.length).toBe(3)
    expect((await get('from=2001-04-15&to=2001-04-16')).body.features).toEqual([])
  })

  it.each([
    ['baseline=7', 'baseline'],
    ['baseline=1.5', 'baseline'],
    ['country=Niger', 'country'],
  ])('answers %s with 400 naming %s', async (query, name) => {
    const { response, body } = await get(query)
    expect(response.status).toBe(400)
    expect(body['invalid-params'][0].name).toBe(name)
  })
})
