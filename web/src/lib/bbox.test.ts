import { describe, expect, it } from 'vitest'
import { type Bbox, formatBbox, isValidBbox } from './bbox.ts'

describe('isValidBbox', () => {
  it.each<[Bbox, boolean]>([
    [[-10, 10, 25, 40], true],
    [[5.8, 19.4, 5.8, 19.4], true],
    [[-180, -90, 180, 90], true],
    [[25, 10, -10, 40], false],
    [[-10, 40, 25, 10], false],
    [[-181, 10, 25, 40], false],
    [[-10, 10, 25, 91], false],
    [[Number.NaN, 10, 25, 40], false],
    [[-10, 10, Number.POSITIVE_INFINITY, 40], false],
  ])('%j → %s', (bbox, expected) => {
    expect(isValidBbox(bbox)).toBe(expected)
  })
})

describe('formatBbox', () => {
  it('joins the four values in API order', () => {
    expect(formatBbox([-10, 10, 25, 40])).toBe('-10,10,25,40')
  })
  it('rounds to 5 decimals', () => {
    expect(formatBbox([12.6000004, 35.123456789, 13, 36])).toBe('12.6,35.12346,13,36')
  })
  it('refuses an inverted box', () => {
    expect(() => formatBbox([25, 10, -10, 40])).toThrow(RangeError)
  })
})
