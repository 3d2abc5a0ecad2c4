// Border posts: land crossings, seaports and airports, sized by the people counted there in the window
// and coloured by their status (surge, watch, normal, or no counts).
import { ScatterplotLayer } from '@deck.gl/layers'
import type { BorderPostFeature, BorderPostFeatureCollection } from '../../api/layer-types.ts'
import { countryName } from '../../lib/country-names.ts'
import { maxOf, sqrtSize } from '../../lib/scales.ts'
import type { Rgba } from '../theme.ts'
import { datasetCredits, formatNumber, formatTrend, row, uniqueDatasets } from './common.ts'
import {
  type Credit,
  type Description,
  type LayerContext,
  type LayerOptions,
  type LegendEntry,
  type MapLayerEntry,
  NO_RELATED,
  type Related,
} from './types.ts'

const BORDER_POSTS_LAYER_ID = 'border-posts'
type BorderPost = BorderPostFeature

export const POST_STATUSES = ['surge', 'watch', 'normal', 'uncounted'] as const
export type PostStatus = (typeof POST_STATUSES)[number]

/** Red and amber for what needs attention, teal for the rest: apart for colour-blind readers too. */
export const POST_COLORS: Record<PostStatus, Rgba> = {
  surge: [255, 77, 77, 255],
  watch: [255, 176, 32, 255],
  normal: [45, 212, 191, 255],
  uncounted: [138, 154, 170, 255],
}

const OUTLINE: Rgba = [6, 17, 28, 255]
const HIGHLIGHT: Rgba = [255, 255, 255, 255]

export function postStatus(post: BorderPost, related: Related): PostStatus {
  const surge = related.surges.get(post.properties.id)
  if (surge) return surge.level
  return related.crossings.has(post.properties.id) ? 'normal' : 'uncounted'
}

export interface BorderPostsLayerOptions extends LayerOptions {
  /** @default 'border-posts' */
  id?: string
  /** Radius of a post without counts, in pixels, before `sizeScale`. @default 5 */
  minRadiusPixels?: number
  /** Radius of the busiest post, in pixels, before `sizeScale`. @default 16 */
  maxRadiusPixels?: number
  /** Width of the dark outline in pixels, before `sizeScale`. @default 2 */
  lineWidthPixels?: number
  /** @default true */
  pickable?: boolean
}

export function makeBorderPostsLayer(
  data: BorderPostFeatureCollection,
  options: BorderPostsLayerOptions = {},
) {
  const {
    id = BORDER_POSTS_LAYER_ID,
    sizeScale = 1,
    minRadiusPixels = 5,
    maxRadiusPixels = 16,
    lineWidthPixels = 2,
    pickable = true,
    related = NO_RELATED,
  } = options
  const traffic = (post: BorderPost) => related.crossings.get(post.properties.id)?.total ?? 0
  const max = maxOf(data.features.map(traffic))
  return new ScatterplotLayer<BorderPost>({
    id,
    data: data.features,
    getPosition: (post) => [post.geometry.coordinates[0] ?? 0, post.geometry.coordinates[1] ?? 0],
    getFillColor: (post) => POST_COLORS[postStatus(post, related)],
    radiusUnits: 'pixels',
    getRadius: (post) => sqrtSize(traffic(post), max, minRadiusPixels, maxRadiusPixels),
    radiusScale: sizeScale,
    stroked: true,
    getLineColor: OUTLINE,
    lineWidthUnits: 'pixels',
    getLineWidth: lineWidthPixels * sizeScale,
    pickable,
    autoHighlight: pickable,
    highlightColor: [...HIGHLIGHT],
    updateTriggers: {
      getLineWidth: sizeScale,
      getFillColor: [related.crossings, related.surges],
      getRadius: [related.crossings],
    },
  })
}

export function describeBorderPost(
  post: BorderPost,
  context: LayerContext,
  related: Related = NO_RELATED,
): Description {
  const { t, language } = context
  const p = post.properties
  const counted = related.crossings.get(p.id)
  const surge = related.surges.get(p.id)
  const rows = [
    row(t('tooltip.country'), countryName(p.countries[0], language)),
    row(t('tooltip.borderWith'), countryName(p.countries[1], language)),
    row(t('tooltip.kind'), t(`layers.border-posts.kinds.${p.kind}`)),
    row(t('tooltip.status'), t(`layers.border-posts.status.${postStatus(post, related)}`)),
  ]
  if (counted) {
    rows.push(row(t('figures.in'), formatNumber(counted.in, language)))
    rows.push(row(t('figures.out'), formatNumber(counted.out, language)))
    rows.push(row(t('figures.trend'), formatTrend(counted.trend, language)))
  }
  if (surge) rows.push(row(t('figures.expected'), formatNumber(surge.expected, language)))
  if (p.operator) rows.push(row(t('tooltip.operator'), p.operator))
  rows.push(row(t('tooltip.location'), t(`tooltip.precision.${p.locationPrecision}`)))
  rows.push(row(t('tooltip.source'), p.source))
  const datasets = uniqueDatasets([p.dataset, ...(counted?.datasets ?? []), ...(surge?.datasets ?? [])])
  return {
    title: p.name,
    kind: t('layers.border-posts.one'),
    rows,
    modelled: Boolean(counted?.modelled || surge?.modelled || p.dataset.modelled),
    datasets,
    ...(surge ? { method: t('layers.surges.method') } : {}),
    series: { kind: 'crossings', site: p.id },
    position: [post.geometry.coordinates[0] ?? 0, post.geometry.coordinates[1] ?? 0],
  }
}

/** Modelled when the counts that size and colour the posts are. */
export function borderPostsLegend(
  _data: BorderPostFeatureCollection | null,
  { t }: LayerContext,
  related: Related = NO_RELATED,
): LegendEntry {
  return {
    id: BORDER_POSTS_LAYER_ID,
    title: t('layers.border-posts.name'),
    note: t('layers.border-posts.note'),
    modelled: [...related.crossings.values()].some((c) => c.modelled),
    items: POST_STATUSES.map((status) => ({
      id: status,
      label: t(`layers.border-posts.status.${status}`),
      color: POST_COLORS[status],
    })),
  }
}

/** One credit per dataset the posts come from. */
export function borderPostsCredits(data: BorderPostFeatureCollection, { t }: LayerContext): Credit[] {
  return datasetCredits(
    t('layers.border-posts.name'),
    data.features.map((post) => post.properties.dataset),
  )
}

function borderPostPositions(data: BorderPostFeatureCollection): [number, number][] {
  return data.features.map((post) => [post.geometry.coordinates[0] ?? 0, post.geometry.coordinates[1] ?? 0])
}

export const borderPostsEntry: MapLayerEntry<BorderPostFeatureCollection, BorderPost> = {
  make: (data, options) => [makeBorderPostsLayer(data, options)],
  describe: describeBorderPost,
  legend: borderPostsLegend,
  credits: borderPostsCredits,
  positions: borderPostPositions,
}
