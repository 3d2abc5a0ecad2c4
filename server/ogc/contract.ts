// The contract of /ogc: each route's path, its query (bbox, datetime, limit and offset) and its response
// schema. The handlers are in routes.ts.
import { createRoute, z } from '@hono/zod-openapi'
import { problems, SIGNED_IN } from '../http/openapi.ts'
import { bbox, parseInstant } from '../http/query.ts'
import { type Interval, ogcCollections } from './collections.ts'
import {
  collectionSchema,
  collectionsSchema,
  conformanceSchema,
  featureCollectionSchema,
  featureSchema,
  GEOJSON,
  landingPageSchema,
} from './schemas.ts'

/** @default 100 features a page; at most 10,000. */
const DEFAULT_LIMIT = 100
const MAX_LIMIT = 10_000
/** The largest OFFSET PostgreSQL's int takes. */
const MAX_OFFSET = 2 ** 31 - 1

const f = z.enum(['json']).optional().openapi({ description: 'json (the only encoding)' })

/** `datetime`: an instant, or an interval `start/end` where either end may be `..` (open). */
export function parseDatetime(value: string): Interval {
  const parts = value.split('/')
  if (parts.length > 2) throw new Error('expected an instant or an interval start/end')
  const read = (part: string) => (part === '..' || part === '' ? undefined : parseInstant(part))
  if (parts.length === 1) {
    const instant = parseInstant(value)
    return { start: instant, end: instant }
  }
  const [start, end] = [read(parts[0] ?? ''), read(parts[1] ?? '')]
  if (!start && !end) throw new Error('an interval needs at least one end')
  if (start && end && start > end) throw new Error('the interval ends before it starts')
  return { start, end }
}

const datetime = z
  .string()
  .transform((value, ctx) => {
    try {
      return parseDatetime(value)
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message })
      return z.NEVER
    }
  })
  .openapi({ description: 'an ISO 8601 instant, or an interval: 2024-01-01/2024-12-31, 2024-01-01/..' })

const collectionId = z.string().openapi({
  param: { name: 'collectionId', in: 'path' },
  enum: ogcCollections.map((c) => c.id),
  description: 'a collection id; another is a 404',
  example: 'incidents',
})
const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})
const geojson = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { [GEOJSON]: { schema } },
})

// Every /ogc route: a viewer or above, signed in with either scheme (server/app.ts).
const ogcRoute = { tags: ['ogc'], security: SIGNED_IN }

export const landingPage = createRoute({
  ...ogcRoute,
  method: 'get',
  path: '/',
  operationId: 'getOgcLandingPage',
  summary: 'OGC API landing page',
  request: { query: z.strictObject({ f }) },
  responses: {
    200: json(landingPageSchema, 'links to the API description, conformance and collections'),
    ...problems(401, 403),
  },
})

export const conformance = createRoute({
  ...ogcRoute,
  method: 'get',
  path: '/conformance',
  operationId: 'getOgcConformance',
  summary: 'Conformance classes',
  request: { query: z.strictObject({ f }) },
  responses: {
    200: json(conformanceSchema, 'the conformance classes implemented'),
    ...problems(401, 403),
  },
})

export const collections = createRoute({
  ...ogcRoute,
  method: 'get',
  path: '/collections',
  operationId: 'listOgcCollections',
  summary: 'Feature collections',
  request: { query: z.strictObject({ f }) },
  responses: {
    200: json(collectionsSchema, 'every collection with its extent'),
    ...problems(401, 403),
  },
})

export const collection = createRoute({
  ...ogcRoute,
  method: 'get',
  path: '/collections/{collectionId}',
  operationId: 'getOgcCollection',
  summary: 'One collection',
  request: { params: z.object({ collectionId }), query: z.strictObject({ f }) },
  responses: { 200: json(collectionSchema, 'the collection'), ...problems(401, 403, 404) },
})

export const items = createRoute({
  ...ogcRoute,
  method: 'get',
  path: '/collections/{collectionId}/items',
  operationId: 'listOgcFeatures',
  summary: 'A page of features',
  request: {
    params: z.object({ collectionId }),
    query: z.strictObject({
      bbox: bbox.optional(),
      datetime: datetime.optional(),
      limit: z.coerce
        .number()
        .int('a whole number')
        .min(1, 'at least 1')
        .max(MAX_LIMIT, `at most ${MAX_LIMIT}`)
        .default(DEFAULT_LIMIT),
      offset: z.coerce
        .number()
        .int('a whole number')
        .min(0, 'at least 0')
        .max(MAX_OFFSET, `at most ${MAX_OFFSET}`)
        .default(0),
      f,
    }),
  },
  responses: {
    200: geojson(
      featureCollectionSchema,
      'a FeatureCollection with numberMatched, numberReturned and next/prev links',
    ),
    ...problems(401, 403, 404),
  },
})

export const item = createRoute({
  ...ogcRoute,
  method: 'get',
  path: '/collections/{collectionId}/items/{featureId}',
  operationId: 'getOgcFeature',
  summary: 'One feature',
  request: {
    params: z.object({
      collectionId,
      featureId: z.string().openapi({ param: { name: 'featureId', in: 'path' } }),
    }),
    query: z.strictObject({ f }),
  },
  responses: { 200: geojson(featureSchema, 'the feature'), ...problems(401, 403, 404) },
})
