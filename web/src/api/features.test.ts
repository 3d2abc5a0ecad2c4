import { afterEach, describe, expect, it, vi } from 'vitest'
import { asCollection, fetchCollection, withQuery } from './features.ts'
import { ApiError } from './http.ts'
import { surgeParams, windowParams } from './layers.ts'

describe('asCollection', () => {
  it('takes a FeatureCollection as it is', () => {
    const json = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 1 } }] }
    expect(asCollection(json, 'test')).toBe(json)
  })

  it.each([
    ['null', null],
    ['an array', []],
    ['a Feature', { type: 'Feature' }],
    ['a collection without features', { type: 'FeatureCollection' }],
    ['a problem document', { title: 'Invalid request', status: 400 }],
    ['text', '<!doctype html>'],
  ])('refuses %s', (_, json) => {
    expect(() => asCollection(json, 'test')).toThrow(ApiError)
  })
})

describe('fetchCollection', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  const stubFetch = (implementation: () => Promise<Response>) => vi.stubGlobal('fetch', vi.fn(implementation))
  const fetchTest = () => fetchCollection('/api/layers/test', 'test', new AbortController().signal)

  it('returns the collection', async () => {
    stubFetch(async () => Response.json({ type: 'FeatureCollection', features: [] }))
    expect(await fetchTest()).toEqual({ type: 'FeatureCollection', features: [] })
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
    ['JSON that is not a collection', async () => Response.json({ ok: true }), { kind: 'invalid' }],
  ])('throws an ApiError when %s', async (_, implementation, expected) => {
    stubFetch(implementation)
    const error = await fetchTest().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject(expected)
  })
})

describe('query strings', () => {
  const from = new Date('2026-11-24T00:00:00Z')
  const to = new Date('2026-11-30T00:00:00Z')

  it('leaves out parameters without a value', () => {
    expect(withQuery('/x', { a: '1', b: undefined, c: 'a,b' })).toBe('/x?a=1&c=a%2Cb')
    expect(withQuery('/x', {})).toBe('/x')
  })

  it('asks for the window, open-ended when live', () => {
    expect(windowParams({ from, to })).toEqual({ from: from.toISOString(), to: to.toISOString() })
    expect(windowParams({ from, to: undefined })).toEqual({ from: from.toISOString(), to: undefined })
  })

  it('judges surges on the last day of the window, and on the server’s last 24 h when live', () => {
    expect(surgeParams({ from, to })).toEqual({ from: '2026-11-29T00:00:00.000Z', to: to.toISOString() })
    expect(surgeParams({ from, to: undefined })).toEqual({})
  })
})
