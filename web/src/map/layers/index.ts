// The registry of map layers fed by the API: the app iterates over it to draw, explain and credit them.
// Adding a layer: its module beside this one, its fetcher in api/layers.ts, and one line here.
import type { Layer, PickingInfo } from '@deck.gl/core'
import type { LayerDataMap, LayerId } from '../../api/layers.ts'
import type { LayerStates, LoadState } from '../../api/use-layer-data.ts'
import type { Hidden } from '../../lib/filters.ts'
import { borderPostsEntry } from './border-posts.ts'
import { corridorsEntry } from './corridors.ts'
import { displacementEntry } from './displacement.ts'
import { flowsEntry } from './flows.ts'
import { hotspotsEntry } from './hotspots.ts'
import { incidentsEntry } from './incidents.ts'
import { surgesEntry } from './surges.ts'
import type {
  Credit,
  Description,
  LayerContext,
  LayerOptions,
  LegendEntry,
  MapLayerEntry,
  Related,
} from './types.ts'

/** The layers drawn on the map; `crossings` is data only (it sizes the posts and fills their panel). */
export type MapLayerId = Exclude<LayerId, 'crossings'>

/** Each layer's entry typed by its own data, so that `mapLayers[id]` takes the data of `id`. */
type MapLayers = { [K in MapLayerId]: MapLayerEntry<LayerDataMap[K]> }

export const mapLayers: MapLayers = {
  displacement: displacementEntry,
  hotspots: hotspotsEntry,
  corridors: corridorsEntry,
  flows: flowsEntry,
  'border-posts': borderPostsEntry,
  surges: surgesEntry,
  incidents: incidentsEntry,
}

/** Drawing order, bottom first: areas, then lines, then points. */
export const layerOrder: readonly MapLayerId[] = [
  'displacement',
  'hotspots',
  'corridors',
  'flows',
  'border-posts',
  'surges',
  'incidents',
]

/** Layer id of a deck.gl layer: `incidents:icon` belongs to `incidents`. */
export function mapLayerOf(deckLayerId: string | undefined): MapLayerId | null {
  const id = deckLayerId?.split(':')[0]
  return id !== undefined && id in mapLayers ? (id as MapLayerId) : null
}

const readyData = <K extends LayerId>(states: LayerStates, id: K): LayerDataMap[K] | null => {
  const state: LoadState<LayerDataMap[K]> = states[id]
  return state.status === 'ready' ? state.data : null
}

/** The entry of `id` with its data when the layer is shown and its data is there. */
function shown<K extends MapLayerId>(
  states: LayerStates,
  visible: ReadonlySet<MapLayerId>,
  id: K,
): { entry: MapLayerEntry<LayerDataMap[K]>; data: LayerDataMap[K] } | null {
  const data = readyData(states, id)
  return data && visible.has(id) ? { entry: mapLayers[id], data } : null
}

/** What the layers draw from one another: crossings and surges by site. */
export function relatedOf(
  states: LayerStates,
  newIncidents: ReadonlyMap<number, number>,
  now: number,
): Related {
  const crossings = readyData(states, 'crossings')
  const surges = readyData(states, 'surges')
  return {
    crossings: new Map(crossings?.features.map((f) => [f.properties.site, f.properties]) ?? []),
    surges: new Map(surges?.features.map((f) => [f.properties.site, f.properties]) ?? []),
    newIncidents,
    now,
  }
}

/** The deck.gl layers of every visible layer whose data is there, in drawing order. */
export function makeLayers(
  states: LayerStates,
  visible: ReadonlySet<MapLayerId>,
  options: LayerOptions,
): Layer[] {
  return layerOrder.flatMap((id) => {
    const layer = shown(states, visible, id)
    return layer ? layer.entry.make(layer.data, options) : []
  })
}

/** What the picked object is, for the tooltip and the side panel. */
export function describePicked(info: PickingInfo, context: LayerContext, related: Related): Selection | null {
  const layer = mapLayerOf(info.layer?.id)
  if (!info.picked || !layer || !info.object) return null
  return { layer, description: mapLayers[layer].describe(info.object, context, related) }
}

export interface Selection {
  layer: MapLayerId
  description: Description
}

export function legendsFor(
  states: LayerStates,
  context: LayerContext,
  related?: Related,
  hidden?: Hidden,
): Record<MapLayerId, LegendEntry> {
  const legendOf = <K extends MapLayerId>(id: K) => {
    const entry: MapLayerEntry<LayerDataMap[K]> = mapLayers[id]
    return entry.legend(readyData(states, id), context, related, hidden)
  }
  return Object.fromEntries(layerOrder.map((id) => [id, legendOf(id)])) as Record<MapLayerId, LegendEntry>
}

/** The datasets of the shown layers, each once. */
export function creditsFor(
  states: LayerStates,
  visible: ReadonlySet<MapLayerId>,
  context: LayerContext,
): Credit[] {
  const credits = layerOrder.flatMap((id) => {
    const layer = shown(states, visible, id)
    return layer ? layer.entry.credits(layer.data, context) : []
  })
  // Several layers draw from the same dataset: credit it once.
  return [...new Map(credits.map((c) => [c.name, c])).values()]
}

/** Where every shown layer draws a symbol, for town names to keep clear of. */
export function symbolPositions(
  states: LayerStates,
  visible: ReadonlySet<MapLayerId>,
): (readonly [number, number])[] {
  return layerOrder.flatMap((id) => {
    const layer = shown(states, visible, id)
    return layer ? layer.entry.positions(layer.data) : []
  })
}

export type {
  Credit,
  Description,
  LayerContext,
  LegendEntry,
  LegendItem,
  Related,
  TooltipContent,
} from './types.ts'
