import { describe, expect, it } from 'vitest'
import {
  boundaryDate,
  DEFAULT_RANGE,
  goLive,
  inWindow,
  queryWindow,
  SLIDER_DAYS,
  setHandle,
  stepDay,
  windowKey,
} from './time-window.ts'

const NOW = new Date('2026-11-30T10:54:00Z')

describe('boundaryDate', () => {
  it.each([
    [SLIDER_DAYS, '2026-12-01T00:00:00.000Z'],
    [SLIDER_DAYS - 1, '2026-11-30T00:00:00.000Z'],
    [0, '2026-09-02T00:00:00.000Z'],
  ])('position %i is %s', (position, iso) => {
    expect(boundaryDate(position, NOW).toISOString()).toBe(iso)
  })
})

describe('queryWindow', () => {
  it('leaves the end open in live mode', () => {
    const w = queryWindow(DEFAULT_RANGE, NOW)
    expect(w.from.toISOString()).toBe('2026-11-24T00:00:00.000Z')
    expect(w.to).toBeUndefined()
    expect(windowKey(w)).toBe('2026-11-24T00:00:00.000Z/now')
  })

  it('closes it otherwise', () => {
    const w = queryWindow({ start: 10, end: 12, live: false }, NOW)
    expect([w.from.toISOString(), w.to?.toISOString()]).toEqual([
      '2026-09-12T00:00:00.000Z',
      '2026-09-14T00:00:00.000Z',
    ])
  })
})

describe('setHandle', () => {
  it.each([
    ['moves the start', { start: 10, end: 20 }, 'start', 15, { start: 15, end: 20 }],
    ['pushes the end when the start crosses it', { start: 10, end: 20 }, 'start', 25, { start: 25, end: 26 }],
    ['pulls the start when the end crosses it', { start: 10, end: 20 }, 'end', 5, { start: 4, end: 5 }],
    ['keeps a day at the far end', { start: 10, end: 20 }, 'start', 95, { start: 89, end: 90 }],
    ['keeps a day at the near end', { start: 10, end: 20 }, 'end', -3, { start: 0, end: 1 }],
    ['rounds to whole days', { start: 10, end: 20 }, 'end', 17.6, { start: 10, end: 18 }],
  ] as const)('%s', (_, range, handle, position, expected) => {
    expect(setHandle({ ...range, live: true }, handle, position)).toEqual({ ...expected, live: false })
  })
})

describe('stepDay and goLive', () => {
  it('steps a day keeping the length, and stops at the end', () => {
    expect(stepDay({ start: 3, end: 5, live: false })).toEqual({ start: 4, end: 6, live: false })
    expect(stepDay({ start: 88, end: SLIDER_DAYS, live: false })).toBeNull()
  })

  it('goes live keeping the length', () => {
    expect(goLive({ start: 3, end: 17, live: false })).toEqual({ start: 76, end: 90, live: true })
  })
})

describe('inWindow', () => {
  const w = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-11-02T00:00:00Z') }
  it.each([
    ['2026-11-01T00:00:00Z', true],
    ['2026-11-01T23:59:59Z', true],
    ['2026-11-02T00:00:00Z', false],
    ['2026-10-31T23:59:59Z', false],
  ])('%s → %s', (instant, expected) => {
    expect(inWindow(instant, w)).toBe(expected)
  })

  it('has no end when live', () => {
    expect(inWindow('2030-01-01T00:00:00Z', { from: w.from, to: undefined })).toBe(true)
  })
})
