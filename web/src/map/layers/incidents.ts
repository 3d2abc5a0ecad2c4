// Incidents, fetched as vector tiles by viewport and zoom (GET /api/tiles/incidents): an icon by type on
// a dark disc ringed in the colour of its severity; below zoom 14, incidents close together are one
// circle with their number, coloured by the worst. Incidents that arrived live are drawn over the tiles
// and pulse for a minute, so that a new one is seen on a wall screen. Another agency's shared report
// (its position rounded to ~11 km) has a thin ring; merged and rejected reports, drawn only when asked
// for, are grey and translucent and left out of every count.
import type { Layer } from '@deck.gl/core'
import { TileLayer } from '@deck.gl/geo-layers'
import { IconLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers'
import { INCIDENT_TYPES, SEVERITIES, type Severity } from '../../../../db/vocabulary.ts'
import { getBytes } from '../../api/http.ts'
import type { IncidentFeature, IncidentProperties } from '../../api/layer-types.ts'
import { countryName } from '../../lib/country-names.ts'
import { type ShownCount, shownCounts } from '../../lib/counts.ts'
import { filterKey, type Hidden } from '../../lib/filters.ts'
import {
  decodeIncidentTile,
  fromRecord,
  type IncidentTileContent,
  notInTiles,
  summarize,
  type TileIncident,
} from '../../lib/incident-tiles.ts'
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
  type Related,
} from './types.ts'

const INCIDENTS_LAYER_ID = 'incidents'
type Incident = TileIncident

/**
 * The incidents layer's data: the tiles' URL for the window and the reader's options (with {z}/{x}/{y}),
 * the incidents received live since (whole records), and what the tiles in view hold once loaded.
 */
export interface IncidentsView {
  tiles: string
  /** Received live, each with its whole record. */
  features: TileIncident[]
  /** Null until the tiles in view have loaded. */
  inView: IncidentTileContent[] | null
}

/** The tiles are made to zoom 14; from there every incident is its own feature, so deeper is the same. */
const TILE_MAX_ZOOM = 14
const MVT = 'application/vnd.mapbox-vector-tile'

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

const point = (i: Incident): [number, number] => i.position
const itemsOf = (i: Incident) => [`type:${i.type}`, `severity:${i.severity}`]
const isClosed = (i: Incident) => i.closed
const isShared = (i: Incident) => i.shared

export interface IncidentsLayerOptions extends LayerOptions {
  /** Size of the icon, before `sizeScale`. @default 18 */
  iconSizePixels?: number
}

/** The incidents that are still pulsing at `now`. */
export function pulsing(features: Incident[], arrived: ReadonlyMap<number, number>, now: number): Incident[] {
  if (arrived.size === 0) return []
  return features.filter((i) => {
    const at = i.id === null ? undefined : arrived.get(i.id)
    return at !== undefined && now - at < PULSE_MS
  })
}

/**
 * The tiles' URL with the legend's hidden types and severities left out by the server (a cluster mixes
 * them, so they cannot be hidden after); null when all of either are hidden: nothing to draw.
 */
function tilesUrl(template: string, hidden: Hidden): string | null {
  const shown = <T extends string>(kind: string, values: readonly T[]) =>
    values.filter((v) => !hidden.has(filterKey(INCIDENTS_LAYER_ID, `${kind}:${v}`)))
  const types = shown('type', INCIDENT_TYPES)
  const severities = shown('severity', SEVERITIES)
  if (!types.length || !severities.length) return null
  const url = new URL(template, 'http://base.invalid')
  if (types.length < INCIDENT_TYPES.length) url.searchParams.set('type', types.join(','))
  if (severities.length < SEVERITIES.length) url.searchParams.set('severity', severities.join(','))
  // {z}/{x}/{y} stay as they are: URL would escape the braces.
  return `${template.split('?')[0]}${url.search}`
}

/** The live incidents none of the loaded tiles holds yet, as the layer draws them. */
function liveOnly(data: IncidentsView, arrived: ReadonlyMap<number, number>): Incident[] {
  return data.features.filter((i) => {
    const at = i.id === null ? undefined : arrived.get(i.id)
    return at === undefined || notInTiles(i, at, data.inView ?? [])
  })
}

/**
 * A cluster's circle grows with the log of its count: 2 is a little smaller than an incident's disc (the
 * cells are 16 px apart), 1,000 about twice as wide.
 */
const clusterRadius = (count: number, iconSizePixels: number) =>
  iconSizePixels * (0.5 + 0.06 * Math.log2(Math.max(2, count)))

/** The deck.gl layers of a set of incidents (a tile's, or the live ones): clusters, discs and icons. */
function symbolLayers(
  id: string,
  incidents: readonly Incident[],
  { sizeScale, iconSizePixels }: { sizeScale: number; iconSizePixels: number },
): Layer[] {
  const singles = incidents.filter((i) => i.count === 1)
  const clusters = incidents.filter((i) => i.count > 1)
  // A dark disc ringed in the severity's colour, grey for closed reports: clusters and incidents alike.
  const ringed = {
    getPosition: point,
    getFillColor: (i: Incident) => (isClosed(i) ? CLOSED_DISC : DISC),
    stroked: true,
    getLineColor: (i: Incident) => (isClosed(i) ? CLOSED_COLOR : SEVERITY_COLORS[i.severity]),
    lineWidthUnits: 'pixels' as const,
    radiusUnits: 'pixels' as const,
    radiusScale: sizeScale,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 90],
  }
  const layers: Layer[] = []
  if (clusters.length)
    layers.push(
      new ScatterplotLayer<Incident>({
        ...ringed,
        id: `${id}:clusters`,
        data: clusters,
        getLineWidth: RING_PIXELS * 1.2 * sizeScale,
        getRadius: (i) => clusterRadius(i.count, iconSizePixels),
      }),
      new TextLayer<Incident>({
        id: `${id}:counts`,
        data: clusters,
        getPosition: point,
        getText: (i) => (i.count >= 10_000 ? `${Math.round(i.count / 1000)}k` : String(i.count)),
        getColor: (i) => (isClosed(i) ? CLOSED_ICON : ICON),
        getSize: (i) => (i.count >= 1000 ? 10 : 11) * sizeScale,
        sizeUnits: 'pixels',
        fontFamily: 'system-ui, sans-serif',
        fontWeight: 600,
        characterSet: '0123456789k',
      }),
    )
  if (singles.length)
    layers.push(
      new ScatterplotLayer<Incident>({
        ...ringed,
        id: `${id}:disc`,
        data: singles,
        getLineWidth: (i) => (isShared(i) ? SHARED_RING_PIXELS : RING_PIXELS) * sizeScale,
        getRadius: iconSizePixels * 0.72,
      }),
      new IconLayer<Incident>({
        id: `${id}:icon`,
        data: singles,
        iconAtlas: ICON_ATLAS,
        iconMapping: ICON_MAPPING,
        getIcon: (i) => i.type,
        getPosition: point,
        getColor: (i) => (isClosed(i) ? CLOSED_ICON : ICON),
        getSize: iconSizePixels * 0.8,
        sizeUnits: 'pixels',
        sizeScale,
        pickable: true,
      }),
    )
  return layers
}

export function makeIncidentsLayers(data: IncidentsView, options: IncidentsLayerOptions = {}): Layer[] {
  const {
    sizeScale = 1,
    iconSizePixels = 18,
    hidden = new Set(),
    related = NO_RELATED,
    onIncidentTiles,
  } = options
  const url = tilesUrl(data.tiles, hidden)
  if (url === null) return []
  const phase = (related.now % PULSE_PERIOD_MS) / PULSE_PERIOD_MS
  const hiddenItem = (i: Incident) =>
    itemsOf(i).some((item) => hidden.has(filterKey(INCIDENTS_LAYER_ID, item)))
  const live = liveOnly(data, related.newIncidents).filter((i) => !hiddenItem(i))
  const pulses = pulsing(live, related.newIncidents, related.now).filter((i) => !isClosed(i))
  const sizes = { sizeScale, iconSizePixels }
  return [
    new TileLayer<IncidentTileContent>({
      id: `${INCIDENTS_LAYER_ID}:tiles`,
      data: url,
      tileSize: 512,
      maxZoom: TILE_MAX_ZOOM,
      // A pan asks for the tiles it stops on, not every tile it passes.
      debounceTime: 60,
      pickable: true,
      getTileData: async ({ index, url: tileUrl, signal }) =>
        decodeIncidentTile(await getBytes(tileUrl ?? '', MVT, signal), index),
      onViewportLoad: (tiles) => onIncidentTiles?.(tiles.flatMap((t) => (t.content ? [t.content] : []))),
      renderSubLayers: (props) => (props.data ? symbolLayers(props.id, props.data.incidents, sizes) : null),
      updateTriggers: { renderSubLayers: [sizeScale, iconSizePixels] },
    }),
    new ScatterplotLayer<Incident>({
      id: `${INCIDENTS_LAYER_ID}:pulse`,
      data: pulses,
      getPosition: point,
      filled: false,
      stroked: true,
      getLineColor: (i) => {
        const [r, g, b] = SEVERITY_COLORS[i.severity]
        return [r, g, b, Math.round(255 * (1 - phase))]
      },
      lineWidthUnits: 'pixels',
      getLineWidth: 3 * sizeScale,
      radiusUnits: 'pixels',
      getRadius: iconSizePixels * (0.7 + 1.6 * phase),
      radiusScale: sizeScale,
      updateTriggers: { getLineColor: phase },
    }),
    ...symbolLayers(`${INCIDENTS_LAYER_ID}:live`, live, sizes),
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

/** Everything the record of one incident says (a live one's, or one loaded when it is opened). */
export function describeRecord(record: IncidentFeature, context: LayerContext): Description {
  const { t, language } = context
  const p = record.properties
  const [lon, lat] = fromRecord(record).position
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

/**
 * What a point of the layer says: a live incident its whole record; one from a tile what the tile
 * carries, and its id, for the page to load the rest when it is opened; a cluster its count, its mix of
 * severities and types, its latest date, and the series of the area around it.
 */
export function describeIncident(i: Incident, context: LayerContext): Description {
  if (i.record) return describeRecord(i.record, context)
  const { t, language } = context
  const [lon, lat] = i.position
  const series = { kind: 'incidents' as const, bbox: [lon - 1, lat - 1, lon + 1, lat + 1] as const }
  if (i.count > 1) {
    const rows = [
      ...SEVERITIES.filter((s) => i.severities[s] > 0).map((s) =>
        row(t(`layers.incidents.severities.${s}`), formatNumber(i.severities[s], language)),
      ),
      ...INCIDENT_TYPES.filter((type) => (i.types[type] ?? 0) > 0).map((type) =>
        row(t(`layers.incidents.types.${type}`), formatNumber(i.types[type], language)),
      ),
      row(t('layers.incidents.latest'), dateLabel(i.occurredAt, context)),
    ]
    return {
      title: t('layers.incidents.cluster', { count: i.count }),
      kind: t('layers.incidents.clusterKind'),
      rows: [...rows, row('', t('layers.incidents.zoomIn'))],
      datasets: [],
      series: { kind: 'incidents', bbox: [...series.bbox] },
      position: [lon, lat],
    }
  }
  const rows = [
    row(t('tooltip.kind'), t(`layers.incidents.types.${i.type}`)),
    row(t('tooltip.severity'), t(`layers.incidents.severities.${i.severity}`)),
    row(t('figures.date'), dateLabel(i.occurredAt, context)),
  ]
  if (i.verification)
    rows.push(row(t('tooltip.verification'), t(`layers.incidents.verification.${i.verification}`)))
  if (i.shared) rows.push(row(t('tooltip.sharedBy'), t('tooltip.otherAgency')))
  return {
    title: t(`layers.incidents.types.${i.type}`),
    kind: t('layers.incidents.one'),
    rows,
    datasets: [],
    series: { kind: 'incidents', bbox: [...series.bbox] },
    position: [lon, lat],
    ...(i.id === null ? {} : { recordId: i.id }),
  }
}

export function incidentsLegend(
  data: IncidentsView | null,
  { t }: LayerContext,
  related?: Related,
  hidden: Hidden = new Set(),
): LegendEntry {
  // Merged and rejected reports are drawn when asked for, but are not events: no count includes them.
  const inView = data?.inView ?? null
  const summary =
    data && inView ? summarize(inView, liveOnly(data, related?.newIncidents ?? new Map())) : null
  const count = (n: number | undefined) => (summary ? { count: n ?? 0 } : {})
  const isHidden = (item: string) => hidden.has(filterKey(INCIDENTS_LAYER_ID, item))
  return {
    id: INCIDENTS_LAYER_ID,
    title: t('layers.incidents.name'),
    note: t('layers.incidents.note'),
    modelled: Boolean(summary?.datasets.some((d) => d.modelled)),
    ...(summary ? { count: summary.events } : {}),
    items: [
      ...SEVERITIES.map((s) => ({
        id: `severity:${s}`,
        label: t(`layers.incidents.severities.${s}`),
        color: SEVERITY_COLORS[s],
        shape: 'ring' as const,
        filter: true,
        ...count(summary?.bySeverity[s]),
      })),
      // The types in view and those hidden: twelve rows of zeros would push the rest of the panel away.
      ...INCIDENT_TYPES.filter(
        (type) => !summary || (summary.byType[type] ?? 0) > 0 || isHidden(`type:${type}`),
      ).map((type) => ({
        id: `type:${type}`,
        label: t(`layers.incidents.types.${type}`),
        color: ICON,
        shape: 'icon' as const,
        icon: iconUrl(type),
        filter: true,
        ...count(summary?.byType[type]),
      })),
      ...(summary && summary.shared > 0
        ? [
            {
              id: 'shared',
              label: t('layers.incidents.shared'),
              color: ICON,
              shape: 'thin-ring' as const,
              count: summary.shared,
            },
          ]
        : []),
      ...(summary && summary.closed > 0
        ? [{ id: 'closed', label: t('layers.incidents.closed'), color: CLOSED_COLOR, count: summary.closed }]
        : []),
    ],
  }
}

export const incidentsEntry: MapLayerEntry<IncidentsView, Incident> = {
  make: makeIncidentsLayers,
  describe: describeIncident,
  legend: incidentsLegend,
  credits: (data, { t }) =>
    datasetCredits(t('layers.incidents.name'), summarize(data.inView ?? [], data.features).datasets),
  positions: (data) => [
    ...(data.inView ?? []).flatMap((tile) => tile.incidents.map(point)),
    ...data.features.map(point),
  ],
  itemsOf,
}
