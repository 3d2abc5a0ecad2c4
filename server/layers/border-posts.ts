// The border-posts layer: its feature schema, its SQL and its route.
import { createRoute, z } from '@hono/zod-openapi'
import { type SQL, sql } from 'drizzle-orm'
import type { Database } from '../../db/client.ts'
import { locationPrecision } from '../../db/schema.ts'
import { POST_KINDS } from '../../db/vocabulary.ts'
import { respondWithCollection } from '../http/export.ts'
import { apiApp, SIGNED_IN } from '../http/openapi.ts'
import { type LayerOptions, MAX_FEATURES } from '../http/paging.ts'
import type { Bbox } from '../http/params.ts'
import { layerQuery } from '../http/query.ts'
import { type DatasetColumns, datasetColumns, datasetSchema, toDataset } from './dataset.ts'
import { inBbox, whereAll } from './filters.ts'
import { featureCollection, featureCollectionResponses, pointSchema } from './responses.ts'

export const borderPostProperties = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(POST_KINDS),
  countries: z
    .tuple([z.string(), z.string()])
    .openapi({ description: 'where the post stands, then the country it joins (ISO 3166-1 alpha-2)' }),
  operator: z.string().nullable(),
  locationPrecision: z
    .enum(locationPrecision.enumValues)
    .openapi({ description: '`town` when only the nearest town is known, not the post itself' }),
  source: z
    .string()
    .openapi({ description: 'citation of this record, e.g. the page its coordinates come from' }),
  sourceUrl: z.string().nullable(),
  dataset: datasetSchema,
})
export type BorderPostProperties = z.infer<typeof borderPostProperties>

export const borderPostCollection = featureCollection('BorderPost', {
  geometry: pointSchema,
  id: z.string(),
  properties: borderPostProperties,
})
export type BorderPostFeatureCollection = z.infer<typeof borderPostCollection>
export type BorderPostFeature = BorderPostFeatureCollection['features'][number]

type Row = Omit<BorderPostProperties, 'countries' | 'dataset'> &
  DatasetColumns & { country: string; counterpart: string; geometry: BorderPostFeature['geometry'] }

export function borderPostsQuery(bbox?: Bbox): SQL {
  return sql`
    SELECT p.id, p.name, p.kind, p.country, p.counterpart, p.operator,
           p.location_precision AS "locationPrecision", p.source_ref AS source, p.source_url AS "sourceUrl",
           ${datasetColumns(sql`s`)}, ST_AsGeoJSON(p.location, 6)::json AS geometry
    FROM border_posts p JOIN sources s ON s.id = p.source_id
    ${whereAll(bbox ? [inBbox(sql`p.location`, bbox)] : [])}
    ORDER BY p.id`
}

async function listBorderPosts(
  database: Database,
  bbox: Bbox | undefined,
  max: number,
): Promise<BorderPostFeatureCollection> {
  const rows = await database.rows<Row>(sql`${borderPostsQuery(bbox)} LIMIT ${max + 1}::int`)
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      id: r.id,
      geometry: r.geometry,
      properties: {
        id: r.id,
        name: r.name,
        kind: r.kind,
        countries: [r.country, r.counterpart],
        operator: r.operator,
        locationPrecision: r.locationPrecision,
        source: r.source,
        sourceUrl: r.sourceUrl,
        dataset: toDataset(r),
      },
    })),
  }
}

const route = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listBorderPosts',
  summary: 'Border posts, ports and airports of the route',
  tags: ['layers'],
  security: SIGNED_IN,
  request: { query: layerQuery({}) },
  responses: featureCollectionResponses(borderPostCollection, 'the posts inside bbox (all without it)'),
})

export function borderPostsRoutes(database: Database, { maxFeatures = MAX_FEATURES }: LayerOptions = {}) {
  return apiApp().openapi(route, async (c) => {
    const { bbox, format = 'geojson' } = c.req.valid('query')
    const posts = await listBorderPosts(database, bbox, maxFeatures)
    return respondWithCollection(c, posts, 'border-posts', format, maxFeatures)
  })
}
