// OGC API – Features, Part 1 (core, GeoJSON) at /ogc, so QGIS, ArcGIS and GDAL read the layers as
// they are: landing page, conformance, collections, pages of items with next links, single items. The
// routes' schemas are in contract.ts.
import type { Context } from 'hono'
import type { Database } from '../../db/client.ts'
import { apiApp } from '../http/openapi.ts'
import { Problem } from '../http/problem.ts'
import { collectionsById, type OgcCollection, ogcCollections } from './collections.ts'
import { collection, collections, conformance, item, items, landingPage } from './contract.ts'
import { extentOf, oneFeature, pageOfFeatures } from './features.ts'
import { GEOJSON, type Link } from './schemas.ts'

/**
 * Core and GeoJSON only. The OpenAPI 3.0 class (conf/oas30) is not claimed: the API description is
 * OpenAPI 3.1, for which Part 1 defines no class.
 */
const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
]
/** The media type of the API description as served: an OpenAPI 3.1 document in JSON. */
const OPENAPI_MEDIA_TYPE = 'application/vnd.oai.openapi+json;version=3.1'

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
