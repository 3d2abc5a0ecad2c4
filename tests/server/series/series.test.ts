import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getJson } from '../../helpers/app.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'

// Data of a test source in 2001, far from the seeded series (which run up to today).
const COUNTS = [
  ['ne-assamaka', '2001-03-08T00:00:00Z', 'day', 'in', 100],
  ['ne-assamaka', '2001-03-08T00:00:00Z', 'day', 'out', 40],
  ['ne-assamaka', '2001-03-09T13:00:00Z', 'hour', 'in', 5],
  ['ne-assamaka', '2001-03-09T14:00:00Z', 'hour', 'in', 6],
  ['ne-assamaka', '2001-03-01T00:00:00Z', 'month', 'in', 9999], // monthly: not split into days
  ['ne-assamaka', '2001-03-11T00:00:00Z', 'day', 'in', 777], // after the window
  ['dz-in-guezzam', '2001-03-08T00:00:00Z', 'day', 'in', 50], // another site
] as const

const INCIDENTS = [
  // lon, lat, occurred at, dead, verification
  [12.5, 35.5, '2001-03-08T10:00:00Z', 3, 'verified'],
  [12.6, 35.6, '2001-03-08T22:00:00Z', 1, 'unverified'],
  [12.6, 35.6, '2001-03-09T22:00:00Z', 7, 'rejected'], // left out
  [20.0, 30.0, '2001-03-09T10:00:00Z', 2, 'verified'], // outside the bbox
] as const

describe.each(engines)('GET /api/series on %s', (engine) => {
  const database = useTestDatabase(engine)
  const get = (path: string) => getJson(database.current, path)

  beforeAll(async () => {
    await database.current.rows(sql`
      INSERT INTO sources (id, name, publisher, licence, modelled) VALUES ('test-series', 'Test series', 'Tests', 'none', false)`)
    for (const [site, start, period, direction, count] of COUNTS) {
      await database.current.rows(sql`
        INSERT INTO crossing_counts (post_id, period_start, period, direction, count, source_id)
        VALUES (${site}, ${start}::timestamptz, ${period}, ${direction}, ${count}, 'test-series')`)
    }
    for (const [lon, lat, at, dead, verification] of INCIDENTS) {
      await database.current.rows(sql`
        INSERT INTO incidents (location, occurred_at, type, severity, dead, verification, source_id)
        VALUES (ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326), ${at}::timestamptz,
                'shipwreck', 'high', ${dead}, ${verification}, 'test-series')`)
    }
  })

  it('gives in and out per day at a site, zeros included, hours summed, months left out', async () => {
    const { response, body } = await get(
      '/api/series/crossings?site=ne-assamaka&from=2001-03-07&to=2001-03-11',
    )
    expect(response.status).toBe(200)
    expect(body).toMatchObject({ site: 'ne-assamaka', name: 'Assamaka', modelled: false })
    expect(body.days).toEqual([
      { day: '2001-03-07', in: 0, out: 0 },
      { day: '2001-03-08', in: 100, out: 40 },
      { day: '2001-03-09', in: 11, out: 0 },
      { day: '2001-03-10', in: 0, out: 0 },
    ])
    expect(body.datasets).toEqual([expect.objectContaining({ id: 'test-series', licence: 'none' })])
  })

  it('gives incidents per day in a bbox, without rejected reports', async () => {
    const { response, body } = await get(
      '/api/series/incidents?bbox=12,35,13,36&from=2001-03-08&to=2001-03-10',
    )
    expect(response.status).toBe(200)
    expect(body.days).toEqual([
      { day: '2001-03-08', incidents: 2, dead: 4, missing: 0 },
      { day: '2001-03-09', incidents: 0, dead: 0, missing: 0 },
    ])
  })

  it.each([
    ['no site', '/api/series/crossings?from=2001-03-07', 'site'],
    ['to before from', '/api/series/crossings?site=x&from=2001-03-07&to=2001-03-01', 'to'],
    ['too long a window', '/api/series/crossings?site=x&from=2000-01-01&to=2002-01-01', 'to'],
    ['no bbox', '/api/series/incidents?from=2001-03-07', 'bbox'],
    ['a bad bbox', '/api/series/incidents?bbox=1,2,3', 'bbox'],
    ['an unknown parameter', '/api/series/incidents?bbox=1,2,3,4&day=1', 'day'],
  ])('refuses %s with a problem naming it', async (_, path, name) => {
    const { response, body } = await get(path)
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toContain('application/problem+json')
    expect(body['invalid-params'].map((p: { name: string }) => p.name)).toContain(name)
  })
})
