// How much to enlarge what the map draws in pixels, so that a wall screen read from across a room shows
// the same map as a laptop, only bigger.

/** Layout size at which the map is drawn at scale 1: a common laptop. */
const REFERENCE_VIEWPORT = { width: 1440, height: 900 } as const
const MAX_SIZE_SCALE = 2

/** 1 up to a laptop's viewport, then the smaller ratio of width and height, up to 2, to the nearest 0.25. */
export function sizeScaleForViewport(width: number, height: number): number {
  if (!(width > 0 && height > 0)) return 1
  const ratio = Math.min(width / REFERENCE_VIEWPORT.width, height / REFERENCE_VIEWPORT.height)
  const clamped = Math.min(MAX_SIZE_SCALE, Math.max(1, ratio))
  return Math.round(clamped * 4) / 4
}
