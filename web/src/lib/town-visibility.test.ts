import { describe, expect, it } from 'vitest'
import { isTownVisible, minPopulationAtZoom, zoomBucket } from './town-visibility.ts'
import type { Town } from './towns.ts'

const town = (population: number, flags: Partial<Pick<Town, 'capital' | 'transit'>> = {}): Town => ({
  name: 'T',
  country: 'LY',
  lon: 13,
  lat: 32,
  population,
  capital: false,
  transit: false,
  ...flags,
})

describe('minPopulationAtZoom', () => {
  it.each([
    [0, 5_000_000],
    [3.49, 5_000_000],
    [3.5, 1_500_000],
    [5, 600_000],
    [6, 200_000],
    [7, 80_000],
    [8, 30_000],
    [8.5, 0],
    [14, 0],
  ])('zoom %d → %d', (zoom, expected) => {
    expect(minPopulationAtZoom(zoom)).toBe(expected)
  })

  it('never grows as the zoom grows', () => {
    let previous = Number.POSITIVE_INFINITY
    for (let zoom = 0; zoom <= 16; zoom += 0.25) {
      const min = minPopulationAtZoom(zoom)
      expect(min).toBeLessThanOrEqual(previous)
      previous = min
    }
  })
})

describe('isTownVisible', () => {
  it.each([
    ['a city of 2M at the opening zoom', town(2_000_000), 4, true],
    ['a town of 100k at the opening zoom', town(100_000), 4, false],
    ['a town of 100k zoomed in', town(100_000), 7, true],
    ['a transit town of 0 at the opening zoom', town(0, { transit: true }), 4, true],
    ['a small capital at the opening zoom', town(6_794, { capital: true }), 4, true],
    ['a transit town at world zoom', town(0, { transit: true }), 1, false],
    ['any town at street zoom', town(20_000), 12, true],
  ])('%s', (_, t, zoom, expected) => {
    expect(isTownVisible(t, zoom)).toBe(expected)
  })
})

describe('zoomBucket', () => {
  it.each([
    [0, 0],
    [3.2, 3],
    [4.49, 4],
    [4.5, 4.5],
    [4.99, 4.5],
    [12, 12],
  ])('zoom %d → %d', (zoom, expected) => {
    expect(zoomBucket(zoom)).toBe(expected)
  })
})
