import { describe, expect, it } from 'vitest'
import { divergingColor, maxOf, mix, sqrtSize } from './scales.ts'

describe('sqrtSize', () => {
  it.each([
    [0, 4],
    [null, 4],
    [-5, 4],
    [100, 16],
    [25, 10],
    [400, 16], // clamped
  ])('%s → %s px', (value, pixels) => {
    expect(sqrtSize(value, 100, 4, 16)).toBe(pixels)
  })

  it('gives the minimum when every value is 0', () => {
    expect(sqrtSize(3, 0, 4, 16)).toBe(4)
  })
})

describe('maxOf', () => {
  it('skips missing values', () => {
    expect(maxOf([3, null, 7, undefined, -1])).toBe(7)
    expect(maxOf([])).toBe(0)
  })
})

describe('divergingColor', () => {
  const fall = [0, 0, 255] as const
  const flat = [100, 100, 100] as const
  const rise = [255, 0, 0] as const
  it.each([
    [0, [100, 100, 100]],
    [0.5, [255, 0, 0]],
    [1, [255, 0, 0]],
    [-0.25, [50, 50, 178]],
    [null, null],
  ])('%s → %j', (ratio, expected) => {
    expect(divergingColor(ratio, 0.5, fall, flat, rise)).toEqual(expected)
  })

  it('mixes channel by channel', () => {
    expect(mix([0, 0, 0], [10, 20, 30], 0.5)).toEqual([5, 10, 15])
  })
})
