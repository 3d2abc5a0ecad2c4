// OGC API – Features, Part 1 (core, GeoJSON) at /ogc, so QGIS, ArcGIS and GDAL read the layers as
// they are: landing page, conformance, collections, pages of items with next links, single items.
import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { Database } from '../../db/client.ts'
import { apiApp, problemSchema } from '../http/openapi.ts'
import { Problem } from '../http/problem.ts'
import { bbox, parseInstant } from '../http/query.ts'
import { collectionsById, type Interval, type OgcCollection, ogcCollections } from './collections.ts'
import { extentOf, oneFeature, pageOfFeatures } from './features.ts'

const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
]

/** @default 100 features a page; at most 10,000. */
export const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 10_000

const GEOJSON = 'application/geo+json'
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

const collectionId = z.string().openapi({ param: { name: 'collectionId', in: 'path' }, example: 'incidents' })
const notFound = {
  description: 'no such collection or feature',
  content: { 'application/problem+json': { schema: problemSchema } },
}
const badRequest = {
  description: 'an invalid parameter',
  content: { 'application/problem+json': { schema: problemSchema } },
}
const json = (description: string) => ({
  description,
  content: { 'application/json': { schema: z.object({}).passthrough() } },
})
const geojson = (description: string) => ({
  description,
  content: { [GEOJSON]: { schema: z.object({}).passthrough() } },
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
    itemType: 'feature',
    crs: ['http://www.opengis.net/def/crs/OGC/1.3/CRS84'],
    extent: await extentOf(database, collection),
    links: [
      { href, rel: 'self', type: 'application/json', title: collection.title },
      { href: `${href}/items`, rel: 'items', type: GEOJSON, title: `${collection.title} (GeoJSON)` },
    ],
  }
}

export function ogcRoutes(database: Database) {
  const app = apiApp()

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['ogc'],
      summary: 'OGC API landing page',
      request: { query: z.strictObject({ f }) },
      responses: { 200: json('links to the API description, conformance and collections') },
    }),
    (c) => {
      const root = base(c)
      const origin = new URL(c.req.url).origin
      return c.json({
        title: 'Crosswatch',
        description: 'Layers of the central Mediterranean route as OGC API – Features collections.',
        links: [
          { href: root, rel: 'self', type: 'application/json', title: 'this document' },
          {
            href: `${origin}/api/openapi.json`,
            rel: 'service-desc',
            type: 'application/vnd.oai.openapi+json;version=3.0',
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
      })
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/conformance',
      tags: ['ogc'],
      summary: 'Conformance classes',
      request: { query: z.strictObject({ f }) },
      responses: { 200: json('the conformance classes implemented') },
    }),
    (c) => c.json({ conformsTo: CONFORMANCE }),
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/collections',
      tags: ['ogc'],
      summary: 'Feature collections',
      request: { query: z.strictObject({ f }) },
      responses: { 200: json('every collection with its extent') },
    }),
    async (c) => {
      const collections = []
      for (const collection of ogcCollections)
        collections.push(await describeCollection(database, c, collection))
      return c.json({
        links: [
          { href: `${base(c)}/collections`, rel: 'self', type: 'application/json', title: 'collections' },
        ],
        collections,
      })
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/collections/{collectionId}',
      tags: ['ogc'],
      summary: 'One collection',
      request: { params: z.object({ collectionId }), query: z.strictObject({ f }) },
      responses: { 200: json('the collection'), 404: notFound },
    }),
    async (c) =>
      c.json(
        await describeCollection(database, c, findCollection(c.req.valid('param').collectionId)),
      ) as never,
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/collections/{collectionId}/items',
      tags: ['ogc'],
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
          offset: z.coerce.number().int('a whole number').min(0, 'at least 0').default(0),
          f,
        }),
      },
      responses: {
        200: geojson('a FeatureCollection with numberMatched, numberReturned and next/prev links'),
        400: badRequest,
        404: notFound,
      },
    }),
    async (c) => {
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
      const links = [
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
      return c.body(
        JSON.stringify({
          type: 'FeatureCollection',
          features,
          numberMatched: matched,
          numberReturned: features.length,
          timeStamp: new Date().toISOString(),
          links,
        }),
        200,
        { 'content-type': GEOJSON },
      ) as never
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/collections/{collectionId}/items/{featureId}',
      tags: ['ogc'],
      summary: 'One feature',
      request: {
        params: z.object({
          collectionId,
          featureId: z.string().openapi({ param: { name: 'featureId', in: 'path' } }),
        }),
        query: z.strictObject({ f }),
      },
      responses: { 200: geojson('the feature'), 404: notFound },
    }),
    async (c) => {
      const { collectionId: id, featureId } = c.req.valid('param')
      const collection = findCollection(id)
      const feature = await oneFeature(database, collection, featureId)
      if (!feature) throw new Problem(404, 'Not found', `no feature ${featureId} in ${id}`)
      const href = `${base(c)}/collections/${id}`
      return c.body(
        JSON.stringify({
          ...feature,
          links: [
            { href: `${href}/items/${encodeURIComponent(featureId)}`, rel: 'self', type: GEOJSON },
            { href, rel: 'collection', type: 'application/json' },
          ],
        }),
        200,
        { 'content-type': GEOJSON },
      ) as never
    },
  )
  return app
}
