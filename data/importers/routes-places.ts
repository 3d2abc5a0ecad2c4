// Where a route's points and lines fall, by spatial queries on the database: the country under a point,
// the flow point or border post in the same town, and how much of a line runs over land.
import { sql } from 'drizzle-orm'
import { arrayLiteral } from '../../db/arrays.ts'
import type { Tx } from '../../db/client.ts'
import { txRows } from '../../db/rows.ts'
import { ROUTE_COUNTRIES } from './country-codes.ts'

/** A hub within this many metres of a flow point or border post is the same town. */
export const SAME_TOWN_METRES = 10_000
/** A box search (on the GiST index) wide enough for SAME_TOWN_METRES up to 60° of latitude, before the exact test. */
const SEARCH_DEGREES = 0.2
/** A point off every country shape (a small island the world map leaves out) takes the nearest one this close (~25 km). */
const NEAR_COUNTRY_DEGREES = 0.25

const routeCountries = arrayLiteral(ROUTE_COUNTRIES)

/** Each point's country: the country shape that covers it, else the nearest within NEAR_COUNTRY_DEGREES. */
export async function countriesOf(
  tx: Tx,
  points: { lon: number; lat: number }[],
): Promise<(string | null)[]> {
  const found = await txRows<{ i: number; iso2: string | null }>(
    tx,
    sql`
    WITH p AS (
      SELECT i, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS g
      FROM jsonb_to_recordset(${JSON.stringify(points.map((p, i) => ({ i, ...p })))}::jsonb) AS r(i int, lon float8, lat float8))
    SELECT p.i::int AS i, coalesce(
      (SELECT c.iso2 FROM countries c WHERE ST_Covers(c.geometry, p.g) ORDER BY c.iso2 IS NULL LIMIT 1),
      (SELECT c.iso2 FROM countries c WHERE ST_DWithin(c.geometry, p.g, ${NEAR_COUNTRY_DEGREES})
        ORDER BY ST_Distance(c.geometry, p.g) LIMIT 1)) AS iso2
    FROM p ORDER BY p.i`,
  )
  return found.map((f) => f.iso2)
}

/** The flow point or border post at most SAME_TOWN_METRES from each point (flow points first). */
export async function sitesNear(
  tx: Tx,
  points: { lon: number; lat: number }[],
): Promise<{ flowPointId: string | null; postId: string | null }[]> {
  const found = await txRows<{ i: number; flow_point_id: string | null; post_id: string | null }>(
    tx,
    sql`
    WITH p AS (
      SELECT i, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS g
      FROM jsonb_to_recordset(${JSON.stringify(points.map((p, i) => ({ i, ...p })))}::jsonb) AS r(i int, lon float8, lat float8))
    SELECT p.i::int AS i,
      (SELECT f.id FROM flow_points f
        WHERE ST_DWithin(f.location, p.g, ${SEARCH_DEGREES})
          AND ST_DWithin(f.location::geography, p.g::geography, ${SAME_TOWN_METRES})
        ORDER BY ST_Distance(f.location::geography, p.g::geography) LIMIT 1) AS flow_point_id,
      (SELECT b.id FROM border_posts b
        WHERE ST_DWithin(b.location, p.g, ${SEARCH_DEGREES})
          AND ST_DWithin(b.location::geography, p.g::geography, ${SAME_TOWN_METRES})
        ORDER BY ST_Distance(b.location::geography, p.g::geography) LIMIT 1) AS post_id
    FROM p ORDER BY p.i`,
  )
  return found.map((f) =>
    f.flow_point_id
      ? { flowPointId: f.flow_point_id, postId: null }
      : { flowPointId: null, postId: f.post_id },
  )
}

/** For each line: the share of 51 points along it on any country shape, and whether any is in (or within ~25 km of) a route country. */
export async function landShares(
  tx: Tx,
  lines: [number, number][][],
): Promise<{ land: number; onRoute: boolean }[]> {
  if (!lines.length) return []
  const input = lines.map((coordinates, i) => ({ i, g: JSON.stringify({ type: 'LineString', coordinates }) }))
  const found = await txRows<{ i: number; land: number; on_route: boolean }>(
    tx,
    sql`
    WITH l AS (
      SELECT r.i, ST_SetSRID(ST_GeomFromGeoJSON(r.g), 4326) AS g
      FROM jsonb_to_recordset(${JSON.stringify(input)}::jsonb) AS r(i int, g text)),
    s AS (
      SELECT l.i, ST_LineInterpolatePoint(l.g, k / 50.0) AS p FROM l, generate_series(0, 50) AS k),
    r AS (
      SELECT s.i, bool_or(EXISTS (SELECT 1 FROM countries c WHERE c.iso2 = ANY(${routeCountries}::text[])
        AND ST_Intersects(c.geometry, ST_Expand(s.p, ${NEAR_COUNTRY_DEGREES})))) AS on_route
      FROM s GROUP BY s.i)
    -- The land share only for lines on the route: points in large far countries are slow to test.
    SELECT r.i::int AS i, r.on_route, CASE WHEN r.on_route THEN (
      SELECT avg(CASE WHEN EXISTS (SELECT 1 FROM countries c WHERE ST_Covers(c.geometry, s.p)) THEN 1 ELSE 0 END)
      FROM s WHERE s.i = r.i) END::float8 AS land
    FROM r ORDER BY r.i`,
  )
  return found.map((f) => ({ land: Number(f.land), onRoute: f.on_route === true }))
}
