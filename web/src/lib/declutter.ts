// Keeps the labels of a map apart. Going through places from the most important, each label tries a few
// positions around its dot (after it, before it, above, below) and takes one that overlaps no label placed
// so far; among those it prefers one clear of the data symbols drawn over the map (obstacles), then one
// that covers no other place's dot, so a label neither hides under a symbol nor takes the room of a
// smaller town next to it. A place with no free position is left out. Worked out in world pixels at one
// zoom level, so the result does not depend on where the map is panned and is computed once per level.

export interface LabelPlacement {
  /** Label text size in pixels. */
  fontSizePixels: number
  /** Space between the dot and the label, in pixels. */
  offsetPixels: number
  /** Radius of the dot, in pixels. */
  dotRadiusPixels: number
  /** Extra space kept around each box, in pixels. @default 2 */
  paddingPixels?: number
  /** Width of an average character as a share of the font size. @default 0.62 */
  charWidthRatio?: number
}

/** Where the label goes relative to its dot, in physical directions (the map has no text direction). */
export type LabelAnchor = 'right' | 'left' | 'above' | 'below'

/** In order of preference: after the dot, as maps of left-to-right scripts usually do. */
const LABEL_ANCHORS: readonly LabelAnchor[] = ['right', 'left', 'above', 'below']

export type Box = readonly [minX: number, minY: number, maxX: number, maxY: number]

export interface Placed<T> {
  item: T
  anchor: LabelAnchor
}

const TILE_SIZE = 512 // MapLibre's zoom 0 is one 512-pixel tile

/** Web Mercator world pixel coordinates of a point at `zoom`. */
export function worldPixels(lon: number, lat: number, zoom: number): [number, number] {
  const scale = TILE_SIZE * 2 ** zoom
  const clampedLat = Math.max(-85.05113, Math.min(85.05113, lat))
  const phi = (clampedLat * Math.PI) / 180
  const x = ((lon + 180) / 360) * scale
  const y = ((1 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / Math.PI) / 2) * scale
  return [x, y]
}

/** The box of the text of a label at `anchor` of a dot at (x, y), without the dot. */
export function textBox(
  x: number,
  y: number,
  text: string,
  placement: LabelPlacement,
  anchor: LabelAnchor = 'right',
): Box {
  const { fontSizePixels, offsetPixels: gap, paddingPixels: p = 2, charWidthRatio = 0.62 } = placement
  const width = [...text].length * fontSizePixels * charWidthRatio
  const half = fontSizePixels * 0.6 // half the line height
  switch (anchor) {
    case 'right':
      return [x + gap - p, y - half - p, x + gap + width + p, y + half + p]
    case 'left':
      return [x - gap - width - p, y - half - p, x - gap + p, y + half + p]
    case 'above':
      return [x - width / 2 - p, y - gap - 2 * half - p, x + width / 2 + p, y - gap + p]
    case 'below':
      return [x - width / 2 - p, y + gap - p, x + width / 2 + p, y + gap + 2 * half + p]
  }
}

/** The box covering a dot at (x, y) and its label at `anchor`. */
export function labelBox(
  x: number,
  y: number,
  text: string,
  placement: LabelPlacement,
  anchor: LabelAnchor = 'right',
): Box {
  const { dotRadiusPixels: r, paddingPixels: p = 2 } = placement
  const t = textBox(x, y, text, placement, anchor)
  return [
    Math.min(t[0], x - r - p),
    Math.min(t[1], y - r - p),
    Math.max(t[2], x + r + p),
    Math.max(t[3], y + r + p),
  ]
}

const overlaps = (a: Box, b: Box) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]

export interface PlaceLabelsOptions {
  /** Positions to try, in order of preference. @default LABEL_ANCHORS */
  anchors?: readonly LabelAnchor[]
  /** [lon, lat] of symbols drawn over the labels, e.g. data points: labels keep clear of them when they can. */
  obstacles?: readonly (readonly [number, number])[]
  /** Radius of an obstacle in pixels. @default 8 */
  obstacleRadiusPixels?: number
}

/** A grid of boxes in cells of 128 pixels, so that a look-up only meets its neighbours. */
class BoxGrid {
  private readonly cells = new Map<string, Box[]>()
  static readonly CELL = 128

  static keys(box: Box): string[] {
    const keys: string[] = []
    const { CELL } = BoxGrid
    for (let cx = Math.floor(box[0] / CELL); cx <= Math.floor(box[2] / CELL); cx++) {
      for (let cy = Math.floor(box[1] / CELL); cy <= Math.floor(box[3] / CELL); cy++) keys.push(`${cx}:${cy}`)
    }
    return keys
  }

  add(box: Box) {
    for (const key of BoxGrid.keys(box)) {
      const list = this.cells.get(key)
      if (list) list.push(box)
      else this.cells.set(key, [box])
    }
  }

  hits(box: Box, where: (other: Box) => boolean = (other) => overlaps(box, other)): boolean {
    return BoxGrid.keys(box).some((key) => this.cells.get(key)?.some(where))
  }
}

/**
 * The items that get a label, each with where it goes, in their order. `items` must come most important
 * first. Grids of cells keep this near linear for the few thousand towns of the map.
 */
export function placeLabels<T>(
  items: readonly T[],
  zoom: number,
  accessors: { position: (item: T) => readonly [number, number]; text: (item: T) => string },
  placement: LabelPlacement,
  options: PlaceLabelsOptions = {},
): Placed<T>[] {
  const { anchors = LABEL_ANCHORS, obstacles = [], obstacleRadiusPixels: radius = 8 } = options

  const obstacleBoxes = new BoxGrid()
  for (const [lon, lat] of obstacles) {
    const [x, y] = worldPixels(lon, lat, zoom)
    obstacleBoxes.add([x - radius, y - radius, x + radius, y + radius])
  }

  const points = items.map((item) => {
    const [lon, lat] = accessors.position(item)
    return worldPixels(lon, lat, zoom)
  })
  // Every place's dot as a point-sized box: a label covering one takes a smaller town's room.
  const dots = new BoxGrid()
  for (const [x, y] of points) dots.add([x, y, x, y])
  const coversOtherDot = (box: Box, [x, y]: readonly [number, number]) =>
    dots.hits(
      box,
      (dot) =>
        !(dot[0] === x && dot[1] === y) &&
        dot[0] > box[0] &&
        dot[0] < box[2] &&
        dot[1] > box[1] &&
        dot[1] < box[3],
    )

  const labels = new BoxGrid()
  const placed: Placed<T>[] = []
  items.forEach((item, index) => {
    const point = points[index] ?? [Number.NaN, Number.NaN]
    const [x, y] = point
    const text = accessors.text(item)
    let best: { anchor: LabelAnchor; box: Box; cost: number } | undefined
    for (const anchor of anchors) {
      const box = labelBox(x, y, text, placement, anchor)
      if (labels.hits(box)) continue
      const cost =
        (obstacleBoxes.hits(textBox(x, y, text, placement, anchor)) ? 2 : 0) +
        (coversOtherDot(box, point) ? 1 : 0)
      if (!best || cost < best.cost) best = { anchor, box, cost }
      if (cost === 0) break
    }
    if (!best) return
    labels.add(best.box)
    placed.push({ item, anchor: best.anchor })
  })
  return placed
}
