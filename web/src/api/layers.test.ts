import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  type FetchOptions,
  fetchIncidentRecord,
  incidentsParams,
  incidentTilesUrl,
  layerFetchers,
} from './layers.ts'

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
      3,
      `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}&v=3`,
    ],
    [
      { closedReports: true },
      1,
      `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}&verification=${ALL}&v=1`,
    ],
  ] as const)('the incidents are tiles: %j, load %i, asks %s', async (options, request, query) => {
    const fetch = vi.fn()
    vi.stubGlobal('fetch', fetch)
    const view = await layerFetchers.incidents({ from, to }, new AbortController().signal, options, request)
    // Nothing is downloaded whole: the map asks for the tiles in view.
    expect(fetch).not.toHaveBeenCalled()
    expect(view).toEqual({ tiles: `/api/tiles/incidents/{z}/{x}/{y}?${query}`, features: [], inView: null })
    expect(incidentTilesUrl({ from, to }, options, request)).toBe(view.tiles)
  })

  it('loads the whole record of one incident, in any verification state', async () => {
    const record = { type: 'Feature', id: 7, properties: { id: 7 } }
    const fetch = vi.fn(async (_url: string, _init?: RequestInit) =>
      Response.json({ type: 'FeatureCollection', features: [record] }),
    )
    vi.stubGlobal('fetch', fetch)
    expect(await fetchIncidentRecord(7, { from, to }, new AbortController().signal)).toEqual(record)
    expect(fetch.mock.calls[0]?.[0]).toBe(
      `/api/layers/incidents?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}&ids=7&verification=${ALL}`,
    )
  })
})
