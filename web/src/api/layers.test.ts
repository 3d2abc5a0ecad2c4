import { afterEach, describe, expect, it, vi } from 'vitest'
import { withQuery } from './features.ts'
import { type FetchOptions, incidentsParams, layerFetchers } from './layers.ts'

const from = new Date('2026-11-23T00:00:00Z')
const to = new Date('2026-11-30T00:00:00Z')
const ALL = 'unverified%2Cverified%2Crejected%2Cduplicate'

describe('the incidents query', () => {
  it.each([
    ['by default, the server’s default (merged and rejected left out)', {}, { to }, undefined],
    ['with the toggle off', { closedReports: false }, { to }, undefined],
    [
      'with the toggle on, every verification state',
      { closedReports: true },
      { to },
      'unverified,verified,rejected,duplicate',
    ],
    [
      'live, with the toggle on',
      { closedReports: true },
      { to: undefined },
      'unverified,verified,rejected,duplicate',
    ],
  ] as const)('%s', (_, options: FetchOptions, window, verification) => {
    expect(incidentsParams({ from, ...window }, options)).toEqual({
      from: from.toISOString(),
      to: window.to?.toISOString(),
      verification,
    })
  })

  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it.each([
    [
      { closedReports: false },
      `/api/layers/incidents?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`,
    ],
    [
      { closedReports: true },
      `/api/layers/incidents?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}&verification=${ALL}`,
    ],
  ] as const)('the fetcher asks %j as %s', async (options, url) => {
    const fetch = vi.fn(async (_url: string, _init?: RequestInit) =>
      Response.json({ type: 'FeatureCollection', features: [] }),
    )
    vi.stubGlobal('fetch', fetch)
    await layerFetchers.incidents({ from, to }, new AbortController().signal, options)
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(fetch.mock.calls[0]?.[0]).toBe(url)
    expect(withQuery('/api/layers/incidents', incidentsParams({ from, to }, options))).toBe(url)
  })
})
