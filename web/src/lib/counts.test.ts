import { describe, expect, it } from 'vitest'
import { shownCounts } from './counts.ts'

const none = { dead: 0, missing: 0, injured: 0, survivors: 0, children: 0 }

describe('shownCounts', () => {
  it.each([
    ['nothing when every count is zero', none, [], []],
    [
      'the counts above zero, in order',
      { ...none, survivors: 41, dead: 3 },
      [],
      [
        ['dead', 3],
        ['survivors', 41],
      ],
    ],
    [
      'a withheld count as withheld, never 0 nor left out',
      { ...none, dead: null, survivors: 12 },
      ['dead'],
      [
        ['dead', 'withheld'],
        ['survivors', 12],
      ],
    ],
    [
      'a null count not named in withheld, still as withheld',
      { ...none, children: null },
      [],
      [['children', 'withheld']],
    ],
    [
      'a count named in withheld even if a number came',
      { ...none, missing: 2 },
      ['missing'],
      [['missing', 'withheld']],
    ],
    [
      'every count withheld',
      { dead: null, missing: null, injured: null, survivors: null, children: null },
      ['dead', 'missing', 'injured', 'survivors', 'children'],
      [
        ['dead', 'withheld'],
        ['missing', 'withheld'],
        ['injured', 'withheld'],
        ['survivors', 'withheld'],
        ['children', 'withheld'],
      ],
    ],
  ] as const)('%s', (_, counts, withheld, expected) => {
    expect(shownCounts(counts, withheld)).toEqual(expected)
  })
})
