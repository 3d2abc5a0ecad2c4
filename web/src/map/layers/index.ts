// The registry of map layers fed by the API: the app iterates over it to draw, explain and credit them.
// Adding a layer: its module beside this one, its fetcher in api/layers.ts, and one line here.
import type { Layer, PickingInfo } from '@deck.gl/core'
import type { LayerDataMap, LayerId } from '../../api/layers.ts'
import type { LayerStates } from '../../api/use-layer-data.ts'
import { borderPostsEntry } from './border-posts.ts'
import type {
  CommonLayerOptions,
  Credit,
  LayerContext,
  LegendEntry,
  MapLayerEntry,
  TooltipContent,
} from './types.ts'

export const mapLayers: { [K in LayerId]: MapLayerEntry<LayerDataMap[K]> } = {
  'border-posts': borderPostsEntry,
}

/** Drawing order, bottom first. */
export const layerOrder: readonly LayerId[] = ['border-posts']

const isLayerId = (id: string | undefined): id is LayerId => id !== undefined && id in mapLayers

const readyData = <K extends LayerId>(states: LayerStates, id: K): LayerDataMap[K] | null => {
  const state = states[id]
  return state.status === 'ready' ? (state.data as LayerDataMap[K]) : null
}

/** The deck.gl layers of every layer whose data is there, in drawing order. */
export function makeLayers(states: LayerStates, options: CommonLayerOptions): Layer[] {
  return layerOrder.flatMap(<K extends LayerId>(id: K) => {
    const data = readyData(states, id)
    return data ? [mapLayers[id].make(data, options)] : []
  })
}

export function tooltipFor(info: PickingInfo, context: LayerContext): TooltipContent | null {
  const id = info.layer?.id
  if (!info.picked || !isLayerId(id)) return null
  return mapLayers[id].tooltip(info, context)
}

export function legendsFor(states: LayerStates, context: LayerContext): LegendEntry[] {
  return layerOrder.map(<K extends LayerId>(id: K) => mapLayers[id].legend(readyData(states, id), context))
}

export function creditsFor(states: LayerStates, context: LayerContext): Credit[] {
  return layerOrder.flatMap(<K extends LayerId>(id: K) => {
    const data = readyData(states, id)
    return data ? mapLayers[id].credits(data, context) : []
  })
}

/** Where every loaded layer draws a symbol, for town names to keep clear of. */
export function symbolPositions(states: LayerStates): (readonly [number, number])[] {
  return layerOrder.flatMap(<K extends LayerId>(id: K) => {
    const data = readyData(states, id)
    return data ? mapLayers[id].positions(data) : []
  })
}

export type { CommonLayerOptions, Credit, LayerContext, LegendEntry, TooltipContent } from './types.ts'
