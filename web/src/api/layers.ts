// What the API serves for each map layer, by layer id (the same ids as server/layers/ and map/layers/),
// and how to fetch it for a time window and the reader's fetch options.
import { VERIFICATIONS } from '../../../db/vocabulary.ts'
import type { QueryWindow } from '../lib/time-window.ts'
import type { IncidentsView } from '../map/layers/incidents.ts'
import { fetchCollection, withQuery } from './features.ts'
import type {
  BorderPostFeatureCollection,
  CorridorFeatureCollection,
  CrossingFeatureCollection,
  DisplacementFeatureCollection,
  FlowFeatureCollection,
  HotspotFeatureCollection,
  IncidentFeature,
  IncidentFeatureCollection,
  SurgeFeatureCollection,
} from './layer-types.ts'

export interface LayerDataMap {
  'border-posts': BorderPostFeatureCollection
  crossings: CrossingFeatureCollection
  corridors: CorridorFeatureCollection
  flows: FlowFeatureCollection
  displacement: DisplacementFeatureCollection
  hotspots: HotspotFeatureCollection
  surges: SurgeFeatureCollection
  incidents: IncidentsView
}

export type LayerId = keyof LayerDataMap

const DAY_MS = 86_400_000
/** Hexagons of 100 km: seen at the zoom of the whole route, where the server's 50 km are specks. */
const HOTSPOT_CELL_KM = '100'

/** from/to of a window, as the API takes them; `to` left out in live mode (the server's "now"). */
export function windowParams(window: QueryWindow): Record<string, string | undefined> {
  return { from: window.from.toISOString(), to: window.to?.toISOString() }
}

/**
 * Surges are judged over the last day of the window against the days before it: the status of each
 * post at the end of the window. Live, the server's default (the last 24 hours) is that.
 */
export function surgeParams(window: QueryWindow): Record<string, string | undefined> {
  if (!window.to) return {}
  return { from: new Date(window.to.getTime() - DAY_MS).toISOString(), to: window.to.toISOString() }
}

/** What the reader asks of the layers beyond the window. */
export interface FetchOptions {
  /** Incidents: also the merged (duplicate) and rejected reports, which the server leaves out by default. @default false */
  closedReports?: boolean
}

/** The incidents' query: the window, and every verification state when merged and rejected are asked for. */
export function incidentsParams(
  window: QueryWindow,
  { closedReports = false }: FetchOptions = {},
): Record<string, string | undefined> {
  return { ...windowParams(window), verification: closedReports ? VERIFICATIONS.join(',') : undefined }
}

/** `request` counts the layer's loads since the page opened: a new one is a new version of its data. */
export type Fetcher<K extends LayerId> = (
  window: QueryWindow,
  signal: AbortSignal,
  options: FetchOptions,
  request: number,
) => Promise<LayerDataMap[K]>

/**
 * The incidents' tiles for the window and options, as a URL template. `v` is the load's number: a
 * load after a change (a review, a merge) asks for every tile again, and a reload of the page finds
 * its first tiles in the browser's cache (revalidated by ETag).
 */
export function incidentTilesUrl(window: QueryWindow, options: FetchOptions, request: number): string {
  return withQuery('/api/tiles/incidents/{z}/{x}/{y}', {
    ...incidentsParams(window, options),
    v: String(request),
  })
}

/** The whole record of one incident of the window (a tile carries only what the map draws). */
export async function fetchIncidentRecord(
  id: number,
  window: QueryWindow,
  signal: AbortSignal,
): Promise<IncidentFeature | null> {
  const url = withQuery('/api/layers/incidents', {
    ...windowParams(window),
    ids: String(id),
    verification: VERIFICATIONS.join(','),
  })
  const collection = await fetchCollection<IncidentFeatureCollection>(url, 'incidents', signal)
  return collection.features[0] ?? null
}

/** The layer's collection, as the server declares it, for `params`. */
const get = <K extends Exclude<LayerId, 'incidents'>>(
  id: K,
  signal: AbortSignal,
  params: Record<string, string | undefined> = {},
) => fetchCollection<LayerDataMap[K]>(withQuery(`/api/layers/${id}`, params), id, signal)

export const layerFetchers: { [K in LayerId]: Fetcher<K> } = {
  // A few hundred points: the map asks for all of them once, whatever the window.
  'border-posts': (_, signal) => get('border-posts', signal),
  crossings: (w, signal) => get('crossings', signal, windowParams(w)),
  corridors: (w, signal) => get('corridors', signal, windowParams(w)),
  flows: (w, signal) => get('flows', signal, windowParams(w)),
  displacement: (w, signal) => get('displacement', signal, windowParams(w)),
  hotspots: (w, signal) => get('hotspots', signal, { ...windowParams(w), cell: HOTSPOT_CELL_KM }),
  surges: (w, signal) => get('surges', signal, surgeParams(w)),
  // A million of them is no download: the map fetches their tiles by viewport and zoom.
  incidents: async (w, _, options, request) => ({
    tiles: incidentTilesUrl(w, options, request),
    features: [],
    inView: null,
  }),
}
