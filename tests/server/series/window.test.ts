// seriesWindow: the days a series covers, snapped outwards to whole days, 90 days up to today by default.
import { describe, expect, it } from 'vitest'
import { seriesWindow } from '../../../server/series/index.ts'

describe('seriesWindow', () => {
  it.each([
    ['whole days as given', '2001-03-08T00:00:00Z', '2001-03-10T00:00:00Z', '2001-03-08', '2001-03-10'],
    ['snapped outwards', '2001-03-08T06:00:00Z', '2001-03-09T18:00:00Z', '2001-03-08', '2001-03-10'],
  ])('%s', (_, from, to, start, end) => {
    const w = seriesWindow(new Date(from), new Date(to))
    expect([w.from.toISOString().slice(0, 10), w.to.toISOString().slice(0, 10)]).toEqual([start, end])
  })

  it('defaults to the 90 days up to the end of today', () => {
    const w = seriesWindow(undefined, undefined, new Date('2026-11-30T10:00:00Z'))
    expect([w.from.toISOString(), w.to.toISOString()]).toEqual([
      '2026-09-02T00:00:00.000Z',
      '2026-12-01T00:00:00.000Z',
    ])
  })
})
