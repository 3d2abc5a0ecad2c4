// Every layer leaves as GeoJSON (the default) or CSV, chosen with ?format=; CSV flattens the properties
// and carries the geometry as WKT (plus lon/lat for points), which QGIS, GDAL and spreadsheets read.
import { geojsonToWKT } from '@terraformer/wkt'
import { stringify } from 'csv-stringify/sync'
import type { FeatureCollection } from 'geojson'
import type { Context } from 'hono'
import { Problem } from './problem.ts'

export const FORMATS = ['geojson', 'csv'] as const
export type Format = (typeof FORMATS)[number]

export function parseFormat(value: string | undefined): Format {
  if (value === undefined) return 'geojson'
  if ((FORMATS as readonly string[]).includes(value)) return value as Format
  throw Problem.invalid([{ name: 'format', reason: `expected one of ${FORMATS.join(', ')}` }])
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

export function collectionToCsv(collection: FeatureCollection): string {
  const rows = collection.features.map((f) => {
    const row = flatten((f.properties ?? {}) as Record<string, unknown>)
    if (f.geometry?.type === 'Point') {
      row.lon = String(f.geometry.coordinates[0])
      row.lat = String(f.geometry.coordinates[1])
    }
    row.wkt = f.geometry ? geojsonToWKT(f.geometry) : ''
    return row
  })
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))]
  return stringify(rows, { header: true, columns })
}

/**
 * Answers with the collection in the asked format; `name` names the downloaded file. GeoJSON goes with
 * c.json, so the route's declared schema types it; CSV is a plain body.
 */
export function respondWithCollection<T extends FeatureCollection>(
  c: Context,
  collection: T,
  name: string,
  format: Format,
) {
  if (format === 'csv') {
    return c.body(collectionToCsv(collection), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}.csv"`,
    })
  }
  return c.json(collection, 200, { 'content-type': 'application/geo+json' })
}
