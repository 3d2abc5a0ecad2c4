import { describe, expect, it } from 'vitest'
import {
  type LabelAnchor,
  type LabelPlacement,
  labelBox,
  placeLabels,
  textBox,
  worldPixels,
} from './declutter.ts'

const placement: LabelPlacement = {
  fontSizePixels: 10,
  offsetPixels: 5,
  dotRadiusPixels: 3,
  paddingPixels: 0,
  charWidthRatio: 0.5,
}

type Place = { name: string; lon: number; lat: number }
const accessors = { position: (p: Place) => [p.lon, p.lat] as const, text: (p: Place) => p.name }
const placed = (places: Place[], zoom: number, anchors?: LabelAnchor[]) =>
  placeLabels(places, zoom, accessors, placement, { anchors }).map((p) => `${p.item.name}:${p.anchor}`)

describe('worldPixels', () => {
  it.each([
    [0, 0, 0, [256, 256]],
    [-180, 0, 0, [0, 256]],
    [180, 0, 1, [1024, 512]],
    [0, 0, 2, [1024, 1024]],
  ])('(%d, %d) at zoom %d → %j', (lon, lat, zoom, expected) => {
    const [x, y] = worldPixels(lon, lat, zoom)
    expect(x).toBeCloseTo(expected[0] ?? Number.NaN, 6)
    expect(y).toBeCloseTo(expected[1] ?? Number.NaN, 6)
  })

  it('puts the north above the south', () => {
    expect(worldPixels(0, 40, 4)[1]).toBeLessThan(worldPixels(0, 10, 4)[1])
  })
})

describe('labelBox', () => {
  // 'Gao!' is 4 characters × 10 px × 0.5 = 20 px wide, 12 px high; 5 px from a dot of radius 3.
  it.each<[LabelAnchor, readonly number[]]>([
    ['right', [97, 44, 125, 56]],
    ['left', [75, 44, 103, 56]],
    ['above', [90, 33, 110, 53]],
    ['below', [90, 47, 110, 67]],
  ])('covers the dot and a label %s of it', (anchor, expected) => {
    expect(labelBox(100, 50, 'Gao!', placement, anchor)).toEqual(expected)
  })

  it.each<[LabelAnchor, readonly number[]]>([
    ['right', [105, 44, 125, 56]],
    ['left', [75, 44, 95, 56]],
    ['above', [90, 33, 110, 45]],
    ['below', [90, 55, 110, 67]],
  ])('without the dot, covers only the text %s of it', (anchor, expected) => {
    expect(textBox(100, 50, 'Gao!', placement, anchor)).toEqual(expected)
  })

  it('counts characters, not UTF-16 units', () => {
    expect(labelBox(0, 0, '𝔊ao', placement)).toEqual(labelBox(0, 0, 'Gao', placement))
  })
})

describe('placeLabels', () => {
  const tripoli = { name: 'Tripoli', lon: 13.19, lat: 32.89 }
  // At zoom 5.5 Zawiya's dot is 30 px west and 10 px south of Tripoli's: its label after the dot would
  // run into Tripoli's dot, and Tripoli's label before the dot would cover Zawiya's.
  const zawiya = { name: 'Zawiya', lon: 12.73, lat: 32.76 }
  const sfax = { name: 'Sfax', lon: 10.76, lat: 34.74 }

  it.each([
    ['labels places far apart after their dots', [tripoli, sfax], 6, ['Tripoli:right', 'Sfax:right']],
    [
      'moves a label away from a more important one',
      [tripoli, zawiya],
      5.5,
      ['Tripoli:right', 'Zawiya:left'],
    ],
    ['follows the given order of importance', [zawiya, tripoli], 5.5, ['Zawiya:right', 'Tripoli:above']],
    [
      'keeps both after their dots once zoomed in enough',
      [tripoli, zawiya],
      9,
      ['Tripoli:right', 'Zawiya:right'],
    ],
    ['keeps nothing of nothing', [], 4, []],
  ])('%s', (_, places, zoom, expected) => {
    expect(placed(places, zoom)).toEqual(expected)
  })

  it('leaves out a place with no free position', () => {
    expect(placed([tripoli, zawiya], 3)).toEqual(['Tripoli:right'])
  })

  // Places given in pixels from (0°, 0°) at zoom 4, where a pixel is 360 / 8192 of a degree and the
  // Mercator stretch is negligible. 'A' is 5 px wide in `placement`, so a label box is 13–15 px wide.
  const DEGREES_PER_PIXEL = 360 / (512 * 2 ** 4)
  const at = (name: string, x: number, y: number) => ({
    name,
    lon: x * DEGREES_PER_PIXEL,
    lat: -y * DEGREES_PER_PIXEL,
  })
  const blocker = at('C', 20, 0) // takes the room after A's dot
  const important = at('AAAA', 0, 0)
  const smaller = at('B', -20, 0) // where A's label would go before its dot

  it("prefers a position that leaves a smaller town's dot free", () => {
    expect(placed([blocker, important, smaller], 4)).toEqual(['C:right', 'AAAA:above', 'B:right'])
  })

  it('still covers a smaller dot when there is no other room', () => {
    expect(placed([blocker, important, smaller], 4, ['right', 'left'])).toEqual(['C:right', 'AAAA:left'])
  })

  it('keeps a label clear of a data symbol when it can', () => {
    const post: readonly [number, number] = [at('post', 15, 0).lon, 0] // where A's label would go after its dot
    const options = {
      anchors: ['right', 'left'] as LabelAnchor[],
      obstacles: [post],
      obstacleRadiusPixels: 4,
    }
    const labels = placeLabels([important], 4, accessors, placement, options)
    expect(labels.map((p) => p.anchor)).toEqual(['left'])
  })

  it('keeps a label over a data symbol rather than leave it out', () => {
    const post: readonly [number, number] = [at('post', 15, 0).lon, 0]
    const options = { anchors: ['right'] as LabelAnchor[], obstacles: [post], obstacleRadiusPixels: 4 }
    expect(placeLabels([important], 4, accessors, placement, options).map((p) => p.anchor)).toEqual(['right'])
  })

  it('keeps the label of a place whose own dot is under a symbol', () => {
    const options = { obstacles: [[0, 0] as const], obstacleRadiusPixels: 4 }
    expect(placeLabels([important], 4, accessors, placement, options).map((p) => p.anchor)).toEqual(['right'])
  })

  it('tries only the positions it is given', () => {
    expect(placed([tripoli, zawiya], 5.5, ['right'])).toEqual(['Tripoli:right'])
  })

  it('finds overlaps across grid cells', () => {
    // Two labels on the same row, the second's dot 100 px east, inside the first's long label.
    const a = { name: 'A very long name indeed', lon: 0, lat: 0 }
    const b = { name: 'B', lon: (100 / (512 * 2 ** 4)) * 360, lat: 0 }
    expect(placed([a, b], 4, ['right'])).toEqual([`${a.name}:right`])
  })
})
