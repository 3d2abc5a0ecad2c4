// Where to put a tooltip next to the pointer so that it stays inside the map.

export interface TooltipPlacement {
  /** Physical pixels from the map's left and top edges: the pointer comes from the canvas, which has no direction. */
  left: number
  top: number
  /** Which corner of the tooltip is at (left, top). */
  anchorX: 'left' | 'right'
  anchorY: 'top' | 'bottom'
}

/**
 * Below and to the right of the pointer, by `offset`; flipped to the left or above when the tooltip
 * (`size`, an estimate is fine) would cross the map's right or bottom edge.
 */
export function placeTooltip(
  pointer: { x: number; y: number },
  map: { width: number; height: number },
  size: { width: number; height: number },
  offset = 16,
): TooltipPlacement {
  const flipX = pointer.x + offset + size.width > map.width && pointer.x - offset - size.width >= 0
  const flipY = pointer.y + offset + size.height > map.height && pointer.y - offset - size.height >= 0
  return {
    left: flipX ? pointer.x - offset : pointer.x + offset,
    top: flipY ? pointer.y - offset : pointer.y + offset,
    anchorX: flipX ? 'right' : 'left',
    anchorY: flipY ? 'bottom' : 'top',
  }
}
