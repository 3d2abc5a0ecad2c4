// Displacement: admin areas coloured by the change in internally displaced people since before the
// window: blue where it fell, grey where flat, orange to red where it rose.
import { GeoJsonLayer } from '@deck.gl/layers'
import type {
  DisplacementFeature,
  DisplacementFeatureCollection,
  DisplacementProperties,
} from '../../api/layer-types.ts'
import { countryName } from '../../lib/country-names.ts'
import { divergingColor, type Rgb } from '../../lib/scales.ts'
import type { Rgba } from '../theme.ts'
import { datasetCredits, dateLabel, formatNumber, formatTrend, row } from './common.ts'
import type { Description, LayerContext, LayerOptions, LegendEntry, MapLayerEntry } from './types.ts'

const DISPLACEMENT_LAYER_ID = 'displacement'
type Area = DisplacementFeature

const FALL: Rgb = [59, 130, 246]
const FLAT: Rgb = [100, 116, 139]
const RISE: Rgb = [249, 115, 22]
/** ±5 % is the end of the scale (a week moves an area's stock by about 1 %): beyond, the colour saturates. */
const CHANGE_LIMIT = 0.05
const FILL_ALPHA = 120
export const NO_CHANGE_COLOR: Rgba = [71, 85, 105, 70]

export function areaColor(changeRatio: number | null): Rgba {
  const c = divergingColor(changeRatio, CHANGE_LIMIT, FALL, FLAT, RISE)
  return c ? [c[0], c[1], c[2], FILL_ALPHA] : NO_CHANGE_COLOR
}

export function makeDisplacementLayer(data: DisplacementFeatureCollection, options: LayerOptions = {}) {
  const { sizeScale = 1 } = options
  return new GeoJsonLayer<DisplacementProperties>({
    id: DISPLACEMENT_LAYER_ID,
    data,
    filled: true,
    stroked: true,
    getFillColor: (f) => [...areaColor(f.properties.changeRatio)],
    getLineColor: [203, 213, 225, 110],
    lineWidthUnits: 'pixels',
    getLineWidth: 1 * sizeScale,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 60],
  })
}

function bboxOf(area: Area): [number, number, number, number] {
  let [minX, minY, maxX, maxY] = [180, 90, -180, -90]
  for (const polygon of area.geometry.coordinates)
    for (const [x = 0, y = 0] of polygon[0] ?? []) {
      minX = Math.min(minX, x)
      minY = Math.min(minY, y)
      maxX = Math.max(maxX, x)
      maxY = Math.max(maxY, y)
    }
  return [minX, minY, maxX, maxY]
}

export function describeArea(area: Area, context: LayerContext): Description {
  const { t, language } = context
  const p = area.properties
  const [minX, minY, maxX, maxY] = bboxOf(area)
  return {
    title: p.name,
    kind: t('layers.displacement.one'),
    rows: [
      row(t('tooltip.country'), countryName(p.country, language)),
      row(t('figures.displaced'), formatNumber(p.internallyDisplaced, language)),
      row(t('figures.change'), formatTrend(p.changeRatio, language)),
      row(t('figures.returnees'), formatNumber(p.returnees, language)),
      row(t('figures.asOf'), dateLabel(p.date, context)),
    ],
    modelled: p.modelled,
    datasets: p.dataset ? [p.dataset] : [],
    series: { kind: 'incidents', bbox: [minX, minY, maxX, maxY] },
    position: [(minX + maxX) / 2, (minY + maxY) / 2],
  }
}

function displacementLegend(data: DisplacementFeatureCollection | null, { t }: LayerContext): LegendEntry {
  return {
    id: DISPLACEMENT_LAYER_ID,
    title: t('layers.displacement.name'),
    modelled: Boolean(data?.features.some((f) => f.properties.modelled)),
    items: [
      { id: 'rise', label: t('layers.displacement.rise'), color: areaColor(CHANGE_LIMIT), shape: 'area' },
      { id: 'flat', label: t('layers.displacement.flat'), color: areaColor(0), shape: 'area' },
      { id: 'fall', label: t('layers.displacement.fall'), color: areaColor(-CHANGE_LIMIT), shape: 'area' },
      { id: 'none', label: t('layers.displacement.none'), color: NO_CHANGE_COLOR, shape: 'area' },
    ],
  }
}

export const displacementEntry: MapLayerEntry<DisplacementFeatureCollection, Area> = {
  make: (data, options) => [makeDisplacementLayer(data, options)],
  describe: describeArea,
  legend: displacementLegend,
  credits: (data, { t }) =>
    datasetCredits(
      t('layers.displacement.name'),
      data.features.flatMap((f) => (f.properties.dataset ? [f.properties.dataset] : [])),
    ),
  positions: () => [],
}
