import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getJson } from '../../helpers/app.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'

// Counts of a known test source in 2001, far from the modelled series (which run up to today).
const COUNTS = [
  // site, period start, direction, count
  ['ne-assamaka', '2001-03-08T00:00:00Z', 'in', 100],
  ['ne-assamaka', '2001-03-09T00:00:00Z', 'out', 40],
  ['ne-assamaka', '2001-03-02T00:00:00Z', 'in', 70], // the week before
  ['fp-arlit', '2001-03-10T00:00:00Z', 'in', 300],
  ['fp-arlit', '2001-03-03T00:00:00Z', 'in', 100],
  ['dz-in-guezzam', '2001-03-12T00:00:00Z', 'out', 50],
  ['ne-assamaka', '2001-03-15T00:00:00Z', 'in', 999], // after the window
] as const
const WINDOW = 'from=2001-03-08&to=2001-03-15'

describe.each(engines)('GET /api/layers/crossings, /corridors and /flows on %s', (engine) => {
  const database = useTestDatabase(engine)
  const get = (path: string) => getJson(database.current, path)

  beforeAll(async () => {
    await database.current.rows(sql`
      INSERT INTO sources (id, name, publisher, licence, modelled) VALUES ('test-counts', 'Test counts', 'Tests', 'none', false)`)
    for (const [site, start, direction, count] of COUNTS) {
      const post = site.startsWith('fp-') ? null : site
      const point = site.startsWith('fp-') ? site : null
      await database.current.rows(sql`
        INSERT INTO crossing_counts (post_id, flow_point_id, period_start, period, direction, count, source_id)
        VALUES (${post}, ${point}, ${start}::timestamptz, 'day', ${direction}, ${count}, 'test-counts')`)
    }
  })

  it('sums in and out per site over [from, to) and compares with the week before', async () => {
    const { body } = await get(`/api/layers/crossings?${WINDOW}`)
    const bySite = Object.fromEntries(
      body.features.map((f: { properties: Record<string, unknown> }) => [f.properties.site, f.properties]),
    )
    expect(Object.keys(bySite).sort()).toEqual(['dz-in-guezzam', 'fp-arlit', 'ne-assamaka'])
    expect(bySite['ne-assamaka']).toMatchObject({ in: 100, out: 40, total: 140, totalBefore: 70, trend: 1 })
    expect(bySite['fp-arlit']).toMatchObject({
      siteKind: 'flow_point',
      total: 300,
      totalBefore: 100,
      trend: 2,
    })
    expect(bySite['dz-in-guezzam']).toMatchObject({ in: 0, out: 50, totalBefore: 0, trend: null })
    expect(bySite['ne-assamaka'].modelled).toBe(false)
    expect(bySite['ne-assamaka'].datasets).toEqual([
      expect.objectContaining({ id: 'test-counts', modelled: false }),
    ])
    expect(body.features[0].properties.site).toBe('fp-arlit') // busiest first
  })

  it('filters by country and bbox', async () => {
    const dz = (await get(`/api/layers/crossings?${WINDOW}&country=DZ`)).body
    expect(dz.features.map((f: { id: string }) => f.id)).toEqual(['dz-in-guezzam'])
    const box = (await get(`/api/layers/crossings?${WINDOW}&bbox=7,18,8,19`)).body // Arlit only
    expect(box.features.map((f: { id: string }) => f.id)).toEqual(['fp-arlit'])
  })

  it('labels the default window’s modelled counts as modelled', async () => {
    const { body } = await get('/api/layers/crossings')
    expect(body.features.length).toBeGreaterThan(20)
    expect(body.features.every((f: { properties: { modelled: boolean } }) => f.properties.modelled)).toBe(
      true,
    )
  })

  it('gives the Arlit–Assamaka–In Guezzam corridor the mean of its counted stages', async () => {
    const { body } = await get(`/api/layers/corridors?${WINDOW}`)
    const corridor = body.features.find((f: { id: string }) => f.id === 'arlit-tamanrasset')
    expect(corridor.geometry.type).toBe('LineString')
    // Arlit 300, Assamaka 140, In Guezzam 50: mean 163; before: Arlit 100, Assamaka 70, In Guezzam 0.
    expect(corridor.properties).toMatchObject({
      volume: 163,
      volumeBefore: 57,
      countedStages: 3,
      modelled: false,
    })
    expect(corridor.properties.stages[0]).toBe('Arlit')
    const sea = (await get(`/api/layers/corridors?${WINDOW}&mode=sea`)).body
    expect(sea.features.length).toBeGreaterThan(0)
    for (const f of sea.features) expect(f.properties).toMatchObject({ mode: 'sea', volume: null })
  })

  it('draws flows between consecutive counted stages with the mean of their two ends', async () => {
    const { body } = await get(`/api/layers/flows?${WINDOW}`)
    const arcs = Object.fromEntries(
      body.features.map((f: { id: string; properties: unknown }) => [f.id, f.properties]),
    )
    expect(Object.keys(arcs).sort()).toEqual(['fp-arlit>ne-assamaka', 'ne-assamaka>dz-in-guezzam'])
    expect(arcs['fp-arlit>ne-assamaka']).toMatchObject({
      volume: 220,
      volumeBefore: 85,
      corridors: ['arlit-tamanrasset'],
      modelled: false,
    })
    expect(arcs['ne-assamaka>dz-in-guezzam']).toMatchObject({ volume: 95, volumeBefore: 35 })
    const arc = body.features.find((f: { id: string }) => f.id === 'fp-arlit>ne-assamaka')
    expect(arc.geometry.coordinates).toHaveLength(2)
  })

  it.each([
    ['/api/layers/flows?bbox=1,2,3', 'bbox'],
    ['/api/layers/crossings?country=Niger', 'country'],
    ['/api/layers/crossings?from=2001-03-15&to=2001-03-08', 'to'],
    ['/api/layers/corridors?mode=air', 'mode'],
    ['/api/layers/corridors?bbox=1,2', 'bbox'],
  ])('answers %s with 400 naming %s', async (path, name) => {
    const { response, body } = await get(path)
    expect(response.status).toBe(400)
    expect(body['invalid-params'][0].name).toBe(name)
  })
})
