// What the API serves for each map layer, by layer id (the same ids as server/layers/ and map/layers/),
// and how to fetch it for a time window and the reader's fetch options.
import type { LineString, MultiPolygon, Point, Polygon } from 'geojson'
import type { QueryWindow } from '../lib/time-window.ts'
import { type BorderPostCollection, fetchBorderPosts } from './border-posts.ts'
import { fetchCollection, withQuery } from './features.ts'
import {
  type CorridorCollection,
  type CorridorProperties,
  type CrossingCollection,
  type CrossingProperties,
  type DisplacementCollection,
  type DisplacementProperties,
  type FlowCollection,
  type FlowProperties,
  type HotspotCollection,
  type HotspotProperties,
  type IncidentCollection,
  type IncidentProperties,
  type SurgeCollection,
  type SurgeProperties,
  VERIFICATIONS,
} from './layer-types.ts'

export interface LayerDataMap {
  'border-posts': BorderPostCollection
  crossings: CrossingCollection
  corridors: CorridorCollection
  flows: FlowCollection
  displacement: DisplacementCollection
  hotspots: HotspotCollection
  surges: SurgeCollection
  incidents: IncidentCollection
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

type Fetcher<K extends LayerId> = (
  window: QueryWindow,
  signal: AbortSignal,
  options: FetchOptions,
) => Promise<LayerDataMap[K]>

const url = (id: string, params: Record<string, string | undefined>) => withQuery(`/api/layers/${id}`, params)

const isNumber = (v: unknown) => typeof v === 'number'
const isString = (v: unknown) => typeof v === 'string'

export const layerFetchers: { [K in LayerId]: Fetcher<K> } = {
  'border-posts': (_, signal) => fetchBorderPosts({ signal }),
  crossings: (w, signal) =>
    fetchCollection<Point, CrossingProperties>(
      url('crossings', windowParams(w)),
      'crossings',
      ['Point'],
      signal,
      (p) => isString(p.site) && isNumber(p.total),
    ),
  corridors: (w, signal) =>
    fetchCollection<LineString, CorridorProperties>(
      url('corridors', windowParams(w)),
      'corridors',
      ['LineString'],
      signal,
      (p) => isString(p.name) && ['land', 'sea', 'mixed'].includes(p.mode as string),
    ),
  flows: (w, signal) =>
    fetchCollection<LineString, FlowProperties>(
      url('flows', windowParams(w)),
      'flows',
      ['LineString'],
      signal,
      (p) => isNumber(p.volume),
    ),
  displacement: (w, signal) =>
    fetchCollection<MultiPolygon, DisplacementProperties>(
      url('displacement', windowParams(w)),
      'displacement',
      ['MultiPolygon'],
      signal,
      (p) => isString(p.name),
    ),
  hotspots: (w, signal) =>
    fetchCollection<Polygon, HotspotProperties>(
      url('hotspots', { ...windowParams(w), cell: HOTSPOT_CELL_KM }),
      'hotspots',
      ['Polygon'],
      signal,
      (p) => isNumber(p.score),
    ),
  surges: (w, signal) =>
    fetchCollection<Point, SurgeProperties>(
      url('surges', surgeParams(w)),
      'surges',
      ['Point'],
      signal,
      (p) => p.level === 'watch' || p.level === 'surge',
    ),
  incidents: (w, signal, options) =>
    fetchCollection<Point, IncidentProperties>(
      url('incidents', incidentsParams(w, options)),
      'incidents',
      ['Point'],
      signal,
      (p) => isNumber(p.id) && isString(p.type) && isString(p.severity),
    ),
}
