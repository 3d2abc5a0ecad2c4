import { beforeAll, describe, expect, it } from 'vitest'
import { layerContexts } from '../map/layers/test-context.ts'
import type { LayerContext } from '../map/layers/types.ts'
import { countPhrase, countsLine, isClosed, mayShare, reviewButtons } from './review.ts'

let ctx: Record<'en' | 'fr', LayerContext>
beforeAll(async () => {
  ctx = await layerContexts()
})

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
  const none = { dead: 0, missing: 0, injured: 0, survivors: 0, children: 0 }
  it.each([
    [
      'names the counts that are not zero, in order',
      { ...none, dead: 3, missing: 12, survivors: 41 },
      [],
      '3 dead · 12 missing · 41 survivors',
    ],
    ['is empty when every count is zero', none, [], ''],
    [
      'says a withheld count, never 0',
      { ...none, dead: null, survivors: 12 },
      ['dead'],
      'withheld dead · 12 survivors',
    ],
    [
      'says a null count withheld even when withheld is left out',
      { ...none, injured: null },
      undefined,
      'withheld injured',
    ],
  ] as const)('%s', (_, counts, withheld, line) => {
    expect(countsLine(counts, (k, n) => `${n} ${k}`, withheld)).toBe(line)
  })
})

describe('countPhrase', () => {
  it.each([
    ['en', 'dead', 3, '3 dead'],
    ['en', 'children', 1, '1 child'],
    ['en', 'dead', 'withheld', 'fewer than 5 dead'],
    ['en', 'survivors', 'withheld', 'fewer than 5 survivors'],
    ['fr', 'missing', 2, '2 disparus'],
    ['fr', 'dead', 'withheld', 'moins de 5 morts'],
    ['fr', 'children', 'withheld', 'moins de 5 enfants'],
  ] as const)('%s: %s %s → %s', (language, key, count, phrase) => {
    expect(countPhrase(ctx[language].t, key, count)).toBe(phrase)
  })
})

describe('mayShare', () => {
  const iom = { id: 1, code: 'iom', name: 'IOM' }
  it.each([
    ['a verified report of the reader’s agency', { verification: 'verified', agency: iom }, 1, true],
    ['an unverified one: nobody outside sees it yet', { verification: 'unverified', agency: iom }, 1, false],
    ['a rejected one', { verification: 'rejected', agency: iom }, 1, false],
    ['a merged one', { verification: 'duplicate', agency: iom }, 1, false],
    ['another agency’s verified report', { verification: 'verified', agency: iom }, 2, false],
    ['a report of no agency', { verification: 'verified', agency: null }, null, false],
    ['a reader of no agency', { verification: 'verified', agency: iom }, null, false],
  ] as const)('%s → %s', (_, report, agencyId, expected) => {
    expect(mayShare(report, agencyId)).toBe(expected)
  })
})
