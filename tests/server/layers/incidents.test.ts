import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getJson } from '../../helpers/app.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'

interface Feature {
  geometry: { coordinates: [number, number] }
  properties: {
    id: number
    type: string
    severity: string
    occurredAt: string
    country: string | null
    counts: Record<string, number>
    verification: string
    description: string
    dataset: { id: string; licence: string; modelled: boolean }
  }
}

// Records of a test source in 2001, before any seeded one: the seeded MMP records are all deaths and
// disappearances and all unverified, so a filter by type or verification needs others to leave out.
const RECORDS = [
  // type, verification, description
  ['shipwreck', 'verified', 'test: a verified shipwreck'],
  ['trafficking', 'unverified', 'test: an unverified trafficking report'],
  ['stranded_group', 'rejected', 'test: a rejected report'],
  ['shipwreck', 'duplicate', 'test: a merged report'],
] as const
const IN_2001 = 'from=2001-01-01&to=2002-01-01'

describe.each(engines)('GET /api/layers/incidents on %s', (engine) => {
  const database = useTestDatabase(engine)
  const get = (query = '') => getJson(database.current, `/api/layers/incidents${query}`)
  const descriptions = async (query: string) =>
    ((await get(`?${query}`)).body.features as Feature[]).map((f) => f.properties.description).sort()

  beforeAll(async () => {
    await database.current.rows(sql`
      INSERT INTO sources (id, name, publisher, licence, modelled) VALUES ('test-incidents', 'Test incidents', 'Tests', 'none', false)`)
    for (const [i, [type, verification, description]] of RECORDS.entries()) {
      await database.current.rows(sql`
        INSERT INTO incidents (location, occurred_at, type, severity, verification, description, source_id)
        VALUES (ST_SetSRID(ST_MakePoint(12.5, 35.5), 4326), ${`2001-03-0${i + 1}T10:00:00Z`}::timestamptz,
                ${type}, 'high', ${verification}, ${description}, 'test-incidents')`)
    }
  })

  it('returns the real MMP incidents with their source and counts, newest first', async () => {
    const { response, body } = await get('?from=2024-01-01&to=2025-01-01')
    expect(response.headers.get('content-type')).toContain('application/geo+json')
    const features: Feature[] = body.features
    expect(features.length).toBeGreaterThan(100)
    for (const f of features) {
      expect(f.properties.occurredAt >= '2024-01-01' && f.properties.occurredAt < '2025-01-01').toBe(true)
      expect(f.properties.dataset.id).toMatch(/^iom-mmp-/)
      expect(f.properties.dataset.modelled).toBe(false)
    }
    const dates = features.map((f) => f.properties.occurredAt)
    expect(dates).toEqual([...dates].sort().reverse())
    expect(Object.keys(features[0]?.properties.counts ?? {}).sort()).toEqual([
      'children',
      'dead',
      'injured',
      'missing',
      'survivors',
    ])
  })

  it.each([
    // The MMP records are deaths and disappearances: the test records are the only others.
    ['type=shipwreck,trafficking', (f: Feature) => ['shipwreck', 'trafficking'].includes(f.properties.type)],
    ['type=death_or_disappearance', (f: Feature) => f.properties.type === 'death_or_disappearance'],
    ['severity=critical,high', (f: Feature) => ['critical', 'high'].includes(f.properties.severity)],
    ['country=LY', (f: Feature) => f.properties.country === 'LY'],
    [
      'bbox=11,32,16,36',
      (f: Feature) => {
        const [lon, lat] = f.geometry.coordinates
        return lon >= 11 && lon <= 16 && lat >= 32 && lat <= 36
      },
    ],
  ])('filters with %s, and only that', async (query, keep) => {
    const all: Feature[] = (await get()).body.features
    const some: Feature[] = (await get(`?${query}`)).body.features
    const ids = (features: Feature[]) => features.map((f) => f.properties.id)
    expect(some.length).toBeGreaterThan(0)
    expect(ids(some)).toEqual(ids(all.filter(keep)))
  })

  it.each([
    [
      'the default: merged and rejected reports left out',
      '',
      ['test: a verified shipwreck', 'test: an unverified trafficking report'],
    ],
    ['verification=rejected', 'verification=rejected', ['test: a rejected report']],
    [
      'verification=duplicate,rejected',
      'verification=duplicate,rejected',
      ['test: a merged report', 'test: a rejected report'],
    ],
    ['verification=verified', 'verification=verified', ['test: a verified shipwreck']],
  ])('filters by verification: %s', async (_, query, expected) => {
    expect(await descriptions(`${IN_2001}${query ? `&${query}` : ''}`)).toEqual(expected)
  })

  it('takes the type and verification filters together', async () => {
    expect(await descriptions(`${IN_2001}&type=shipwreck&verification=duplicate`)).toEqual([
      'test: a merged report',
    ])
  })

  it.each([
    ['type=boat', 'type'],
    ['severity=extreme', 'severity'],
    ['verification=maybe', 'verification'],
    ['country=Libya', 'country'],
    ['from=2025-13-01', 'from'],
    ['from=2025-02-01&to=2025-01-01', 'to'],
    ['limit=0', 'limit'],
    ['limit=10001', 'limit'],
    ['limit=2.5', 'limit'],
    ['after=yesterday', 'after'],
    ['after=2026-01-01T00:00:00Z', 'after'],
    ['offset=5', 'offset'],
  ])('answers %s with 400 naming %s', async (query, name) => {
    const { response, body } = await get(`?${query}`)
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(body['invalid-params'][0].name).toBe(name)
  })

  it('finds no shipwreck among the MMP records, which are all deaths and disappearances', async () => {
    const { body } = await get('?type=shipwreck&from=2024-01-01')
    expect(body.features).toEqual([])
  })
})
