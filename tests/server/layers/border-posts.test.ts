import { describe, expect, it } from 'vitest'
import { testApp } from '../../helpers/app.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'

describe.each(engines)('GET /api/layers/border-posts on %s', (engine) => {
  const database = useTestDatabase(engine)
  const request = (path: string) => testApp({ database: database.current }).request(path)

  it('returns every post as GeoJSON without a bbox', async () => {
    const response = await request('/api/layers/border-posts')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('application/geo+json')
    const body = await response.json()
    expect(body.type).toBe('FeatureCollection')
    expect(body.features.length).toBeGreaterThanOrEqual(40)
    const feature = body.features[0]
    expect(feature.geometry.type).toBe('Point')
    expect(feature.properties).toMatchObject({
      countries: [expect.stringMatching(/^[A-Z]{2}$/), expect.stringMatching(/^[A-Z]{2}$/)],
      kind: expect.stringMatching(/^(land|sea|air)$/),
      source: expect.any(String),
      dataset: { id: 'crosswatch-border-posts', licence: expect.any(String), modelled: false },
    })
  })

  it('returns Assamaka and In Guezzam, and only posts inside, for bbox=5,18,7,20', async () => {
    const body = await (await request('/api/layers/border-posts?bbox=5,18,7,20')).json()
    const names = body.features.map((f: { properties: { name: string } }) => f.properties.name).join(' | ')
    expect(names).toMatch(/Assamaka/)
    expect(names).toMatch(/Guezzam/)
    for (const f of body.features) {
      const [lon, lat] = f.geometry.coordinates
      expect(lon).toBeGreaterThanOrEqual(5)
      expect(lon).toBeLessThanOrEqual(7)
      expect(lat).toBeGreaterThanOrEqual(18)
      expect(lat).toBeLessThanOrEqual(20)
    }
    const all = await (await request('/api/layers/border-posts')).json()
    const inside = all.features.filter((f: { geometry: { coordinates: number[] } }) => {
      const [lon = 0, lat = 0] = f.geometry.coordinates
      return lon >= 5 && lon <= 7 && lat >= 18 && lat <= 20
    })
    expect(body.features).toHaveLength(inside.length)
  })

  it('exports the same posts as CSV with ?format=csv', async () => {
    const response = await request('/api/layers/border-posts?bbox=5,18,7,20&format=csv')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/csv')
    expect(response.headers.get('content-disposition')).toContain('border-posts.csv')
    const lines = (await response.text()).trim().split('\n')
    expect(lines[0]).toContain('countries')
    expect(lines[0]).toContain('wkt')
    expect(lines.slice(1).join('\n')).toMatch(/Assamaka.*POINT \(5\.8/)
    expect(lines).toHaveLength(3)
  })

  it('returns an empty collection for a box with no post', async () => {
    const body = await (await request('/api/layers/border-posts?bbox=-179,-89,-178,-88')).json()
    expect(body).toEqual({ type: 'FeatureCollection', features: [], numberReturned: 0 })
  })

  it.each([
    ['bbox=abc', 'bbox'],
    ['bbox=1,2,3', 'bbox'],
    ['bbox=10,0,5,1', 'bbox'],
    ['bbox=0,0,1,91', 'bbox'],
    ['bbox=1,2,3,4&bbox=1,2,3,4', 'bbox'],
    ['bbx=1,2,3,4', 'bbx'],
    ['format=xlsx', 'format'],
    ["bbox=1,2,3,4');DROP TABLE border_posts;--", 'bbox'],
  ])('answers %s with 400 problem+json naming %s', async (query, name) => {
    const response = await request(`/api/layers/border-posts?${query}`)
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    const problem = await response.json()
    expect(problem).toMatchObject({ status: 400, title: 'Invalid request' })
    expect(problem['invalid-params'][0].name).toBe(name)
    const after = await (await request('/api/layers/border-posts')).json()
    expect(after.features.length).toBeGreaterThanOrEqual(40)
  })

  it('sends an ETag and answers 304 to a client that has the same version', async () => {
    const first = await request('/api/layers/border-posts?bbox=5,18,7,20')
    const tag = first.headers.get('etag')
    expect(tag).toMatch(/^W\/"[\w-]+"$/)
    const app = testApp({ database: database.current })
    const again = await app.request('/api/layers/border-posts?bbox=5,18,7,20', {
      headers: { 'if-none-match': tag ?? '' },
    })
    expect(again.status).toBe(304)
    const other = await app.request('/api/layers/border-posts', { headers: { 'if-none-match': tag ?? '' } })
    expect(other.status).toBe(200)
  })
})
