// OGC API – Features, Part 1 (core, GeoJSON) at /ogc, so QGIS, ArcGIS and GDAL read the layers as
// they are: landing page, conformance, collections, pages of items with next links, single items.
import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { Database } from '../../db/client.ts'
import { apiApp, problems, SIGNED_IN } from '../http/openapi.ts'
import { Problem } from '../http/problem.ts'
import { bbox, parseInstant } from '../http/query.ts'
import { collectionsById, type Interval, type OgcCollection, ogcCollections } from './collections.ts'
import { extentOf, oneFeature, pageOfFeatures } from './features.ts'
import {
  collectionSchema,
  collectionsSchema,
  conformanceSchema,
  featureCollectionSchema,
  featureSchema,
  GEOJSON,
  type Link,
  landingPageSchema,
} from './schemas.ts'

/**
 * Core and GeoJSON only. The OpenAPI 3.0 class (conf/oas30) is not claimed: the API description is
 * OpenAPI 3.1, for which Part 1 defines no class.
 */
export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
]
/** The media type of the API description as served: an OpenAPI 3.1 document in JSON. */
export const OPENAPI_MEDIA_TYPE = 'application/vnd.oai.openapi+json;version=3.1'

/** @default 100 features a page; at most 10,000. */
export const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 10_000
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

function base(c: Context) {
  const url = new URL(c.req.url)
  return `${url.origin}/ogc`
}

function findCollection(id: string): OgcCollection {
  const collection = collectionsById.get(id)
  if (!collection)
    throw new Problem(
      404,
      'Not found',
      `no collection ${id}; collections: ${ogcCollections.map((c) => c.id).join(', ')}`,
    )
  return collection
}

async function describeCollection(database: Database, c: Context, collection: OgcCollection) {
  const href = `${base(c)}/collections/${collection.id}`
  return {
    id: collection.id,
    title: collection.title,
    description: collection.description,
    itemType: 'feature' as const,
    crs: ['http://www.opengis.net/def/crs/OGC/1.3/CRS84' as const],
    extent: await extentOf(database, collection),
    links: [
      { href, rel: 'self', type: 'application/json', title: collection.title },
      { href: `${href}/items`, rel: 'items', type: GEOJSON, title: `${collection.title} (GeoJSON)` },
    ],
  }
}

// Every /ogc route: a viewer or above, signed in with either scheme (server/app.ts).
const ogcRoute = { tags: ['ogc'], security: SIGNED_IN }

const landingPage = createRoute({
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

const conformance = createRoute({
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

const collections = createRoute({
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

const collection = createRoute({
  ...ogcRoute,
  method: 'get',
  path: '/collections/{collectionId}',
  operationId: 'getOgcCollection',
  summary: 'One collection',
  request: { params: z.object({ collectionId }), query: z.strictObject({ f }) },
  responses: { 200: json(collectionSchema, 'the collection'), ...problems(401, 403, 404) },
})

const items = createRoute({
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

const item = createRoute({
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

/** GeoJSON is JSON; c.json() would label it application/json. */
const asGeoJson = { 'Content-Type': GEOJSON }

export function ogcRoutes(database: Database) {
  return apiApp()
    .openapi(landingPage, (c) => {
      const root = base(c)
      const origin = new URL(c.req.url).origin
      return c.json(
        {
          title: 'Crosswatch',
          description: 'Layers of the central Mediterranean route as OGC API – Features collections.',
          links: [
            { href: root, rel: 'self', type: 'application/json', title: 'this document' },
            {
              href: `${origin}/api/openapi.json`,
              rel: 'service-desc',
              type: OPENAPI_MEDIA_TYPE,
              title: 'the API description',
            },
            {
              href: `${root}/conformance`,
              rel: 'conformance',
              type: 'application/json',
              title: 'conformance classes',
            },
            { href: `${root}/collections`, rel: 'data', type: 'application/json', title: 'collections' },
          ],
        },
        200,
      )
    })
    .openapi(conformance, (c) => c.json({ conformsTo: CONFORMANCE }, 200))
    .openapi(collections, async (c) => {
      const all = []
      for (const each of ogcCollections) all.push(await describeCollection(database, c, each))
      return c.json(
        {
          links: [
            { href: `${base(c)}/collections`, rel: 'self', type: 'application/json', title: 'collections' },
          ],
          collections: all,
        },
        200,
      )
    })
    .openapi(collection, async (c) =>
      c.json(await describeCollection(database, c, findCollection(c.req.valid('param').collectionId)), 200),
    )
    .openapi(items, async (c) => {
      const collection = findCollection(c.req.valid('param').collectionId)
      const query = c.req.valid('query')
      const { matched, features } = await pageOfFeatures(database, collection, query)
      const self = new URL(c.req.url)
      const page = (offset: number) => {
        const url = new URL(self)
        url.searchParams.set('offset', String(offset))
        url.searchParams.set('limit', String(query.limit))
        return url.toString()
      }
      const links: Link[] = [
        { href: self.toString(), rel: 'self', type: GEOJSON, title: 'this page' },
        {
          href: `${base(c)}/collections/${collection.id}`,
          rel: 'collection',
          type: 'application/json',
          title: collection.title,
        },
      ]
      if (query.offset + features.length < matched)
        links.push({ href: page(query.offset + query.limit), rel: 'next', type: GEOJSON, title: 'next page' })
      if (query.offset > 0)
        links.push({
          href: page(Math.max(0, query.offset - query.limit)),
          rel: 'prev',
          type: GEOJSON,
          title: 'previous page',
        })
      const body = {
        type: 'FeatureCollection' as const,
        features,
        numberMatched: matched,
        numberReturned: features.length,
        timeStamp: new Date().toISOString(),
        links,
      }
      return c.json(body, 200, asGeoJson)
    })
    .openapi(item, async (c) => {
      const { collectionId: id, featureId } = c.req.valid('param')
      const collection = findCollection(id)
      // PostgreSQL text holds no NUL: an id with one is no feature (and must not reach the query).
      const feature = featureId.includes('\0') ? null : await oneFeature(database, collection, featureId)
      if (!feature) throw new Problem(404, 'Not found', `no feature ${featureId} in ${id}`)
      const href = `${base(c)}/collections/${id}`
      const links = [
        { href: `${href}/items/${encodeURIComponent(featureId)}`, rel: 'self', type: GEOJSON },
        { href, rel: 'collection', type: 'application/json' },
      ]
      return c.json({ ...feature, links }, 200, asGeoJson)
    })
}
