// A layer's features as the text of its answer, a batch at a time: GeoJSON (one FeatureCollection) or
// CSV (properties flattened, geometry as WKT, plus lon/lat for points, which QGIS, GDAL and spreadsheets
// read). Nothing here holds more than a batch of features as text.
import { z } from '@hono/zod-openapi'
import { geojsonToWKT } from '@terraformer/wkt'
import { stringify } from 'csv-stringify/sync'
import type { Feature } from 'geojson'

type Batches<F> = AsyncIterable<F[]> | Iterable<F[]>

/**
 * `{"type":"FeatureCollection","features":[…],"numberReturned":n, …tail}`, the features as they come;
 * `tail` (e.g. links) is written after them.
 */
export async function* geojsonText(
  batches: Batches<Feature>,
  tail: Record<string, unknown> = {},
): AsyncGenerator<string> {
  let n = 0
  yield '{"type":"FeatureCollection","features":['
  for await (const batch of batches) {
    if (!batch.length) continue
    yield (n ? ',' : '') + batch.map((f) => JSON.stringify(f)).join(',')
    n += batch.length
  }
  const rest = JSON.stringify({ numberReturned: n, ...tail })
  yield `],${rest.slice(1)}`
}

/** Nested objects become dotted columns; arrays are joined with ';'. */
export function flatten(value: Record<string, unknown>, prefix = '', out: Record<string, string> = {}) {
  for (const [key, v] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key
    if (v === null || v === undefined) out[name] = ''
    else if (Array.isArray(v))
      out[name] = v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(';')
    else if (typeof v === 'object') flatten(v as Record<string, unknown>, name, out)
    else out[name] = String(v)
  }
  return out
}

/** One CSV row of a feature: its flattened properties, lon/lat for a point, and its geometry as WKT. */
export function csvRow(feature: Feature): Record<string, string> {
  const row = flatten((feature.properties ?? {}) as Record<string, unknown>)
  if (feature.geometry?.type === 'Point') {
    row.lon = String(feature.geometry.coordinates[0])
    row.lat = String(feature.geometry.coordinates[1])
  }
  row.wkt = feature.geometry ? geojsonToWKT(feature.geometry) : ''
  return row
}

/** The columns of rows known beforehand: every column any of them has, in the order they appear. */
export function columnsOf(rows: readonly Record<string, string>[]): string[] {
  return [...new Set(rows.flatMap((r) => Object.keys(r)))]
}

/**
 * The columns of a layer whose rows are not all known when the header is written (a page read from a
 * cursor): from its properties' schema, so every page of it has the same header. A nullable object
 * gives its fields' columns (empty when it is null), a record keyed by an enum one column per key.
 */
export function columnsFromSchema(properties: z.ZodType, point: boolean): string[] {
  const out: string[] = []
  const walk = (schema: z.ZodType, name: string) => {
    let s = schema
    while (s instanceof z.ZodNullable || s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType
    if (s instanceof z.ZodObject)
      for (const [key, field] of Object.entries(s.shape)) walk(field as z.ZodType, join(name, key))
    else if (s instanceof z.ZodRecord && s.keyType instanceof z.ZodEnum)
      for (const key of s.keyType.options) walk(s.valueType as z.ZodType, join(name, String(key)))
    else out.push(name)
  }
  walk(properties, '')
  return [...out, ...(point ? ['lon', 'lat'] : []), 'wkt']
}

const join = (prefix: string, key: string) => (prefix ? `${prefix}.${key}` : key)

/** The header, then each batch of rows under `columns` (a column a row lacks is empty), quoted as RFC 4180. */
export async function* csvText(
  batches: Batches<Record<string, string>>,
  columns: string[],
): AsyncGenerator<string> {
  yield stringify([], { header: true, columns })
  for await (const batch of batches) if (batch.length) yield stringify(batch, { columns })
}

/** Each batch with `map` applied to each of its items, as the batches come. */
export async function* mapEach<A, B>(batches: AsyncIterable<A[]>, map: (item: A) => B): AsyncGenerator<B[]> {
  for await (const batch of batches) yield batch.map(map)
}
