// What the API serves for each map layer, by layer id (the same ids as server/layers/ and map/layers/).
import { type BorderPostCollection, fetchBorderPosts } from './border-posts.ts'

export interface LayerDataMap {
  'border-posts': BorderPostCollection
}

export type LayerId = keyof LayerDataMap

export const layerFetchers: { [K in LayerId]: (signal: AbortSignal) => Promise<LayerDataMap[K]> } = {
  'border-posts': (signal) => fetchBorderPosts({ signal }),
}
