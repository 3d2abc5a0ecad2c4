// Border posts: land crossings, seaports and airports where a border is crossed, coloured by kind.
import type { PickingInfo } from '@deck.gl/core'
import { ScatterplotLayer } from '@deck.gl/layers'
import {
  BORDER_POST_KINDS,
  type BorderPost,
  type BorderPostCollection,
  type BorderPostKind,
} from '../../api/border-posts.ts'
import { countryName } from '../../lib/country-names.ts'
import type { Rgba } from '../theme.ts'
import type { CommonLayerOptions, Credit, LayerContext, LegendEntry, TooltipContent } from './types.ts'

export const BORDER_POSTS_LAYER_ID = 'border-posts'

/** Bright enough to find at a glance on the dark basemap, and apart for colour-blind readers. */
export const POST_COLORS: Record<BorderPostKind, Rgba> = {
  land: [255, 176, 32, 255], // amber
  sea: [34, 211, 238, 255], // cyan
  air: [244, 114, 182, 255], // pink
}

const OUTLINE: Rgba = [6, 17, 28, 255]
const HIGHLIGHT: Rgba = [255, 255, 255, 255]

export interface BorderPostsLayerOptions extends CommonLayerOptions {
  /** @default 'border-posts' */
  id?: string
  /** Radius of a post in pixels, before `sizeScale`. @default 7 */
  radiusPixels?: number
  /** Width of the dark outline in pixels, before `sizeScale`. @default 2 */
  lineWidthPixels?: number
  /** @default true */
  pickable?: boolean
}

export function makeBorderPostsLayer(data: BorderPostCollection, options: BorderPostsLayerOptions = {}) {
  const {
    id = BORDER_POSTS_LAYER_ID,
    sizeScale = 1,
    radiusPixels = 7,
    lineWidthPixels = 2,
    pickable = true,
  } = options
  return new ScatterplotLayer<BorderPost>({
    id,
    data: data.features,
    getPosition: (post) => [post.geometry.coordinates[0] ?? 0, post.geometry.coordinates[1] ?? 0],
    getFillColor: (post) => POST_COLORS[post.properties.kind],
    radiusUnits: 'pixels',
    getRadius: radiusPixels,
    radiusScale: sizeScale,
    stroked: true,
    getLineColor: OUTLINE,
    lineWidthUnits: 'pixels',
    getLineWidth: lineWidthPixels * sizeScale,
    pickable,
    autoHighlight: pickable,
    highlightColor: [...HIGHLIGHT],
    updateTriggers: { getLineWidth: sizeScale },
  })
}

export function borderPostTooltip(post: BorderPost, { t, language }: LayerContext): TooltipContent {
  const p = post.properties
  const rows = [
    { label: t('tooltip.country'), value: countryName(p.countries[0], language) },
    { label: t('tooltip.borderWith'), value: countryName(p.countries[1], language) },
    { label: t('tooltip.kind'), value: t(`layers.border-posts.kinds.${p.kind}`) },
  ]
  if (p.operator) rows.push({ label: t('tooltip.operator'), value: p.operator })
  rows.push({ label: t('tooltip.location'), value: t(`tooltip.precision.${p.locationPrecision}`) })
  rows.push({ label: t('tooltip.source'), value: p.source })
  return { title: p.name, rows }
}

export function borderPostsLegend(data: BorderPostCollection | null, { t }: LayerContext): LegendEntry {
  const counts = new Map<BorderPostKind, number>()
  for (const post of data?.features ?? []) {
    counts.set(post.properties.kind, (counts.get(post.properties.kind) ?? 0) + 1)
  }
  return {
    id: BORDER_POSTS_LAYER_ID,
    title: t('layers.border-posts.name'),
    items: BORDER_POST_KINDS.map((kind) => ({
      id: kind,
      label: t(`layers.border-posts.kinds.${kind}`),
      color: POST_COLORS[kind],
      ...(data ? { count: counts.get(kind) ?? 0 } : {}),
    })),
  }
}

/** One credit per dataset the posts come from; without dataset, the sources the records cite. */
export function borderPostsCredits(data: BorderPostCollection, { t }: LayerContext): Credit[] {
  const label = t('layers.border-posts.name')
  const datasets = new Map<string, Credit>()
  const sources = new Map<string, string | null>()
  for (const { properties: p } of data.features) {
    if (p.dataset) datasets.set(p.dataset.id, { label, name: `${p.dataset.name} (${p.dataset.licence})` })
    else if (!sources.has(p.source)) sources.set(p.source, p.sourceUrl)
  }
  const credits = [...datasets.values()]
  const MAX_LISTED = 3
  const listed = [...sources].slice(0, MAX_LISTED)
  const more = sources.size - listed.length
  for (const [name, url] of listed) credits.push({ label, name, ...(url ? { url } : {}) })
  if (more > 0) credits.push({ label, name: `+${more}` })
  return credits
}

export function borderPostPositions(data: BorderPostCollection): [number, number][] {
  return data.features.map((post) => [post.geometry.coordinates[0] ?? 0, post.geometry.coordinates[1] ?? 0])
}

export const borderPostsEntry = {
  make: makeBorderPostsLayer,
  tooltip: (info: PickingInfo<BorderPost>, context: LayerContext) =>
    info.object ? borderPostTooltip(info.object, context) : null,
  legend: borderPostsLegend,
  credits: borderPostsCredits,
  positions: borderPostPositions,
}
