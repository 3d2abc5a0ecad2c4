// parseDatetime: the OGC API `datetime` parameter, an instant or an interval open at either end.
import { describe, expect, it } from 'vitest'
import { parseDatetime } from '../../server/ogc/contract.ts'

describe('parseDatetime', () => {
  it.each([
    ['2024-05-01', { start: '2024-05-01T00:00:00.000Z', end: '2024-05-01T00:00:00.000Z' }],
    ['2024-01-01/2024-12-31', { start: '2024-01-01T00:00:00.000Z', end: '2024-12-31T00:00:00.000Z' }],
    ['../2024-12-31', { end: '2024-12-31T00:00:00.000Z' }],
    ['2024-01-01T00:00:00Z/..', { start: '2024-01-01T00:00:00.000Z' }],
  ])('reads %s', (value, expected) => {
    const interval = parseDatetime(value)
    expect({ start: interval.start?.toISOString(), end: interval.end?.toISOString() }).toEqual({
      start: undefined,
      end: undefined,
      ...expected,
    })
  })

  it.each(['../..', '2024-12-31/2024-01-01', 'last year', '2024-01-01/2024-02-01/2024-03-01'])(
    'refuses %s',
    (value) => {
      expect(() => parseDatetime(value)).toThrow()
    },
  )
})
