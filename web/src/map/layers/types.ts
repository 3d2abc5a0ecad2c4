// What every map layer module gives the app: a deck.gl layer, its tooltip, its legend and its credits.
import type { Layer, PickingInfo } from '@deck.gl/core'
import type { TFunction } from 'i18next'
import type { Rgba } from '../theme.ts'

/** The language a layer must speak in, from react-i18next. */
export interface LayerContext {
  t: TFunction
  language: string
}

export interface CommonLayerOptions {
  /** Multiplier of every pixel size, for large screens. @default 1 */
  sizeScale?: number
}

export interface TooltipContent {
  title: string
  rows: { label: string; value: string }[]
}

export interface LegendItem {
  id: string
  label: string
  color: Rgba
  count?: number
}

export interface LegendEntry {
  id: string
  title: string
  items: LegendItem[]
}

/** A data source to credit on the map. */
export interface Credit {
  /** What it provides, e.g. "Border posts". */
  label: string
  name: string
  url?: string
}

export interface MapLayerEntry<D> {
  make: (data: D, options: CommonLayerOptions) => Layer
  /** The tooltip of what the pointer is on, or null for none. */
  tooltip: (info: PickingInfo, context: LayerContext) => TooltipContent | null
  /** The legend, with counts when the data is there. */
  legend: (data: D | null, context: LayerContext) => LegendEntry
  credits: (data: D, context: LayerContext) => Credit[]
  /** [lon, lat] of the symbols the layer draws, which town names keep clear of. */
  positions: (data: D) => (readonly [number, number])[]
}
