// How big a layer's answer may be, and the parameters and links that page through a larger one: a cap
// on features per answer, `limit` up to it, and keyset pages (`after`, from the previous page's next link).
import { z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { Problem } from './problem.ts'

/** The most features one GeoJSON or CSV answer holds (docs/api.md#paging-and-caps). @default 10,000 */
export const MAX_FEATURES = 10_000

/** What the layers' route builders take beside the database; tests lower the cap. */
export interface LayerOptions {
  /** @default MAX_FEATURES */
  maxFeatures?: number
}

export const limitParam = z.coerce
  .number()
  .int('a whole number')
  .min(1, 'at least 1')
  .max(MAX_FEATURES, `at most ${MAX_FEATURES}: follow the next link for more`)
  .optional()
  .openapi({
    type: 'integer',
    description: `features in this page, at most ${MAX_FEATURES} (the default); the next link gives the rest`,
  })

/** A position in a layer's order: the sort value of the last feature of a page, then its id. */
export interface Keyset {
  at: string
  id: number
}

const AFTER = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z),(\d{1,15})$/

export const afterParam = z
  .string()
  .regex(AFTER, 'expected the after= of a next link')
  .transform((value): Keyset => {
    const [, at, id] = AFTER.exec(value) as RegExpExecArray
    return { at: at as string, id: Number(id) }
  })
  .optional()
  .openapi({
    description: 'where this page starts: copy it from the previous page’s next link, never build it',
  })

const formatAfter = (key: Keyset) => `${key.at},${key.id}`

export const linkSchema = z
  .object({
    href: z.string(),
    rel: z.string().openapi({ description: '`self`, or `next` for the page after this one' }),
    type: z.string(),
  })
  .openapi('PageLink')
export type PageLink = z.infer<typeof linkSchema>

/** The request's URL with `after` set to `key`: the next page, the other parameters as they were. */
export function nextHref(c: Context, key: Keyset): string {
  const url = new URL(c.req.url)
  url.searchParams.set('after', formatAfter(key))
  return url.toString()
}

/** The 413 of a layer that does not page, when its answer would hold more than `max` features. */
export function tooManyFeatures(max: number): Problem {
  return new Problem(
    413,
    'Content too large',
    `the answer would hold more than ${max} features, the most this layer sends: narrow it with bbox, from/to or the layer's filters`,
  )
}
