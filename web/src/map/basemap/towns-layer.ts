// Town dots and names, drawn by deck.gl because the basemap style has no glyphs. Which towns are named
// depends on the zoom: a population threshold first (lib/town-visibility.ts), then no two labels may
// overlap (lib/declutter.ts): a label moves around its dot to fit, and the less important town gives way.
// Key transit towns and capitals are brighter.
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers'
import { type LabelAnchor, type Placed, placeLabels } from '../../lib/declutter.ts'
import { isTownVisible } from '../../lib/town-visibility.ts'
import type { Town } from '../../lib/towns.ts'
import { MAP_FONT_FAMILY, townColors } from '../theme.ts'

export interface TownsLayerOptions {
  /** Zoom at which to choose towns: a bucket (lib/town-visibility.ts `zoomBucket`), not every frame's zoom. */
  zoom: number
  /** Multiplier of every pixel size, for large screens. @default 1 */
  sizeScale?: number
  /** Label size in pixels before `sizeScale`. @default 13 */
  labelSizePixels?: number
  /** [lon, lat] of data symbols drawn over the towns: names keep clear of them when they can. */
  obstacles?: readonly (readonly [number, number])[]
}

/** Radius of a data symbol for names to keep clear of, before `sizeScale`: a border post and its outline. */
const OBSTACLE_RADIUS_PIXELS = 9

const isKey = (town: Town) => town.transit || town.capital
const KEY_LABEL_EXTRA_PIXELS = 1.5
const LABEL_OFFSET_PIXELS = 7

/** The towns to draw and where their labels go; `towns` must come most important first. */
export function visibleTowns(towns: readonly Town[], options: TownsLayerOptions): Placed<Town>[] {
  const { zoom, sizeScale = 1, labelSizePixels = 13, obstacles = [] } = options
  return placeLabels(
    towns.filter((town) => isTownVisible(town, zoom)),
    zoom,
    { position: (town) => [town.lon, town.lat], text: (town) => town.name },
    {
      fontSizePixels: (labelSizePixels + KEY_LABEL_EXTRA_PIXELS) * sizeScale,
      offsetPixels: LABEL_OFFSET_PIXELS * sizeScale,
      dotRadiusPixels: 4 * sizeScale,
    },
    { obstacles, obstacleRadiusPixels: OBSTACLE_RADIUS_PIXELS * sizeScale },
  )
}

const TEXT_ANCHOR = { right: 'start', left: 'end', above: 'middle', below: 'middle' } as const
const BASELINE = { right: 'center', left: 'center', above: 'bottom', below: 'top' } as const
const OFFSET_DIRECTION: Record<LabelAnchor, readonly [number, number]> = {
  right: [1, 0],
  left: [-1, 0],
  above: [0, -1],
  below: [0, 1],
}

export function makeTownsLayers(towns: readonly Town[], options: TownsLayerOptions) {
  const { sizeScale = 1, labelSizePixels = 13 } = options
  const data = visibleTowns(towns, options)
  const offset = LABEL_OFFSET_PIXELS * sizeScale
  return [
    new ScatterplotLayer<Placed<Town>>({
      id: 'towns-dots',
      data,
      getPosition: ({ item }) => [item.lon, item.lat],
      getRadius: ({ item }) => (isKey(item) ? 3.5 : 2.5),
      radiusUnits: 'pixels',
      radiusScale: sizeScale,
      getFillColor: ({ item }) => (isKey(item) ? townColors.transitDot : townColors.dot),
      stroked: true,
      getLineColor: townColors.halo,
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
    }),
    new TextLayer<Placed<Town>>({
      id: 'towns-labels',
      data,
      getPosition: ({ item }) => [item.lon, item.lat],
      getText: ({ item }) => item.name,
      // Names with diacritics (Şabrātah, N'Djamena…) need their glyphs in the atlas.
      characterSet: 'auto',
      fontFamily: MAP_FONT_FAMILY,
      fontWeight: 600,
      getSize: ({ item }) => (isKey(item) ? labelSizePixels + KEY_LABEL_EXTRA_PIXELS : labelSizePixels),
      sizeScale,
      getColor: ({ item }) => (isKey(item) ? townColors.transitLabel : townColors.label),
      getTextAnchor: ({ anchor }) => TEXT_ANCHOR[anchor],
      getAlignmentBaseline: ({ anchor }) => BASELINE[anchor],
      getPixelOffset: ({ anchor }) => [
        OFFSET_DIRECTION[anchor][0] * offset,
        OFFSET_DIRECTION[anchor][1] * offset,
      ],
      // A dark halo keeps names readable over borders and coastlines.
      fontSettings: { sdf: true, fontSize: 64, buffer: 8, radius: 16 },
      outlineWidth: 4,
      outlineColor: townColors.halo,
      updateTriggers: { getPixelOffset: sizeScale },
    }),
  ]
}
