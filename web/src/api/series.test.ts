import { describe, expect, it } from 'vitest'
import { ApiError } from './http.ts'
import { parseSeries, seriesUrl } from './series.ts'

const FROM = new Date('2026-09-02T00:00:00Z')
const TO = new Date('2026-12-01T00:00:00Z')

describe('seriesUrl', () => {
  it.each([
    [
      { kind: 'crossings', site: 'ne-assamaka' },
      '/api/series/crossings?site=ne-assamaka&from=2026-09-02&to=2026-12-01',
    ],
    [
      { kind: 'incidents', bbox: [11.5, 34.5, 13.5, 36.5] },
      '/api/series/incidents?bbox=11.5%2C34.5%2C13.5%2C36.5&from=2026-09-02&to=2026-12-01',
    ],
  ] as const)('%j', (request, url) => {
    expect(seriesUrl(request, FROM, TO)).toBe(url)
  })
})

describe('parseSeries', () => {
  it('makes one column per series', () => {
    const series = parseSeries('crossings', {
      days: [
        { day: '2026-11-01', in: 3, out: 1 },
        { day: '2026-11-02', in: 0, out: 5 },
      ],
      modelled: true,
      datasets: [{ id: 'm', name: 'Model', licence: 'CC BY 4.0', modelled: true }],
    })
    expect(series).toMatchObject({
      days: ['2026-11-01', '2026-11-02'],
      values: { in: [3, 0], out: [1, 5] },
      modelled: true,
    })
    expect(series.datasets).toHaveLength(1)
  })

  it('reads incidents and deaths for an area', () => {
    const series = parseSeries('incidents', {
      days: [{ day: '2026-11-01', incidents: 2, dead: 4, missing: 0 }],
    })
    expect(series.values).toEqual({ incidents: [2], dead: [4] })
    expect(series.modelled).toBe(false)
  })

  it('refuses an answer without days', () => {
    expect(() => parseSeries('incidents', { type: 'FeatureCollection' })).toThrow(ApiError)
  })
})
