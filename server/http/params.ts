// Parsers for query and path parameters shared by the routes; each failure names its parameter.
import { z } from '@hono/zod-openapi'
import { Problem } from './problem.ts'

/** A path parameter that is an id: at most `digits` digits, as a number. */
export function idParam(digits = 9) {
  return z
    .string()
    .regex(new RegExp(`^\\d{1,${digits}}$`), { error: 'expected a whole number' })
    .transform(Number)
}

export type Bbox = readonly [minLon: number, minLat: number, maxLon: number, maxLat: number]

/** Parses `minLon,minLat,maxLon,maxLat` in WGS 84 degrees, as OGC API and most map clients send it. */
export function parseBbox(value: string | undefined, name = 'bbox'): Bbox | undefined {
  if (value === undefined) return undefined
  const fail = (reason: string) => Problem.invalid([{ name, reason }])
  const parts = value.split(',')
  if (parts.length !== 4) throw fail('expected four numbers: minLon,minLat,maxLon,maxLat')
  const numbers = parts.map((p) => (p.trim() === '' ? Number.NaN : Number(p)))
  if (numbers.some((n) => !Number.isFinite(n))) throw fail('every value must be a finite number')
  const [minLon, minLat, maxLon, maxLat] = numbers as [number, number, number, number]
  if (minLon < -180 || maxLon > 180) throw fail('longitudes must lie between -180 and 180')
  if (minLat < -90 || maxLat > 90) throw fail('latitudes must lie between -90 and 90')
  if (minLon > maxLon)
    throw fail('minLon is greater than maxLon (boxes across the antimeridian are not supported)')
  if (minLat > maxLat) throw fail('minLat is greater than maxLat')
  return [minLon, minLat, maxLon, maxLat]
}

/** The query of a request as single values; an unknown or repeated parameter is a 400, not ignored. */
export function queryParams<K extends string>(
  url: string,
  allowed: readonly K[],
): Partial<Record<K, string>> {
  const params = new URL(url).searchParams
  const out: Partial<Record<K, string>> = {}
  for (const name of new Set(params.keys())) {
    if (!(allowed as readonly string[]).includes(name)) {
      const known = allowed.length
        ? `known parameters: ${allowed.join(', ')}`
        : 'this endpoint takes no parameters'
      throw Problem.invalid([{ name, reason: `unknown parameter (${known})` }])
    }
    const values = params.getAll(name)
    if (values.length > 1) throw Problem.invalid([{ name, reason: 'given more than once' }])
    out[name as K] = values[0]
  }
  return out
}
