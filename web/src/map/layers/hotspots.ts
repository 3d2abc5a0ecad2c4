// Hotspots: the server's hexagons of severity-weighted incident density, from yellow to deep red by
// score relative to the top hexagon.
import { PolygonLayer } from '@deck.gl/layers'
import type { HotspotFeature, HotspotFeatureCollection } from '../../api/layer-types.ts'
import { maxOf, mix, type Rgb } from '../../lib/scales.ts'
import type { Rgba } from '../theme.ts'
import { formatNumber, row } from './common.ts'
import type { Description, LayerContext, LayerOptions, LegendEntry, MapLayerEntry } from './types.ts'

const HOTSPOTS_LAYER_ID = 'hotspots'
type Hexagon = HotspotFeature

const LOW: Rgb = [253, 224, 71]
const HIGH: Rgb = [220, 38, 38]
const ALPHA = 150

export function hotspotColor(score: number, max: number): Rgba {
  const c = mix(LOW, HIGH, max > 0 ? Math.sqrt(score / max) : 0)
  return [c[0], c[1], c[2], ALPHA]
}

export function makeHotspotsLayer(data: HotspotFeatureCollection, options: LayerOptions = {}) {
  const { sizeScale = 1 } = options
  const max = maxOf(data.features.map((h) => h.properties.score))
  return new PolygonLayer<Hexagon>({
    id: HOTSPOTS_LAYER_ID,
    data: data.features,
    getPolygon: (h) => h.geometry.coordinates as [number, number][][],
    getFillColor: (h) => [...hotspotColor(h.properties.score, max)],
    getLineColor: [255, 255, 255, 90],
    lineWidthUnits: 'pixels',
    getLineWidth: sizeScale,
    stroked: true,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 80],
  })
}

export function describeHotspot(h: Hexagon, { t, language }: LayerContext): Description {
  const p = h.properties
  const ring = h.geometry.coordinates[0] ?? []
  const lons = ring.map((c) => c[0] ?? 0)
  const lats = ring.map((c) => c[1] ?? 0)
  const bbox = [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)] as const
  return {
    title: t('layers.hotspots.title', { rank: p.rank }),
    kind: t('layers.hotspots.one'),
    rows: [
      row(t('figures.score'), formatNumber(p.score, language)),
      row(t('figures.incidents'), formatNumber(p.incidents, language)),
      row(t('figures.dead'), formatNumber(p.dead, language)),
      row(t('figures.missing'), formatNumber(p.missing, language)),
      row(t('figures.cell'), `${formatNumber(p.cellKm, language)} km`),
    ],
    modelled: false,
    datasets: [],
    method: t('layers.hotspots.method'),
    series: { kind: 'incidents', bbox },
    position: [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2],
  }
}

function hotspotsLegend(_data: HotspotFeatureCollection | null, { t }: LayerContext): LegendEntry {
  return {
    id: HOTSPOTS_LAYER_ID,
    title: t('layers.hotspots.name'),
    note: t('layers.hotspots.note'),
    items: [
      { id: 'high', label: t('layers.hotspots.high'), color: hotspotColor(1, 1), shape: 'area' },
      { id: 'low', label: t('layers.hotspots.low'), color: hotspotColor(0, 1), shape: 'area' },
    ],
  }
}

export const hotspotsEntry: MapLayerEntry<HotspotFeatureCollection, Hexagon> = {
  make: (data, options) => [makeHotspotsLayer(data, options)],
  describe: describeHotspot,
  legend: hotspotsLegend,
  // Hotspots are computed from the incidents, whose datasets the incidents layer credits.
  credits: () => [],
  positions: () => [],
}
