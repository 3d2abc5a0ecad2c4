// Zod schemas for the query parameters the layers share. The same schemas validate each request and
// describe it in /api/openapi.json; a failure leaves as a 400 problem naming the parameter (openapi.ts).
import { z } from '@hono/zod-openapi'
import { FORMATS } from './export.ts'
import { type Bbox, parseBbox } from './params.ts'
import { Problem } from './problem.ts'

/** Turns a throwing parser of one parameter into a schema whose issues carry the parser's reason. */
function parsed<T>(parse: (value: string) => T) {
  return z.string().transform((value, ctx): T => {
    try {
      return parse(value)
    } catch (error) {
      const reason =
        error instanceof Problem
          ? (error.invalidParams[0]?.reason ?? error.message)
          : error instanceof Error
            ? error.message
            : String(error)
      ctx.addIssue({ code: 'custom', message: reason })
      return z.NEVER
    }
  })
}

export const bbox = parsed((v): Bbox => parseBbox(v) as Bbox).openapi({
  description: 'minLon,minLat,maxLon,maxLat in WGS 84 degrees',
  example: '5,18,7,20',
})

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2}))?$/

/** An ISO 8601 date (UTC midnight) or date-time with an offset. */
export function parseInstant(value: string): Date {
  if (!ISO_INSTANT.test(value))
    throw new Error(
      'expected an ISO 8601 date or date-time with an offset, e.g. 2026-11-01 or 2026-11-01T06:00Z',
    )
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value)
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== toUtcDate(value, date))
    throw new Error('not a real date')
  return date
}

/** The calendar date the value names, in UTC, to catch 2026-02-30 (which Date rolls over). */
function toUtcDate(value: string, date: Date): string {
  return value.length === 10 || value.endsWith('Z') ? value.slice(0, 10) : date.toISOString().slice(0, 10)
}

const instant = (description: string) => parsed(parseInstant).openapi({ description, example: '2026-11-01' })

export const from = instant('start of the time window (inclusive), ISO 8601')
export const to = instant('end of the time window (exclusive), ISO 8601')
const format = z
  .enum(FORMATS)
  .optional()
  .openapi({ description: 'geojson (default) or csv (properties flattened, geometry as WKT)' })

/** A comma-separated list of values from `allowed`, e.g. `type=shipwreck,trafficking`. */
export function listOf<const T extends readonly [string, ...string[]]>(allowed: T, description: string) {
  return parsed((value) => {
    const items = value.split(',').map((s) => s.trim())
    const unknown = items.filter((i) => !(allowed as readonly string[]).includes(i))
    if (unknown.length)
      throw new Error(`unknown value ${unknown.join(', ')} (expected ${allowed.join(', ')})`)
    return [...new Set(items)] as T[number][]
  }).openapi({ description: `${description}; comma-separated: ${allowed.join(', ')}` })
}

/** Record ids, comma-separated, at most `max` of them. */
export function idList(max: number) {
  return parsed((value) => {
    const items = value.split(',').map((s) => s.trim())
    const bad = items.filter((i) => !/^[1-9]\d{0,14}$/.test(i))
    if (bad.length) throw new Error(`expected ids (whole numbers from 1), not ${bad.join(', ')}`)
    const ids = [...new Set(items.map(Number))]
    if (ids.length > max) throw new Error(`at most ${max} ids`)
    return ids
  }).openapi({ description: `record ids, comma-separated, at most ${max}` })
}

/** ISO 3166-1 alpha-2 country codes, comma-separated. */
export const countries = parsed((value) => {
  const items = value.split(',').map((s) => s.trim().toUpperCase())
  const bad = items.filter((i) => !/^[A-Z]{2}$/.test(i))
  if (bad.length) throw new Error(`expected ISO 3166-1 alpha-2 codes, e.g. NE,LY (not ${bad.join(', ')})`)
  return [...new Set(items)]
}).openapi({ description: 'ISO 3166-1 alpha-2 country codes, comma-separated', example: 'NE,LY' })

/**
 * The query of a layer: bbox, format and the given parameters, nothing else (an unknown parameter is a
 * 400, not ignored: a typo must not silently widen a filter). With `window`, also from/to, from ≤ to.
 */
export function layerQuery<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject({ bbox: bbox.optional(), format, ...shape })
}

export function windowQuery<S extends z.ZodRawShape>(shape: S) {
  return windowed({ bbox: bbox.optional(), format, ...shape })
}

/** The given parameters and from/to, nothing else, with from before to (the tiles' query). */
export function windowed<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject({ from: from.optional(), to: to.optional(), ...shape }).superRefine((q, ctx) => {
    const { from: start, to: end } = q as { from?: Date; to?: Date }
    if (start && end && start >= end)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' })
  })
}
