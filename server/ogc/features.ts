// The queries behind /ogc: pages of features, one feature, and a collection's extent.
import { type SQL, sql } from 'drizzle-orm'
import type { Database } from '../../db/client.ts'
import type { Bbox } from '../http/params.ts'
import { inBbox, whereAll } from '../layers/filters.ts'
import type { Interval, OgcCollection } from './collections.ts'
import type { OgcExtent, OgcFeature } from './schemas.ts'

export interface ItemsQuery {
  bbox?: Bbox | undefined
  datetime?: Interval | undefined
  limit: number
  offset: number
}

type Row = Pick<OgcFeature, 'id' | 'geometry' | 'properties'>

/** A feature's id, geometry and properties, as a Row. */
const columns = (collection: OgcCollection) =>
  sql`t.id::text AS id, ST_AsGeoJSON(${collection.geometry}, 6)::json AS geometry,
      ${collection.properties} AS properties`

/** `instant` in UTC, to the second, as ISO 8601. */
const isoSeconds = (instant: SQL) => sql`to_char(${instant} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`

function filters(collection: OgcCollection, query: Pick<ItemsQuery, 'bbox' | 'datetime'>): SQL {
  const where: SQL[] = []
  const { bbox, datetime } = query
  if (bbox) where.push(inBbox(collection.geometry, bbox))
  if (collection.temporal && datetime?.start)
    where.push(sql`${collection.temporal} >= ${datetime.start.toISOString()}::timestamptz`)
  if (collection.temporal && datetime?.end)
    where.push(sql`${collection.temporal} <= ${datetime.end.toISOString()}::timestamptz`)
  return whereAll(where)
}

export async function pageOfFeatures(database: Database, collection: OgcCollection, query: ItemsQuery) {
  const from = collection.from(query.datetime ?? {}, query.bbox)
  const where = filters(collection, query)
  const [counted] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${from} ${where}`)
  const rows = await database.rows<Row>(sql`
    SELECT ${columns(collection)}
    FROM ${from} ${where}
    ORDER BY 1
    LIMIT ${query.limit}::int OFFSET ${query.offset}::int`)
  return { matched: counted?.n ?? 0, features: rows.map(toFeature) }
}

export async function oneFeature(database: Database, collection: OgcCollection, id: string) {
  const [row] = await database.rows<Row>(sql`
    SELECT ${columns(collection)}
    FROM ${collection.from({})} WHERE t.id::text = ${id}`)
  return row ? toFeature(row) : null
}

export async function extentOf(
  database: Database,
  collection: OgcCollection,
): Promise<OgcExtent | undefined> {
  const [row] = await database.rows<{
    minx: number | null
    miny: number | null
    maxx: number | null
    maxy: number | null
    first: string | null
    last: string | null
  }>(sql`
    SELECT ST_XMin(e) AS minx, ST_YMin(e) AS miny, ST_XMax(e) AS maxx, ST_YMax(e) AS maxy, first, last
    FROM (SELECT ST_Extent(${collection.geometry})::geometry AS e,
                 ${collection.temporal ? isoSeconds(sql`min(${collection.temporal})`) : sql`NULL::text`} AS first,
                 ${collection.temporal ? isoSeconds(sql`max(${collection.temporal})`) : sql`NULL::text`} AS last
          FROM ${collection.from({})}) x`)
  if (!row) return undefined
  const { minx, miny, maxx, maxy } = row
  // An empty collection has no extent: ST_Extent gives NULL, and so do all four.
  if (minx === null || miny === null || maxx === null || maxy === null) return undefined
  return {
    spatial: { bbox: [[minx, miny, maxx, maxy]], crs: 'http://www.opengis.net/def/crs/OGC/1.3/CRS84' },
    ...(collection.temporal ? { temporal: { interval: [[row.first, row.last]] } } : {}),
  }
}

function toFeature(row: Row): OgcFeature {
  return { type: 'Feature', id: row.id, geometry: row.geometry, properties: row.properties }
}
