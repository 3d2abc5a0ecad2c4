import { describe, expect, it } from 'vitest'
import { filterKey, toggleHidden, visibleFeatures } from './filters.ts'

const features = [
  { id: 1, type: 'shipwreck', severity: 'high' },
  { id: 2, type: 'trafficking', severity: 'low' },
  { id: 3, type: 'shipwreck', severity: 'low' },
]
const itemsOf = (f: (typeof features)[number]) => [`type:${f.type}`, `severity:${f.severity}`]

describe('visibleFeatures', () => {
  it.each([
    ['nothing hidden', [], [1, 2, 3]],
    ['a type hidden', ['incidents/type:shipwreck'], [2]],
    ['a severity hidden', ['incidents/severity:low'], [1]],
    ['both', ['incidents/type:trafficking', 'incidents/severity:high'], [3]],
    ['another layer’s item only', ['corridors/type:shipwreck'], [1, 2, 3]],
  ])('%s', (_, hidden, ids) => {
    expect(visibleFeatures(features, 'incidents', itemsOf, new Set(hidden)).map((f) => f.id)).toEqual(ids)
  })

  it('returns the same array when the layer has no filter, so memos hold', () => {
    expect(visibleFeatures(features, 'incidents', itemsOf, new Set())).toBe(features)
  })
})

describe('toggleHidden', () => {
  it('adds then removes a key, without changing the set given', () => {
    const key = filterKey('incidents', 'type:other')
    const empty = new Set<string>()
    const once = toggleHidden(empty, key)
    expect([...once]).toEqual(['incidents/type:other'])
    expect(empty.size).toBe(0)
    expect([...toggleHidden(once, key)]).toEqual([])
  })
})
