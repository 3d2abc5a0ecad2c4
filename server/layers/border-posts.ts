// The border-posts layer: its query parameters, its SQL and its routes.
import { createRoute } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import type { FeatureCollection, Point } from 'geojson'
import type { Database } from '../../db/client.ts'
import { respondWithCollection } from '../http/export.ts'
import { apiApp } from '../http/openapi.ts'
import type { Bbox } from '../http/params.ts'
import { layerQuery } from '../http/query.ts'
import { inBbox, whereAll } from './filters.ts'
import { featureCollectionResponses } from './responses.ts'

export interface BorderPostProperties {
  id: string
  name: string
  kind: 'land' | 'sea' | 'air'
  /** Where the post stands, then the country it joins (ISO 3166-1 alpha-2). */
  countries: [string, string]
  operator: string | null
  locationPrecision: 'site' | 'town'
  /** Citation of this record, e.g. the page its coordinates come from. */
  source: string
  sourceUrl: string | null
  /** The dataset the record belongs to, and its licence. */
  dataset: { id: string; name: string; licence: string; modelled: boolean }
}

type Row = Omit<BorderPostProperties, 'countries' | 'dataset'> & {
  country: string
  counterpart: string
  datasetId: string
  datasetName: string
  licence: string
  modelled: boolean
  geometry: Point
}

export async function listBorderPosts(database: Database, bbox?: Bbox) {
  const inBox = whereAll(bbox ? [inBbox(sql`p.location`, bbox)] : [])
  const rows = await database.rows<Row>(sql`
    SELECT p.id, p.name, p.kind, p.country, p.counterpart, p.operator,
           p.location_precision AS "locationPrecision", p.source_ref AS source, p.source_url AS "sourceUrl",
           s.id AS "datasetId", s.name AS "datasetName", s.licence, s.modelled,
           ST_AsGeoJSON(p.location, 6)::json AS geometry
    FROM border_posts p JOIN sources s ON s.id = p.source_id
    ${inBox}
    ORDER BY p.id`)
  return toFeatureCollection(rows)
}

function toFeatureCollection(rows: Row[]): FeatureCollection<Point, BorderPostProperties> {
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
        dataset: { id: r.datasetId, name: r.datasetName, licence: r.licence, modelled: r.modelled },
      },
    })),
  }
}

const route = createRoute({
  method: 'get',
  path: '/',
  summary: 'Border posts, ports and airports of the route',
  tags: ['layers'],
  request: { query: layerQuery({}) },
  responses: featureCollectionResponses('the posts inside bbox (all without it)'),
})

export function borderPostsRoutes(database: Database) {
  return apiApp().openapi(route, async (c) => {
    const { bbox, format = 'geojson' } = c.req.valid('query')
    const collection = await listBorderPosts(database, bbox)
    return respondWithCollection(c, collection, 'border-posts', format) as never
  })
}
