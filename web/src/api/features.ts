// Fetching a layer of the API: a GeoJSON FeatureCollection whose features are typed by the server's
// schemas (./layer-types.ts). The only check made here is that the answer is a FeatureCollection at all:
// an answer that is not (a proxy's error page, a stale service worker's) must reach the reader as a
// failed layer, not as a crash inside deck.gl. What each feature holds is the server's contract,
// checked on the server's side (tests/server/layers/contract.test.ts).
import { ApiError, getJson } from './http.ts'

/** `?from=…&to=…&…`, leaving out parameters without a value. */
export function withQuery(path: string, params: Record<string, string | undefined>): string {
  const query = Object.entries(params)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')
  return query ? `${path}?${query}` : path
}

/** The answer as the collection `T` the server declares, once it is seen to be a FeatureCollection. */
export function asCollection<T extends { type: 'FeatureCollection'; features: unknown[] }>(
  json: unknown,
  name: string,
): T {
  const value = json as { type?: unknown; features?: unknown } | null
  if (typeof value !== 'object' || value === null || value.type !== 'FeatureCollection')
    throw new ApiError('invalid', `${name}: not a GeoJSON FeatureCollection`)
  if (!Array.isArray(value.features)) throw new ApiError('invalid', `${name}: no features`)
  return json as T
}

export async function fetchCollection<T extends { type: 'FeatureCollection'; features: unknown[] }>(
  url: string,
  name: string,
  signal: AbortSignal,
): Promise<T> {
  return asCollection<T>(await getJson(url, signal), name)
}
