// Corridors: the named routes as paths whose width follows the people counted along them, coloured by
// mode (land, sea, mixed). A corridor none of whose stages is counted is drawn thin and faint.
import { PathLayer } from '@deck.gl/layers'
import { CORRIDOR_MODES, type CorridorMode } from '../../../../db/vocabulary.ts'
import type { CorridorFeature, CorridorFeatureCollection } from '../../api/layer-types.ts'
import { visibleFeatures } from '../../lib/filters.ts'
import { maxOf, sqrtSize } from '../../lib/scales.ts'
import type { Rgba } from '../theme.ts'
import { datasetCredits, formatNumber, formatTrend, row, uniqueDatasets } from './common.ts'
import type { Description, LayerContext, LayerOptions, LegendEntry, MapLayerEntry } from './types.ts'

const CORRIDORS_LAYER_ID = 'corridors'
type Corridor = CorridorFeature

export const CORRIDOR_COLORS: Record<CorridorMode, Rgba> = {
  land: [167, 139, 250, 210], // violet
  sea: [56, 189, 248, 210], // sky
  mixed: [52, 211, 153, 210], // emerald
}

export interface CorridorsLayerOptions extends LayerOptions {
  /** Width of an uncounted corridor. @default 2 */
  minWidthPixels?: number
  /** Width of the busiest corridor. @default 14 */
  maxWidthPixels?: number
}

const itemsOf = (c: Corridor) => [c.properties.mode]

export function makeCorridorsLayer(data: CorridorFeatureCollection, options: CorridorsLayerOptions = {}) {
  const { sizeScale = 1, minWidthPixels = 2, maxWidthPixels = 14, hidden = new Set() } = options
  const features = visibleFeatures(data.features, CORRIDORS_LAYER_ID, itemsOf, hidden)
  const max = maxOf(features.map((c) => c.properties.volume))
  return new PathLayer<Corridor>({
    id: CORRIDORS_LAYER_ID,
    data: features,
    getPath: (c) => c.geometry.coordinates as [number, number][],
    getColor: (c) => {
      const color = CORRIDOR_COLORS[c.properties.mode]
      return c.properties.volume === null ? [color[0], color[1], color[2], 110] : [...color]
    },
    getWidth: (c) => sqrtSize(c.properties.volume, max, minWidthPixels, maxWidthPixels),
    widthUnits: 'pixels',
    widthScale: sizeScale,
    capRounded: true,
    jointRounded: true,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 120],
  })
}

export function describeCorridor(c: Corridor, { t, language }: LayerContext): Description {
  const p = c.properties
  const coords = c.geometry.coordinates
  const mid = coords[Math.floor(coords.length / 2)] ?? [0, 0]
  const lons = coords.map((x) => x[0] ?? 0)
  const lats = coords.map((x) => x[1] ?? 0)
  return {
    title: p.name,
    kind: t('layers.corridors.one'),
    rows: [
      row(t('tooltip.mode'), t(`layers.corridors.modes.${p.mode}`)),
      row(t('figures.volume'), formatNumber(p.volume, language)),
      row(t('figures.trend'), formatTrend(p.trend, language)),
      row(t('figures.stages'), p.stages.join(' → ')),
    ],
    modelled: p.modelled,
    datasets: uniqueDatasets([p.dataset, ...p.volumeDatasets]),
    series: {
      kind: 'incidents',
      bbox: [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)],
    },
    position: [mid[0] ?? 0, mid[1] ?? 0],
  }
}

export function corridorsLegend(data: CorridorFeatureCollection | null, { t }: LayerContext): LegendEntry {
  return {
    id: CORRIDORS_LAYER_ID,
    title: t('layers.corridors.name'),
    note: t('layers.corridors.note'),
    modelled: Boolean(data?.features.some((c) => c.properties.modelled)),
    items: CORRIDOR_MODES.map((mode) => ({
      id: mode,
      label: t(`layers.corridors.modes.${mode}`),
      color: CORRIDOR_COLORS[mode],
      shape: 'line' as const,
      filter: true,
      ...(data ? { count: data.features.filter((c) => c.properties.mode === mode).length } : {}),
    })),
  }
}

export const corridorsEntry: MapLayerEntry<CorridorFeatureCollection, Corridor> = {
  make: (data, options) => [makeCorridorsLayer(data, options)],
  describe: describeCorridor,
  legend: corridorsLegend,
  credits: (data, { t }) =>
    datasetCredits(
      t('layers.corridors.name'),
      data.features.flatMap((c) => [c.properties.dataset, ...c.properties.volumeDatasets]),
    ),
  positions: () => [],
  itemsOf,
}
