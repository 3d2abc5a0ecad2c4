import { describe, expect, it } from 'vitest'
import type { Placed } from '../../lib/declutter.ts'
import type { Town } from '../../lib/towns.ts'
import { makeTownsLayers, visibleTowns } from './towns-layer.ts'

const town = (name: string, lon: number, lat: number, population: number, key = false): Town => ({
  name,
  country: 'LY',
  lon,
  lat,
  population,
  capital: key,
  transit: false,
})

// Most important first, as the build gives them.
const towns = [
  town('Tripoli', 13.19, 32.89, 1_150_989, true),
  town('Benghazi', 20.07, 32.11, 650_629),
  town('Tarhuna', 13.63, 32.43, 210_697),
]

describe('visibleTowns', () => {
  it.each([
    [3, ['Tripoli']],
    [5, ['Tripoli', 'Benghazi']],
    [6, ['Tripoli', 'Benghazi', 'Tarhuna']],
  ])('at zoom %d names %j', (zoom, expected) => {
    expect(visibleTowns(towns, { zoom }).map((p) => p.item.name)).toEqual(expected)
  })

  it('moves a name off a data symbol', () => {
    const [tripoli] = visibleTowns(towns, { zoom: 6, obstacles: [[13.5, 32.89]] })
    expect(tripoli?.anchor).not.toBe('right')
  })
})

describe('makeTownsLayers', () => {
  const [dots, labels] = makeTownsLayers(towns, { zoom: 6, sizeScale: 2 })

  it('draws dots under names', () => {
    expect([dots?.id, labels?.id]).toEqual(['towns-dots', 'towns-labels'])
    expect(dots?.props.data).toHaveLength(3)
  })

  it.each([
    ['right', 'start', 'center', [14, 0]],
    ['left', 'end', 'center', [-14, 0]],
    ['above', 'middle', 'bottom', [0, -14]],
    ['below', 'middle', 'top', [0, 14]],
  ] as const)('writes a name %s of its dot', (anchor, textAnchor, baseline, offset) => {
    const placed: Placed<Town> = { item: towns[0] as Town, anchor }
    const props = labels?.props as unknown as Record<string, (p: Placed<Town>) => unknown>
    expect(props.getTextAnchor?.(placed)).toBe(textAnchor)
    expect(props.getAlignmentBaseline?.(placed)).toBe(baseline)
    expect(props.getPixelOffset?.(placed)).toEqual(offset)
  })
})
