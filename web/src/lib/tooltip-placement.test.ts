import { describe, expect, it } from 'vitest'
import { placeTooltip } from './tooltip-placement.ts'

const map = { width: 1000, height: 600 }
const size = { width: 300, height: 200 }

describe('placeTooltip', () => {
  it.each([
    [
      'in the middle: below right',
      { x: 400, y: 200 },
      { left: 416, top: 216, anchorX: 'left', anchorY: 'top' },
    ],
    [
      'near the right edge: to the left',
      { x: 900, y: 200 },
      { left: 884, top: 216, anchorX: 'right', anchorY: 'top' },
    ],
    [
      'near the bottom: above',
      { x: 400, y: 500 },
      { left: 416, top: 484, anchorX: 'left', anchorY: 'bottom' },
    ],
    [
      'in the bottom right corner: above left',
      { x: 950, y: 550 },
      { left: 934, top: 534, anchorX: 'right', anchorY: 'bottom' },
    ],
  ])('%s', (_, pointer, expected) => {
    expect(placeTooltip(pointer, map, size)).toEqual(expected)
  })

  it('stays below right when the map is too small to flip', () => {
    expect(placeTooltip({ x: 100, y: 100 }, { width: 200, height: 150 }, size)).toMatchObject({
      anchorX: 'left',
      anchorY: 'top',
    })
  })
})
