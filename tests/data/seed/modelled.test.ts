import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { HOUR_MS, hourlyValue, modelSite, type Site } from '../../../data/modelled/crossings.ts'
import { CROSSINGS_SOURCE, DISPLACEMENT_SOURCE } from '../../../data/modelled/sources.ts'
import { seed as seedCrossings } from '../../../data/seed/70-modelled-crossings.ts'
import { seed as seedDisplacement } from '../../../data/seed/80-modelled-displacement.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'

const DAY_MS = 24 * HOUR_MS

describe.each(engines)('modelled series seeded on %s', (engine) => {
  const database = useTestDatabase(engine)
  // The template was seeded when the test run began: a start-up tops it up to now.
  const now = new Date()
  const count = async (table: 'crossing_counts' | 'displacement_counts') =>
    (await database.current.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.raw(table)}`))[0]
      ?.n ?? 0

  beforeAll(async () => {
    await seedCrossings(database.current, { now })
    await seedDisplacement(database.current, { now })
  })

  it('holds at least 90 days ending within the last hour for every border post and flow point', async () => {
    const sites = await database.current.rows<{
      id: string
      first: number | null
      last_end: number | null
    }>(sql`
      SELECT s.id,
        extract(epoch FROM min(c.period_start))::float8 AS first,
        extract(epoch FROM max(c.period_start + CASE c.period WHEN 'hour' THEN interval '1 hour' ELSE interval '1 day' END))::float8 AS last_end
      FROM (SELECT id FROM border_posts UNION ALL SELECT id FROM flow_points) s
      LEFT JOIN crossing_counts c ON coalesce(c.post_id, c.flow_point_id) = s.id AND c.source_id = ${CROSSINGS_SOURCE.id}
      GROUP BY s.id`)
    expect(sites.length).toBeGreaterThanOrEqual(57)
    for (const s of sites) {
      expect(s.first, s.id).not.toBeNull()
      expect(Number(s.first) * 1000, s.id).toBeLessThanOrEqual(now.getTime() - 90 * DAY_MS)
      expect(Number(s.last_end) * 1000, s.id).toBeGreaterThan(now.getTime() - HOUR_MS)
      expect(Number(s.last_end) * 1000, s.id).toBeLessThanOrEqual(now.getTime())
    }
  })

  it('links every modelled row to a modelled source that names what it was calibrated on', async () => {
    const rows = await database.current.rows<{
      source_id: string
      modelled: boolean
      calibrated_on: string
      publisher: string
    }>(sql`
      SELECT s.id AS source_id, s.modelled, s.calibrated_on, s.publisher FROM sources s
      WHERE s.id IN (SELECT DISTINCT source_id FROM crossing_counts WHERE post_id IS NOT NULL OR flow_point_id IS NOT NULL
        UNION SELECT DISTINCT source_id FROM displacement_counts)`)
    expect(rows.map((r) => r.source_id).sort()).toEqual([CROSSINGS_SOURCE.id, DISPLACEMENT_SOURCE.id])
    for (const r of rows) {
      expect(r.modelled).toBe(true)
      expect(r.publisher).toBe('Crosswatch (modelled)')
      expect(r.calibrated_on).toMatch(/Frontex|CONASUR/)
      expect(r.calibrated_on.length).toBeGreaterThan(200)
    }
  })

  it('never covers a period with both a day row and hour rows', async () => {
    const [row] = await database.current.rows<{ misaligned: number; overlapping: number }>(sql`
      SELECT
        (SELECT count(*)::int FROM crossing_counts WHERE source_id = ${CROSSINGS_SOURCE.id} AND period = 'day'
          AND period_start <> date_trunc('day', period_start, 'UTC')) AS misaligned,
        (SELECT count(*)::int FROM (
          SELECT 1 FROM crossing_counts WHERE source_id = ${CROSSINGS_SOURCE.id}
          GROUP BY coalesce(post_id, flow_point_id), direction, date_trunc('day', period_start, 'UTC')
          HAVING bool_or(period = 'day') AND bool_or(period = 'hour')) both_resolutions) AS overlapping`)
    expect(row).toEqual({ misaligned: 0, overlapping: 0 })
  })

  it('stores what the generator gives for an hour', async () => {
    const [row] = await database.current.rows<{ count: number; breakdown: unknown; start: number }>(sql`
      SELECT count, breakdown, extract(epoch FROM period_start)::float8 AS start FROM crossing_counts
      WHERE post_id = 'it-lampedusa' AND period = 'hour' AND direction = 'in' AND count > 0
      ORDER BY period_start DESC LIMIT 1`)
    if (!row) throw new Error('no Lampedusa hour with arrivals')
    const site: Site = { id: 'it-lampedusa', name: 'Lampedusa', country: 'IT', kind: 'sea', type: 'post' }
    const value = hourlyValue(modelSite(site), 'in', Number(row.start) / 3600)
    expect(row.count).toBe(value.count)
    const breakdown = typeof row.breakdown === 'string' ? JSON.parse(row.breakdown) : row.breakdown
    expect(breakdown).toEqual(value.breakdown)
  })

  it('holds displacement from 90 days ago to today only for countries with internal displacement', async () => {
    const rows = await database.current.rows<{
      country: string
      areas: number
      first: string
      last: string
    }>(sql`
      SELECT a.country, count(DISTINCT a.id)::int AS areas, min(d.date)::text AS first, max(d.date)::text AS last
      FROM displacement_counts d JOIN admin_areas a ON a.id = d.area_id GROUP BY a.country ORDER BY 1`)
    const today = now.toISOString().slice(0, 10)
    const ninetyDaysAgo = new Date(now.getTime() - 90 * DAY_MS).toISOString().slice(0, 10)
    expect(rows.map((r) => r.country).sort()).toEqual(['BF', 'LY', 'ML', 'NE', 'TD'])
    for (const r of rows) {
      expect(r.last, r.country).toBe(today)
      expect(r.first <= ninetyDaysAgo, r.country).toBe(true)
    }
  })

  it('seeds nothing new on a restart, and only the missing hours for a later now', async () => {
    const crossings = await count('crossing_counts')
    const displacement = await count('displacement_counts')
    expect(await seedCrossings(database.current, { now })).toBeNull()
    expect(await seedDisplacement(database.current, { now })).toBeNull()
    expect(await count('crossing_counts')).toBe(crossings)
    expect(await count('displacement_counts')).toBe(displacement)

    const [series] = await database.current.rows<{ n: number }>(sql`
      SELECT count(DISTINCT (coalesce(post_id, flow_point_id), direction))::int AS n FROM crossing_counts
      WHERE source_id = ${CROSSINGS_SOURCE.id}`)
    const later = new Date(now.getTime() + 5 * HOUR_MS)
    expect(await seedCrossings(database.current, { now: later })).toMatch(/^modelled \d+ crossing counts/)
    expect(await count('crossing_counts')).toBe(crossings + 5 * (series?.n ?? 0))
    expect(await seedCrossings(database.current, { now: later })).toBeNull()

    const tomorrow = new Date(now.getTime() + DAY_MS)
    const [areas] = await database.current.rows<{ n: number }>(sql`
      SELECT count(DISTINCT area_id)::int AS n FROM displacement_counts`)
    expect(await seedDisplacement(database.current, { now: tomorrow })).toMatch(
      /^modelled \d+ displacement counts/,
    )
    expect(await count('displacement_counts')).toBe(displacement + (areas?.n ?? 0))
  })
})
