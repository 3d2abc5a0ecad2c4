import { describe, expect, it } from 'vitest'
import { sizeScaleForViewport } from './ui-scale.ts'

describe('sizeScaleForViewport', () => {
  it.each([
    ['a phone', 390, 844, 1],
    ['a laptop', 1280, 720, 1],
    ['the reference laptop', 1440, 900, 1],
    ['a full-HD screen', 1920, 1080, 1.25],
    ['a QHD screen', 2560, 1440, 1.5],
    ['a 4K wall screen', 3840, 2160, 2],
    ['an 8K wall screen', 7680, 4320, 2],
    ['an ultra-wide but short screen', 5120, 900, 1],
    ['a zero-sized element', 0, 0, 1],
    ['a NaN size', Number.NaN, 900, 1],
  ])('%s (%d×%d) → %d', (_, width, height, expected) => {
    expect(sizeScaleForViewport(width, height)).toBe(expected)
  })
})
