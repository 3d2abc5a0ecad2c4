// Incidents: an icon by type on a dark disc ringed in the colour of its severity. Incidents that
// arrived live pulse for a minute, so that a new one is seen on a wall screen. Another agency's shared
// report (its position rounded to ~11 km) has a thin ring; merged and rejected reports, drawn only when
// asked for, are grey and translucent and left out of every count.
import type { Layer } from '@deck.gl/core'
import { IconLayer, ScatterplotLayer } from '@deck.gl/layers'
import { CLOSED_VERIFICATIONS, INCIDENT_TYPES, SEVERITIES, type Severity } from '../../../../db/vocabulary.ts'
import type { IncidentFeature, IncidentFeatureCollection, IncidentProperties } from '../../api/layer-types.ts'
import { countryName } from '../../lib/country-names.ts'
import { type ShownCount, shownCounts } from '../../lib/counts.ts'
import { visibleFeatures } from '../../lib/filters.ts'
import type { Rgba } from '../theme.ts'
import { datasetCredits, dateLabel, formatNumber, row } from './common.ts'
import { ICON_ATLAS, ICON_MAPPING, iconUrl } from './incident-icons.ts'
import {
  type Description,
  type LayerContext,
  type LayerOptions,
  type LegendEntry,
  type MapLayerEntry,
  NO_RELATED,
} from './types.ts'

const INCIDENTS_LAYER_ID = 'incidents'
type Incident = IncidentFeature

export const SEVERITY_COLORS: Record<Severity, Rgba> = {
  low: [147, 197, 253, 255],
  moderate: [253, 224, 71, 255],
  high: [251, 146, 60, 255],
  critical: [244, 63, 94, 255],
}
const DISC: Rgba = [6, 17, 28, 235]
const ICON: Rgba = [241, 245, 249, 255]
/** Merged and rejected reports: not events, so drawn to be passed over. */
export const CLOSED_COLOR: Rgba = [148, 163, 184, 120]
const CLOSED_DISC: Rgba = [6, 17, 28, 110]
const CLOSED_ICON: Rgba = [203, 213, 225, 110]
/** Ring widths in pixels, before `sizeScale`: exact points, and shared ones rounded to ~11 km. */
const RING_PIXELS = 2.5
const SHARED_RING_PIXELS = 1

/** How long a live incident pulses. @default 60 s */
export const PULSE_MS = 60_000
/** One pulse: the ring grows and fades over this. */
const PULSE_PERIOD_MS = 1_500

const point = (i: Incident): [number, number] => [
  i.geometry.coordinates[0] ?? 0,
  i.geometry.coordinates[1] ?? 0,
]
const itemsOf = (i: Incident) => [`type:${i.properties.type}`, `severity:${i.properties.severity}`]

/** A merged (duplicate) or rejected report: shown only on request, never counted as an event. */
const isClosed = (i: Incident) =>
  (CLOSED_VERIFICATIONS as readonly string[]).includes(i.properties.verification)
const isShared = (i: Incident) => i.properties.access === 'shared'

export interface IncidentsLayerOptions extends LayerOptions {
  /** Size of the icon, before `sizeScale`. @default 18 */
  iconSizePixels?: number
}

/** The incidents that are still pulsing at `now`. */
export function pulsing(features: Incident[], arrived: ReadonlyMap<number, number>, now: number): Incident[] {
  if (arrived.size === 0) return []
  return features.filter((i) => {
    const at = arrived.get(i.properties.id)
    return at !== undefined && now - at < PULSE_MS
  })
}

export function makeIncidentsLayers(
  data: IncidentFeatureCollection,
  options: IncidentsLayerOptions = {},
): Layer[] {
  const { sizeScale = 1, iconSizePixels = 18, hidden = new Set(), related = NO_RELATED } = options
  const features = visibleFeatures(data.features, INCIDENTS_LAYER_ID, itemsOf, hidden)
  const phase = (related.now % PULSE_PERIOD_MS) / PULSE_PERIOD_MS
  const live = pulsing(features, related.newIncidents, related.now).filter((i) => !isClosed(i))
  return [
    new ScatterplotLayer<Incident>({
      id: `${INCIDENTS_LAYER_ID}:pulse`,
      data: live,
      getPosition: point,
      filled: false,
      stroked: true,
      getLineColor: (i) => {
        const [r, g, b] = SEVERITY_COLORS[i.properties.severity]
        return [r, g, b, Math.round(255 * (1 - phase))]
      },
      lineWidthUnits: 'pixels',
      getLineWidth: 3 * sizeScale,
      radiusUnits: 'pixels',
      getRadius: iconSizePixels * (0.7 + 1.6 * phase),
      radiusScale: sizeScale,
      updateTriggers: { getLineColor: phase },
    }),
    new ScatterplotLayer<Incident>({
      id: `${INCIDENTS_LAYER_ID}:disc`,
      data: features,
      getPosition: point,
      getFillColor: (i) => [...(isClosed(i) ? CLOSED_DISC : DISC)],
      stroked: true,
      getLineColor: (i) => [...(isClosed(i) ? CLOSED_COLOR : SEVERITY_COLORS[i.properties.severity])],
      lineWidthUnits: 'pixels',
      getLineWidth: (i) => (isShared(i) ? SHARED_RING_PIXELS : RING_PIXELS) * sizeScale,
      radiusUnits: 'pixels',
      getRadius: iconSizePixels * 0.72,
      radiusScale: sizeScale,
      pickable: true,
      autoHighlight: true,
      highlightColor: [255, 255, 255, 90],
    }),
    new IconLayer<Incident>({
      id: `${INCIDENTS_LAYER_ID}:icon`,
      data: features,
      iconAtlas: ICON_ATLAS,
      iconMapping: ICON_MAPPING,
      getIcon: (i) => i.properties.type,
      getPosition: point,
      getColor: (i) => [...(isClosed(i) ? CLOSED_ICON : ICON)],
      getSize: iconSizePixels * 0.8,
      sizeUnits: 'pixels',
      sizeScale,
      pickable: true,
    }),
  ]
}

/** A count as a tooltip row says it: a number, or "fewer than 5" when withheld. */
function countLabel(count: ShownCount, { t, language }: LayerContext): string {
  return count === 'withheld' ? t('figures.fewerThan5') : formatNumber(count, language)
}

/** For another agency's shared report: who shared it, and that its place and time are coarsened. */
export function sharedRow(
  p: IncidentProperties,
  { t }: LayerContext,
): { label: string; value: string } | null {
  if (p.access !== 'shared') return null
  return row(
    t('tooltip.sharedBy'),
    t('tooltip.sharedDetail', { agency: p.agency?.name ?? t('tooltip.otherAgency') }),
  )
}

export function describeIncident(i: Incident, context: LayerContext): Description {
  const { t, language } = context
  const p = i.properties
  const [lon, lat] = point(i)
  const rows = [
    row(t('tooltip.kind'), t(`layers.incidents.types.${p.type}`)),
    row(t('tooltip.severity'), t(`layers.incidents.severities.${p.severity}`)),
    row(t('figures.date'), dateLabel(p.occurredAt, context)),
    row(t('tooltip.verification'), t(`layers.incidents.verification.${p.verification}`)),
  ]
  for (const [key, count] of shownCounts(p.counts, p.withheld))
    rows.push(row(t(`figures.${key}`), countLabel(count, context)))
  if (p.country) rows.push(row(t('tooltip.country'), countryName(p.country, language)))
  const shared = sharedRow(p, context)
  if (shared) rows.push(shared)
  if (p.dataset.citation) rows.push(row(t('tooltip.source'), p.dataset.citation))
  return {
    title: p.description || t(`layers.incidents.types.${p.type}`),
    kind: t('layers.incidents.one'),
    rows,
    modelled: p.dataset.modelled,
    datasets: [p.dataset],
    series: { kind: 'incidents', bbox: [lon - 1, lat - 1, lon + 1, lat + 1] },
    position: [lon, lat],
  }
}

export function incidentsLegend(data: IncidentFeatureCollection | null, { t }: LayerContext): LegendEntry {
  // Merged and rejected reports are drawn when asked for, but are not events: no count includes them.
  const events = data?.features.filter((i) => !isClosed(i)) ?? []
  const closed = data ? data.features.length - events.length : 0
  const shared = events.filter(isShared).length
  const count = (key: (i: Incident) => string, value: string) =>
    data ? { count: events.filter((i) => key(i) === value).length } : {}
  return {
    id: INCIDENTS_LAYER_ID,
    title: t('layers.incidents.name'),
    modelled: Boolean(data?.features.some((i) => i.properties.dataset.modelled)),
    ...(data ? { count: events.length } : {}),
    items: [
      ...SEVERITIES.map((s) => ({
        id: `severity:${s}`,
        label: t(`layers.incidents.severities.${s}`),
        color: SEVERITY_COLORS[s],
        shape: 'ring' as const,
        filter: true,
        ...count((i) => i.properties.severity, s),
      })),
      // The types present only: twelve rows of zeros would push the rest of the panel away.
      ...INCIDENT_TYPES.filter((type) => !data || data.features.some((i) => i.properties.type === type)).map(
        (type) => ({
          id: `type:${type}`,
          label: t(`layers.incidents.types.${type}`),
          color: ICON,
          shape: 'icon' as const,
          icon: iconUrl(type),
          filter: true,
          ...count((i) => i.properties.type, type),
        }),
      ),
      ...(shared > 0
        ? [
            {
              id: 'shared',
              label: t('layers.incidents.shared'),
              color: ICON,
              shape: 'thin-ring' as const,
              count: shared,
            },
          ]
        : []),
      ...(closed > 0
        ? [{ id: 'closed', label: t('layers.incidents.closed'), color: CLOSED_COLOR, count: closed }]
        : []),
    ],
  }
}

export const incidentsEntry: MapLayerEntry<IncidentFeatureCollection, Incident> = {
  make: makeIncidentsLayers,
  describe: describeIncident,
  legend: incidentsLegend,
  credits: (data, { t }) =>
    datasetCredits(
      t('layers.incidents.name'),
      data.features.map((i) => i.properties.dataset),
    ),
  positions: (data) => data.features.map(point),
  itemsOf,
}
