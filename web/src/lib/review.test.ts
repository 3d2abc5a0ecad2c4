import { describe, expect, it } from 'vitest'
import { countsLine, isClosed, reviewButtons } from './review.ts'

describe('reviewButtons', () => {
  it.each([
    [
      'a new report',
      { verification: 'unverified', resolvedAt: null },
      ['verify', 'reject', 'merge', 'resolve'],
    ],
    ['a verified report', { verification: 'verified', resolvedAt: null }, ['reject', 'merge', 'resolve']],
    ['a resolved report', { verification: 'verified', resolvedAt: '2026-11-30T10:00:00Z' }, ['reopen']],
    ['a rejected report', { verification: 'rejected', resolvedAt: null }, ['reopen']],
    ['a merged report', { verification: 'duplicate', resolvedAt: null }, ['reopen']],
  ] as const)('%s → %j', (_, state, buttons) => {
    expect(reviewButtons(state)).toEqual(buttons)
    expect(isClosed(state)).toBe(buttons[0] === 'reopen')
  })
})

describe('countsLine', () => {
  it('names the counts that are not zero, in order', () => {
    const line = countsLine(
      { dead: 3, missing: 12, injured: 0, survivors: 41, children: 0 },
      (k, n) => `${n} ${k}`,
    )
    expect(line).toBe('3 dead · 12 missing · 41 survivors')
  })

  it('is empty when every count is zero', () => {
    expect(countsLine({ dead: 0, missing: 0, injured: 0, survivors: 0, children: 0 }, () => 'x')).toBe('')
  })
})
