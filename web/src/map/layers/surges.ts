// Surges: a ring around each post or flow point whose crossings are far above their baseline, red
// for a surge and amber for watch.
import { ScatterplotLayer } from '@deck.gl/layers'
import type { SurgeFeature, SurgeFeatureCollection, SurgeProperties } from '../../api/layer-types.ts'
import { countryName } from '../../lib/country-names.ts'
import type { Rgba } from '../theme.ts'
import { datasetCredits, formatNumber, row } from './common.ts'
import type { Description, LayerContext, LayerOptions, LegendEntry, MapLayerEntry } from './types.ts'

const SURGES_LAYER_ID = 'surges'
type Surge = SurgeFeature

const SURGE_COLORS: Record<SurgeProperties['level'], Rgba> = {
  surge: [255, 77, 77, 255],
  watch: [255, 176, 32, 255],
}

const point = (s: Surge): [number, number] => [s.geometry.coordinates[0] ?? 0, s.geometry.coordinates[1] ?? 0]

export interface SurgesLayerOptions extends LayerOptions {
  /** Radius of the ring, before `sizeScale`. @default 22 */
  radiusPixels?: number
  /** @default 3 */
  lineWidthPixels?: number
}

export function makeSurgesLayer(data: SurgeFeatureCollection, options: SurgesLayerOptions = {}) {
  const { sizeScale = 1, radiusPixels = 22, lineWidthPixels = 3 } = options
  return new ScatterplotLayer<Surge>({
    id: SURGES_LAYER_ID,
    data: data.features,
    getPosition: point,
    filled: true,
    getFillColor: (s) => {
      const [r, g, b] = SURGE_COLORS[s.properties.level]
      return [r, g, b, 40]
    },
    stroked: true,
    getLineColor: (s) => [...SURGE_COLORS[s.properties.level]],
    radiusUnits: 'pixels',
    getRadius: (s) => (s.properties.level === 'surge' ? radiusPixels : radiusPixels * 0.8),
    radiusScale: sizeScale,
    lineWidthUnits: 'pixels',
    getLineWidth: lineWidthPixels * sizeScale,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 80],
  })
}

export function describeSurge(s: Surge, { t, language }: LayerContext): Description {
  const p = s.properties
  return {
    title: p.name,
    kind: t(`layers.surges.levels.${p.level}`),
    rows: [
      row(t('tooltip.country'), countryName(p.country, language)),
      row(t('figures.observed'), formatNumber(p.observed, language)),
      row(t('figures.expected'), formatNumber(p.expected, language)),
      row(t('figures.ratio'), `× ${formatNumber(p.ratio, language)}`),
      row(t('figures.z'), formatNumber(p.z, language)),
    ],
    modelled: p.modelled,
    datasets: p.datasets,
    method: t('layers.surges.method'),
    series: { kind: 'crossings', site: p.site },
    position: point(s),
  }
}

function surgesLegend(data: SurgeFeatureCollection | null, { t }: LayerContext): LegendEntry {
  return {
    id: SURGES_LAYER_ID,
    title: t('layers.surges.name'),
    note: t('layers.surges.note'),
    modelled: Boolean(data?.features.some((s) => s.properties.modelled)),
    items: (['surge', 'watch'] as const).map((level) => ({
      id: level,
      label: t(`layers.surges.levels.${level}`),
      color: SURGE_COLORS[level],
      shape: 'ring' as const,
      ...(data ? { count: data.features.filter((s) => s.properties.level === level).length } : {}),
    })),
  }
}

export const surgesEntry: MapLayerEntry<SurgeFeatureCollection, Surge> = {
  make: (data, options) => [makeSurgesLayer(data, options)],
  describe: describeSurge,
  legend: surgesLegend,
  credits: (data, { t }) =>
    datasetCredits(
      t('layers.surges.name'),
      data.features.flatMap((s) => s.properties.datasets),
    ),
  positions: (data) => data.features.map(point),
}
