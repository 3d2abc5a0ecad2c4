// What every map layer module gives the app: deck.gl layers, a description of a feature (tooltip and
// side panel), its legend and its credits.
import type { Layer } from '@deck.gl/core'
import type { TFunction } from 'i18next'
import type { CrossingProperties, Dataset, SurgeProperties } from '../../api/layer-types.ts'
import type { Bbox } from '../../lib/bbox.ts'
import type { Hidden } from '../../lib/filters.ts'
import type { IncidentTileContent } from '../../lib/incident-tiles.ts'
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

/** What one layer may draw from the others: posts are sized by the crossings and coloured by surges. */
export interface Related {
  crossings: ReadonlyMap<string, CrossingProperties>
  surges: ReadonlyMap<string, SurgeProperties>
  /** Incidents received live, by id, with when they arrived (ms): they pulse for a while. */
  newIncidents: ReadonlyMap<number, number>
  /** Now, in ms, as the pulse animation sees it. */
  now: number
}

export const NO_RELATED: Related = {
  crossings: new Map(),
  surges: new Map(),
  newIncidents: new Map(),
  now: 0,
}

export interface LayerOptions extends CommonLayerOptions {
  related?: Related
  /** Legend items hidden by the reader (lib/filters.ts). */
  hidden?: Hidden
  /** Told what the incidents' tiles in view hold, each time they have all loaded. */
  onIncidentTiles?: (tiles: IncidentTileContent[]) => void
}

export interface TooltipContent {
  title: string
  rows: { label: string; value: string }[]
  /** Figures that are modelled, not observed: said so wherever they are shown. */
  modelled?: boolean
}

/** Which series the side panel charts for a feature. */
export type SeriesRequest = { kind: 'crossings'; site: string } | { kind: 'incidents'; bbox: Bbox }

/** Everything the tooltip and the side panel say about one feature. */
export interface Description extends TooltipContent {
  /** Which kind of thing it is (a post, a corridor…), already translated. */
  kind: string
  datasets: Dataset[]
  /** How a derived figure was computed, in the server's words. */
  method?: string
  series?: SeriesRequest
  /** [lon, lat] to fly to. */
  position: [number, number]
  /** The incident whose whole record the page loads when it is opened (a tile carries only a summary). */
  recordId?: number
}

export interface LegendItem {
  id: string
  label: string
  color: Rgba
  count?: number
  /** @default 'dot' */
  shape?: 'dot' | 'line' | 'area' | 'ring' | 'thin-ring' | 'icon'
  /** An SVG data URL drawn in `color` when shape is 'icon'. */
  icon?: string
  /** Whether a click on the item hides its features. */
  filter?: boolean
}

export interface LegendEntry {
  id: string
  title: string
  items: LegendItem[]
  /** What size or width means, e.g. "size: people counted". */
  note?: string
  modelled?: boolean
  /** How many features the layer counts, when not every feature drawn is one (merged reports). */
  count?: number
}

/** A data source to credit on the map. */
export interface Credit {
  /** What it provides, e.g. "Border posts". */
  label: string
  name: string
  licence?: string
  url?: string
}

/** `D` is the layer's collection, `F` one of its features. */
export interface MapLayerEntry<D extends { features: readonly unknown[] }, F = D['features'][number]> {
  make: (data: D, options: LayerOptions) => Layer[]
  describe: (feature: F, context: LayerContext, related: Related) => Description
  /** The legend, with counts when the data is there; `hidden` are the items the reader hid. */
  legend: (data: D | null, context: LayerContext, related?: Related, hidden?: Hidden) => LegendEntry
  credits: (data: D, context: LayerContext) => Credit[]
  /** [lon, lat] of the symbols the layer draws, which town names keep clear of. */
  positions: (data: D) => (readonly [number, number])[]
  /** The legend items a feature belongs to, for the filters. */
  itemsOf?: (feature: F) => string[]
}
