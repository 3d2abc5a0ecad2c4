// The border-posts layer of the API: `GET /api/layers/border-posts[?bbox=…]` → GeoJSON points.
import type { Feature, Point } from 'geojson'
import { type Bbox, formatBbox } from '../lib/bbox.ts'
import { ApiError, getJson } from './http.ts'

export const BORDER_POST_KINDS = ['land', 'sea', 'air'] as const
export type BorderPostKind = (typeof BORDER_POST_KINDS)[number]

export interface BorderPostProperties {
  id: string
  name: string
  kind: BorderPostKind
  /** ISO 3166-1 alpha-2: the country the post is in, then the country it joins. */
  countries: [string, string]
  operator: string | null
  /** `town` when only the nearest town is known, not the post itself. */
  locationPrecision: 'site' | 'town'
  /** Citation of the record. */
  source: string
  sourceUrl: string | null
  /** The dataset the record belongs to; the server sends it, older answers may not. */
  dataset?: { id: string; name: string; licence: string; modelled: boolean }
}

export type BorderPost = Feature<Point, BorderPostProperties>

export interface BorderPostCollection {
  type: 'FeatureCollection'
  features: BorderPost[]
  /** Features of the answer left out because they were malformed. */
  skipped: number
}

export const BORDER_POSTS_URL = '/api/layers/border-posts'

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null
const isString = (value: unknown): value is string => typeof value === 'string'
const isNullableString = (value: unknown): value is string | null => value === null || isString(value)

function isPosition(value: unknown): value is [number, number] {
  if (!Array.isArray(value) || value.length < 2) return false
  const [lon, lat] = value
  return Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90
}

function isDataset(value: unknown): value is BorderPostProperties['dataset'] {
  return (
    isObject(value) &&
    isString(value.id) &&
    isString(value.name) &&
    isString(value.licence) &&
    typeof value.modelled === 'boolean'
  )
}

function toBorderPost(value: unknown): BorderPost | null {
  if (!isObject(value) || value.type !== 'Feature') return null
  const { geometry, properties: p } = value
  if (!isObject(geometry) || geometry.type !== 'Point' || !isPosition(geometry.coordinates)) return null
  if (!isObject(p)) return null
  const [country, counterpart, ...extra] = Array.isArray(p.countries) ? p.countries : []
  if (
    !isString(p.id) ||
    !isString(p.name) ||
    !BORDER_POST_KINDS.includes(p.kind as BorderPostKind) ||
    !isString(country) ||
    !isString(counterpart) ||
    extra.length > 0 ||
    !isNullableString(p.operator) ||
    (p.locationPrecision !== 'site' && p.locationPrecision !== 'town') ||
    !isString(p.source) ||
    !isNullableString(p.sourceUrl ?? null) ||
    (p.dataset !== undefined && !isDataset(p.dataset))
  ) {
    return null
  }
  const [lon, lat] = geometry.coordinates
  return {
    type: 'Feature',
    id: p.id,
    geometry: { type: 'Point', coordinates: [lon, lat] },
    properties: {
      id: p.id,
      name: p.name,
      kind: p.kind as BorderPostKind,
      countries: [country, counterpart],
      operator: p.operator,
      locationPrecision: p.locationPrecision,
      source: p.source,
      sourceUrl: (p.sourceUrl as string | null | undefined) ?? null,
      ...(p.dataset ? { dataset: p.dataset as BorderPostProperties['dataset'] } : {}),
    },
  }
}

/**
 * Checks an answer of the API. A malformed feature is left out and counted, so one bad record does not
 * hide the others; an answer that is not a FeatureCollection at all is an error.
 */
export function parseBorderPosts(json: unknown): BorderPostCollection {
  if (!isObject(json) || json.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
    throw new ApiError('invalid', 'border posts: not a GeoJSON FeatureCollection')
  }
  const features: BorderPost[] = []
  for (const item of json.features) {
    const post = toBorderPost(item)
    if (post) features.push(post)
  }
  return { type: 'FeatureCollection', features, skipped: json.features.length - features.length }
}

export function borderPostsUrl(bbox?: Bbox): string {
  return bbox ? `${BORDER_POSTS_URL}?bbox=${formatBbox(bbox)}` : BORDER_POSTS_URL
}

/**
 * All border posts, or those in `bbox`. The whole set is a few hundred points, so the map asks for all
 * of it once; `bbox` is there for views that want less.
 */
export async function fetchBorderPosts(options: { bbox?: Bbox; signal?: AbortSignal } = {}) {
  return parseBorderPosts(await getJson(borderPostsUrl(options.bbox), options.signal))
}
