import { describe, expect, it } from 'vitest'
import { testApp } from '../../helpers/app.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'

interface Feature {
  geometry: { coordinates: [number, number] }
  properties: {
    type: string
    severity: string
    occurredAt: string
    country: string | null
    counts: Record<string, number>
    dataset: { id: string; licence: string; modelled: boolean }
  }
}

describe.each(engines)('GET /api/layers/incidents on %s', (engine) => {
  const database = useTestDatabase(engine)
  const get = async (query = '') => {
    const app = testApp({ database: database.current })
    const response = await app.request(`/api/layers/incidents${query}`)
    return { response, body: response.status === 200 ? await response.json() : await response.json() }
  }

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
    // Every MMP record is a death or disappearance; other types come from field reports.
    ['type=death_or_disappearance,other', (f: Feature) => f.properties.type !== 'shipwreck'],
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
    expect(some.length).toBeGreaterThan(0)
    expect(some.length).toBe(all.filter(keep).length)
  })

  it.each([
    ['type=boat', 'type'],
    ['severity=extreme', 'severity'],
    ['verification=maybe', 'verification'],
    ['country=Libya', 'country'],
    ['from=2025-13-01', 'from'],
    ['from=2025-02-01&to=2025-01-01', 'to'],
    ['limit=5', 'limit'],
  ])('answers %s with 400 naming %s', async (query, name) => {
    const { response, body } = await get(`?${query}`)
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(body['invalid-params'][0].name).toBe(name)
  })

  it('finds no shipwreck among the MMP records, which are all deaths and disappearances', async () => {
    const { body } = await get('?type=shipwreck')
    expect(body.features).toEqual([])
  })
})
