// Flows: arcs from each counted stage of a corridor to the next, as wide as the people counted at
// their ends, from amber (origin) to rose (destination).
import { ArcLayer } from '@deck.gl/layers'
import type { FlowFeature, FlowFeatureCollection } from '../../api/layer-types.ts'
import { maxOf, sqrtSize } from '../../lib/scales.ts'
import type { Rgba } from '../theme.ts'
import { datasetCredits, formatNumber, formatTrend, row } from './common.ts'
import type { Description, LayerContext, LayerOptions, LegendEntry, MapLayerEntry } from './types.ts'

const FLOWS_LAYER_ID = 'flows'
type Flow = FlowFeature

const FLOW_COLORS = { origin: [250, 204, 21, 230] as Rgba, destination: [244, 63, 94, 230] as Rgba }

const end = (f: Flow, i: number): [number, number] => {
  const c = f.geometry.coordinates[i === 0 ? 0 : f.geometry.coordinates.length - 1] ?? [0, 0]
  return [c[0] ?? 0, c[1] ?? 0]
}

export interface FlowsLayerOptions extends LayerOptions {
  /** @default 1.5 */
  minWidthPixels?: number
  /** @default 10 */
  maxWidthPixels?: number
}

export function makeFlowsLayer(data: FlowFeatureCollection, options: FlowsLayerOptions = {}) {
  const { sizeScale = 1, minWidthPixels = 1.5, maxWidthPixels = 10 } = options
  const max = maxOf(data.features.map((f) => f.properties.volume))
  return new ArcLayer<Flow>({
    id: FLOWS_LAYER_ID,
    data: data.features,
    getSourcePosition: (f) => end(f, 0),
    getTargetPosition: (f) => end(f, 1),
    getSourceColor: [...FLOW_COLORS.origin],
    getTargetColor: [...FLOW_COLORS.destination],
    getWidth: (f) => sqrtSize(f.properties.volume, max, minWidthPixels, maxWidthPixels),
    widthUnits: 'pixels',
    widthScale: sizeScale,
    getHeight: 0.4,
    greatCircle: false,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 200],
  })
}

export function describeFlow(f: Flow, { t, language }: LayerContext): Description {
  const p = f.properties
  const [a, b] = [end(f, 0), end(f, 1)]
  return {
    title: `${p.originName} → ${p.destinationName}`,
    kind: t('layers.flows.one'),
    rows: [
      row(t('figures.volume'), formatNumber(p.volume, language)),
      row(t('figures.trend'), formatTrend(p.trend, language)),
      row(t('layers.corridors.name'), p.corridors.join(', ')),
    ],
    modelled: p.modelled,
    datasets: p.datasets,
    method: t('layers.flows.method'),
    series: { kind: 'crossings', site: p.destination },
    position: [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2],
  }
}

function flowsLegend(data: FlowFeatureCollection | null, { t }: LayerContext): LegendEntry {
  return {
    id: FLOWS_LAYER_ID,
    title: t('layers.flows.name'),
    note: t('layers.flows.note'),
    modelled: Boolean(data?.features.some((f) => f.properties.modelled)),
    items: [
      { id: 'origin', label: t('layers.flows.origin'), color: FLOW_COLORS.origin, shape: 'line' },
      {
        id: 'destination',
        label: t('layers.flows.destination'),
        color: FLOW_COLORS.destination,
        shape: 'line',
      },
    ],
  }
}

export const flowsEntry: MapLayerEntry<FlowFeatureCollection, Flow> = {
  make: (data, options) => [makeFlowsLayer(data, options)],
  describe: describeFlow,
  legend: flowsLegend,
  credits: (data, { t }) =>
    datasetCredits(
      t('layers.flows.name'),
      data.features.flatMap((f) => f.properties.datasets),
    ),
  positions: () => [],
}
