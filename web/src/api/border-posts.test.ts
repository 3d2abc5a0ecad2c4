import { afterEach, describe, expect, it, vi } from 'vitest'
import { borderPostsUrl, fetchBorderPosts, parseBorderPosts } from './border-posts.ts'
import { ApiError } from './http.ts'

const feature = (overrides: { properties?: Record<string, unknown>; geometry?: unknown } = {}) => ({
  type: 'Feature',
  geometry: overrides.geometry ?? { type: 'Point', coordinates: [5.8, 19.4] },
  properties: {
    id: 'ne-assamaka',
    name: 'Assamaka',
    kind: 'land',
    countries: ['NE', 'DZ'],
    operator: null,
    locationPrecision: 'site',
    source: 'Test source',
    sourceUrl: null,
    ...overrides.properties,
  },
})

const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features })

describe('parseBorderPosts', () => {
  it('keeps a valid feature with its properties', () => {
    const parsed = parseBorderPosts(collection(feature()))
    expect(parsed.skipped).toBe(0)
    expect(parsed.features).toHaveLength(1)
    expect(parsed.features[0]?.properties).toMatchObject({ id: 'ne-assamaka', countries: ['NE', 'DZ'] })
    expect(parsed.features[0]?.geometry.coordinates).toEqual([5.8, 19.4])
  })

  it('keeps the dataset the server adds', () => {
    const dataset = { id: 'cw', name: 'Border posts', licence: 'CC BY 4.0', modelled: false }
    const parsed = parseBorderPosts(collection(feature({ properties: { dataset } })))
    expect(parsed.features[0]?.properties.dataset).toEqual(dataset)
  })

  it('reads a missing sourceUrl as null', () => {
    const parsed = parseBorderPosts(collection(feature({ properties: { sourceUrl: undefined } })))
    expect(parsed.features[0]?.properties.sourceUrl).toBeNull()
  })

  it.each([
    ['an unknown kind', { properties: { kind: 'rail' } }],
    ['one country only', { properties: { countries: ['NE'] } }],
    ['a numeric country', { properties: { countries: ['NE', 12] } }],
    ['no name', { properties: { name: undefined } }],
    ['a bad precision', { properties: { locationPrecision: 'exact' } }],
    ['a numeric operator', { properties: { operator: 3 } }],
    ['a malformed dataset', { properties: { dataset: { id: 'x' } } }],
    ['a line geometry', { geometry: { type: 'LineString', coordinates: [[0, 0]] } }],
    ['a latitude out of range', { geometry: { type: 'Point', coordinates: [5, 95] } }],
    ['a non-numeric coordinate', { geometry: { type: 'Point', coordinates: ['5', 19] } }],
  ])('skips a feature with %s', (_, overrides) => {
    const parsed = parseBorderPosts(collection(feature(), feature(overrides)))
    expect(parsed.features).toHaveLength(1)
    expect(parsed.skipped).toBe(1)
  })

  it.each([
    ['null', null],
    ['an array', []],
    ['a Feature', feature()],
    ['an HTML page read as text', '<!doctype html>'],
  ])('refuses %s', (_, json) => {
    expect(() => parseBorderPosts(json)).toThrow(ApiError)
  })
})

describe('borderPostsUrl', () => {
  it.each([
    [undefined, '/api/layers/border-posts'],
    [[-10, 10, 25, 40] as const, '/api/layers/border-posts?bbox=-10,10,25,40'],
  ])('%j → %s', (bbox, expected) => {
    expect(borderPostsUrl(bbox)).toBe(expected)
  })
})

describe('fetchBorderPosts', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  const stubFetch = (implementation: () => Promise<Response>) => vi.stubGlobal('fetch', vi.fn(implementation))

  it('returns the parsed posts', async () => {
    stubFetch(async () => Response.json(collection(feature())))
    const posts = await fetchBorderPosts()
    expect(posts.features.map((f) => f.properties.name)).toEqual(['Assamaka'])
  })

  it.each([
    [
      'the server is down',
      () => Promise.reject(new TypeError('Failed to fetch')),
      { kind: 'network', status: undefined },
    ],
    [
      'a problem document',
      async () =>
        new Response(JSON.stringify({ title: 'Invalid request', detail: 'bbox: not four numbers' }), {
          status: 400,
          headers: { 'content-type': 'application/problem+json' },
        }),
      { kind: 'http', status: 400, message: 'bbox: not four numbers' },
    ],
    ['a bare 502', async () => new Response('Bad Gateway', { status: 502 }), { kind: 'http', status: 502 }],
    ['HTML instead of JSON', async () => new Response('<!doctype html><html></html>'), { kind: 'invalid' }],
  ])('throws an ApiError when %s', async (_, implementation, expected) => {
    stubFetch(implementation)
    const error = await fetchBorderPosts().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject(expected)
  })
})
