// The layers of the API other than border posts: GeoJSON FeatureCollections whose properties are the
// server's (docs/api.md). Each answer is checked for its shape; a feature without usable geometry is
// left out and counted, so one bad record does not hide the others.
import type { Feature, Geometry } from 'geojson'
import { ApiError, getJson } from './http.ts'

export interface Dataset {
  id: string
  name: string
  licence: string
  modelled: boolean
  citation?: string | null
}

export interface Collection<G extends Geometry, P> {
  type: 'FeatureCollection'
  features: Feature<G, P>[]
  skipped: number
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null

const isCoordinate = (value: unknown): boolean =>
  Array.isArray(value) &&
  value.length >= 2 &&
  Number.isFinite(value[0]) &&
  Number.isFinite(value[1]) &&
  Math.abs(value[0]) <= 180 &&
  Math.abs(value[1]) <= 90

/** Whether nested coordinate arrays `depth` levels deep end in valid positions. */
function coordinatesOk(value: unknown, depth: number): boolean {
  if (depth === 0) return isCoordinate(value)
  return Array.isArray(value) && value.length > 0 && value.every((v) => coordinatesOk(v, depth - 1))
}

const DEPTH: Record<string, number> = { Point: 0, LineString: 1, Polygon: 2, MultiPolygon: 3 }

export function isGeometry(value: unknown, types: readonly string[]): value is Geometry {
  if (!isObject(value) || typeof value.type !== 'string' || !types.includes(value.type)) return false
  const depth = DEPTH[value.type]
  return depth !== undefined && coordinatesOk(value.coordinates, depth)
}

/** Checks a FeatureCollection answer; `accept` says which features' properties are usable. */
export function parseCollection<G extends Geometry, P>(
  json: unknown,
  name: string,
  geometryTypes: readonly G['type'][],
  accept: (properties: Record<string, unknown>) => boolean = () => true,
): Collection<G, P> {
  if (!isObject(json) || json.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
    throw new ApiError('invalid', `${name}: not a GeoJSON FeatureCollection`)
  }
  const features: Feature<G, P>[] = []
  for (const item of json.features) {
    if (
      isObject(item) &&
      item.type === 'Feature' &&
      isGeometry(item.geometry, geometryTypes) &&
      isObject(item.properties) &&
      accept(item.properties)
    ) {
      features.push(item as unknown as Feature<G, P>)
    }
  }
  return { type: 'FeatureCollection', features, skipped: json.features.length - features.length }
}

/** `?from=…&to=…&…`, leaving out parameters without a value. */
export function withQuery(path: string, params: Record<string, string | undefined>): string {
  const query = Object.entries(params)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')
  return query ? `${path}?${query}` : path
}

export async function fetchCollection<G extends Geometry, P>(
  url: string,
  name: string,
  geometryTypes: readonly G['type'][],
  signal: AbortSignal,
  accept?: (properties: Record<string, unknown>) => boolean,
): Promise<Collection<G, P>> {
  return parseCollection<G, P>(await getJson(url, signal), name, geometryTypes, accept)
}
