// PostGIS geometry columns in WGS 84. drizzle's built-in geometry() drops the SRID and knows only
// points, so columns are declared here: GeoJSON in, and read back with ST_AsGeoJSON in SQL.

import { sql } from 'drizzle-orm'
import { customType } from 'drizzle-orm/pg-core'
import type { Geometry, LineString, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson'

const SRID = 4326

type Kinds = {
  Point: Point
  LineString: LineString
  MultiLineString: MultiLineString
  Polygon: Polygon
  MultiPolygon: MultiPolygon
  Geometry: Geometry
}

/** A `geometry(<kind>, 4326)` column that takes GeoJSON on insert. */
export function geometry<K extends keyof Kinds>(name: string, kind: K) {
  return customType<{ data: Kinds[K]; driverData: string }>({
    dataType: () => `geometry(${kind},${SRID})`,
    toDriver: (value) => sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(value)}), ${SRID})`,
    fromDriver: () => {
      throw new Error(`read ${name} with ST_AsGeoJSON in SQL, not as a raw column`)
    },
  })(name)
}
