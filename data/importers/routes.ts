// The `routes` importer: giocopp's hand-digitised migration routes (routes.json: ROUTE_LINES, HUBS, CITIES)
// → corridors with their hub stages, and hubs → flow points, reusing the flow point or border post that
// is already the same town. Countries come from the `countries` shapes (import the IOM world map first).
// The file is one JSON value of 16 KB: read whole; each record is named by its JSON path and line.
import type { Readable } from 'node:stream'
import { sql } from 'drizzle-orm'
import type { LineString } from 'geojson'
import { corridorStages, corridors, flowPoints, sources } from '../../db/schema.ts'
import { ROUTE_COUNTRIES } from './country-codes.ts'
import { featureLines, upsertRows } from './geojson.ts'
import { txRows } from './run.ts'
import { slug } from './topojson.ts'
import { type Importer, type LoadResult, type Parsed, RowErrors, type RowProblem, type Tx } from './types.ts'

/** A hub (HUBS) or an arrival point (CITIES). */
export interface RoutePoint {
  table: 'point'
  path: string
  name: string
  lon: number
  lat: number
}

/** One polyline of ROUTE_LINES, its positions turned to [lon, lat], and the hubs it passes through. */
export interface RouteLine {
  table: 'line'
  path: string
  index: number
  route: string
  major: boolean
  coordinates: [number, number][]
  stages: { name: string; lon: number; lat: number }[]
}

export type RouteRow = RoutePoint | RouteLine

export const ROUTES_SOURCE = {
  id: 'giocopp-routes',
  name: 'Migration routes, hand-digitised from IOM DTM’s Global Overview of Migration Routes (Giorgio Coppola)',
  publisher:
    'Giorgio Coppola (giocopp/Missing-Migrants-Count), after IOM Displacement Tracking Matrix route maps',
  licence: 'CC BY 4.0 (giocopp/Missing-Migrants-Count)',
  url: 'https://github.com/giocopp/Missing-Migrants-Count',
  retrievedAt: new Date('2026-06-08T00:00:00Z'),
  modelled: false,
  calibratedOn: null,
  citation: 'Routes: Giorgio Coppola, Missing-Migrants-Count (CC BY 4.0), traced from IOM DTM route maps',
  notes:
    'data/built/routes.json at commit 42be4fe374181b1b35a79347cb3b6ecea3707bc4. The lines are approximate: ' +
    'hand-digitised, positions rounded, some offset from their towns for drawing.',
}

/** A vertex within this many degrees of a hub (about 1 km) is that hub: the file reuses the hubs' positions. */
const SAME_PLACE_DEGREES = 0.01
/** A hub within this many metres of a flow point or border post is the same town. */
const SAME_TOWN_METRES = 10_000
/** A box search (on the GiST index) wide enough for SAME_TOWN_METRES up to 60° of latitude, before the exact test. */
const SEARCH_DEGREES = 0.2
/** A point off every country shape (a small island the world map leaves out) takes the nearest one this close (~25 km). */
const NEAR_COUNTRY_DEGREES = 0.25
/** Share of a line's sampled points on land from which it is `land`, and up to which it is `sea`. */
const LAND_SHARE = 0.95
const SEA_SHARE = 0.2

type Problem = { column: string; reason: string }

function latLng(value: unknown, column: string, problems: Problem[]): [number, number] | null {
  if (!Array.isArray(value) || value.length !== 2 || !value.every((v) => typeof v === 'number')) {
    problems.push({ column, reason: 'expected [latitude, longitude]' })
    return null
  }
  const [lat, lon] = value as [number, number]
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    problems.push({
      column,
      reason: `[${lat}, ${lon}]: latitude must be within ±90 and longitude within ±180`,
    })
    return null
  }
  return [lon, lat]
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Parses the whole file; pure. Hubs and cities come first, so that lines can name them as stages. */
export function parseRoutes(textIn: string): Parsed<RouteRow>[] {
  const body = textIn.charCodeAt(0) === 0xfeff ? textIn.slice(1) : textIn
  const fail = (column: string, reason: string): Parsed<RouteRow>[] => [
    { line: 1, errors: [{ line: 1, column, reason }] },
  ]
  let doc: unknown
  try {
    doc = JSON.parse(body)
  } catch (error) {
    return fail('row', `not valid JSON: ${(error as Error).message}`)
  }
  if (!isObject(doc)) return fail('row', 'expected an object with ROUTE_LINES, HUBS and CITIES')
  const missing = ['ROUTE_LINES', 'HUBS', 'CITIES'].filter((k) => !Array.isArray(doc[k]))
  if (missing.length) return fail(missing[0] as string, 'expected an array: not giocopp’s routes.json')

  const out: Parsed<RouteRow>[] = []
  const places: { name: string; lon: number; lat: number }[] = []
  const seen = new Map<string, string>()
  for (const member of ['HUBS', 'CITIES'] as const) {
    const lines = featureLines(body, member)
    for (const [i, item] of (doc[member] as unknown[]).entries()) {
      const path = `${member}[${i}]`
      const line = lines[i] ?? 1
      const problems: Problem[] = []
      const name = isObject(item) && typeof item.name === 'string' ? item.name.trim() : ''
      if (!name) problems.push({ column: `${path}.name`, reason: 'is empty' })
      const at = latLng(isObject(item) ? item.latlng : undefined, `${path}.latlng`, problems)
      const first = seen.get(slug(name))
      if (name && first)
        problems.push({ column: `${path}.name`, reason: `${name} again (first at ${first})` })
      if (problems.length || !at) {
        out.push({ line, errors: problems.map((p) => ({ line, ...p })) })
        continue
      }
      seen.set(slug(name), path)
      places.push({ name, lon: at[0], lat: at[1] })
      out.push({ line, row: { table: 'point', path, name, lon: at[0], lat: at[1] } })
    }
  }

  const lines = featureLines(body, 'ROUTE_LINES')
  for (const [index, item] of (doc.ROUTE_LINES as unknown[]).entries()) {
    const path = `ROUTE_LINES[${index}]`
    const line = lines[index] ?? 1
    const problems: Problem[] = []
    const route = isObject(item) && typeof item.route === 'string' ? item.route.trim() : ''
    if (!route) problems.push({ column: `${path}.route`, reason: 'is empty' })
    const coords = isObject(item) ? item.coords : undefined
    const coordinates: [number, number][] = []
    if (!Array.isArray(coords) || coords.length < 2) {
      problems.push({
        column: `${path}.coords`,
        reason: 'expected at least two [latitude, longitude] positions',
      })
    } else {
      for (const [j, c] of coords.entries()) {
        const at = latLng(c, `${path}.coords[${j}]`, problems)
        if (at) coordinates.push(at)
      }
    }
    if (problems.length) {
      out.push({ line, errors: problems.map((p) => ({ line, ...p })) })
      continue
    }
    const stages = coordinates.flatMap(([lon, lat]) =>
      places.filter(
        (p) => Math.abs(p.lon - lon) <= SAME_PLACE_DEGREES && Math.abs(p.lat - lat) <= SAME_PLACE_DEGREES,
      ),
    )
    const major = isObject(item) && item.major === true
    out.push({ line, row: { table: 'line', path, index, route, major, coordinates, stages } })
  }
  return out
}

const routeCountries = `{${ROUTE_COUNTRIES.join(',')}}`

/** Each point's country: the country shape that covers it, else the nearest within NEAR_COUNTRY_DEGREES. */
async function countriesOf(tx: Tx, points: { lon: number; lat: number }[]): Promise<(string | null)[]> {
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
async function sitesNear(
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

/** Refuses every row when there are no country shapes to place them with. */
async function needCountries(tx: Tx, rows: RouteRow[]) {
  const [known] = await txRows<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM countries WHERE iso2 IS NOT NULL`,
  )
  if (known && known.n > 0) return
  const reason =
    'no country shapes to place it in: import the IOM world map first (npm run import -- topojson iom_world_map.json)'
  throw new RowErrors(rows.map((_, index) => ({ index, column: 'row', reason })))
}

export async function loadRoutes(tx: Tx, rows: RouteRow[]): Promise<LoadResult> {
  const result: LoadResult = { inserted: 0, updated: 0, unchanged: 0 }
  if (!rows.length) return result
  await needCountries(tx, rows)
  const problems: RowProblem[] = []
  const isRoute = (c: string | null) => c !== null && (ROUTE_COUNTRIES as readonly string[]).includes(c)

  const points = rows.flatMap((row, index) => (row.table === 'point' ? [{ row, index }] : []))
  const pointCountries = await countriesOf(
    tx,
    points.map((p) => p.row),
  )
  const pointSites = await sitesNear(
    tx,
    points.map((p) => p.row),
  )
  const newPoints: (Record<string, unknown> & { id: string; index: number })[] = []
  for (const [k, { row, index }] of points.entries()) {
    const country = pointCountries[k] ?? null
    const site = pointSites[k]
    if (site?.flowPointId || site?.postId) {
      result.unchanged++ // the same town is there already
    } else if (!isRoute(country)) {
      const where = country ? `in ${country}` : 'in no country of the map'
      problems.push({
        index,
        column: `${row.path}.latlng`,
        reason: `${row.name} is ${where}: not a country of the route (${ROUTE_COUNTRIES.join(', ')})`,
      })
    } else {
      newPoints.push({
        index,
        id: `fp-${slug(row.name)}`,
        name: row.name,
        country,
        kind: 'hub',
        location: { type: 'Point', coordinates: [row.lon, row.lat] },
        locationPrecision: 'town',
        sourceId: ROUTES_SOURCE.id,
        sourceRef: `${row.path} (giocopp routes.json)`,
        sourceUrl: ROUTES_SOURCE.url,
        notes: `Transit ${row.path.startsWith('CITIES') ? 'or arrival point' : 'hub'} on giocopp’s route map (traced from IOM DTM); town coordinates as the file gives them.`,
      })
    }
  }

  const lines = rows.flatMap((row, index) => (row.table === 'line' ? [{ row, index }] : []))
  const shares = await landShares(
    tx,
    lines.map((l) => l.row.coordinates),
  )
  const kept: { row: RouteLine; mode: 'land' | 'sea' | 'mixed' }[] = []
  for (const [k, { row, index }] of lines.entries()) {
    const share = shares[k]
    if (!share?.onRoute) {
      problems.push({
        index,
        column: `${row.path}.coords`,
        reason: `${row.route}: the line crosses no country of the route (${ROUTE_COUNTRIES.join(', ')})`,
      })
      continue
    }
    const mode = share.land >= LAND_SHARE ? 'land' : share.land <= SEA_SHARE ? 'sea' : 'mixed'
    kept.push({ row, mode })
  }
  // A new hub's id held by another source's flow point (a town of the same name beyond SAME_TOWN_METRES)
  // is refused rather than overwritten.
  if (newPoints.length) {
    const taken = await txRows<{ id: string }>(
      tx,
      sql`SELECT id FROM flow_points WHERE id = ANY(${`{${newPoints.map((p) => p.id).join(',')}}`}::text[])
        AND source_id <> ${ROUTES_SOURCE.id}`,
    )
    for (const { id } of taken) {
      const point = newPoints.find((p) => p.id === id)
      if (point) {
        const reason = `${id} is another flow point, more than ${SAME_TOWN_METRES / 1000} km away: not the same town`
        problems.push({
          index: point.index,
          column: `${(rows[point.index] as RoutePoint).path}.name`,
          reason,
        })
      }
    }
  }
  if (problems.length) throw new RowErrors(problems)

  const add = (r: LoadResult) => {
    result.inserted += r.inserted
    result.updated += r.updated
    result.unchanged += r.unchanged
  }
  if (newPoints.length)
    add(
      await upsertRows(
        tx,
        flowPoints,
        ['id'],
        newPoints.map(({ index, ...p }) => p),
      ),
    )
  if (!kept.length) return result

  add(
    await upsertRows(
      tx,
      corridors,
      ['id'],
      kept.map(({ row, mode }) => ({
        id: `giocopp-${slug(row.route)}-${row.index}`,
        name: `${row.route}, line ${row.index}${row.stages.length ? ` (${row.stages.map((s) => s.name).join(', ')})` : ''}`,
        mode,
        geometry: { type: 'LineString', coordinates: row.coordinates } satisfies LineString,
        sourceId: ROUTES_SOURCE.id,
        sourceRef: `${row.path} (giocopp routes.json)`,
        notes:
          `Approximate: hand-digitised by giocopp from IOM DTM’s route portal, ${row.major ? 'a major' : 'a minor'} ` +
          `${row.route} line on that map. Mode from the share of the line on land in the IOM world map.`,
      })),
    ),
  )
  // Stages: the hubs the line passes through, in order, tied to the flow point or post of that town.
  const stageRows = kept.flatMap(({ row }) =>
    row.stages.map((s, i) => ({ corridorId: `giocopp-${slug(row.route)}-${row.index}`, seq: i + 1, s })),
  )
  const sites = stageRows.length
    ? await sitesNear(
        tx,
        stageRows.map((r) => r.s),
      )
    : []
  if (stageRows.length) {
    await upsertRows(
      tx,
      corridorStages,
      ['corridorId', 'seq'],
      stageRows.map((r, k) => ({
        corridorId: r.corridorId,
        seq: r.seq,
        name: r.s.name,
        postId: sites[k]?.postId ?? null,
        flowPointId: sites[k]?.flowPointId ?? null,
      })),
    )
  }
  // A line that lost stages since the last import keeps none of the old ones.
  const counts = kept.map(({ row }) => ({
    id: `giocopp-${slug(row.route)}-${row.index}`,
    n: row.stages.length,
  }))
  await tx.execute(sql`
    DELETE FROM corridor_stages s USING jsonb_to_recordset(${JSON.stringify(counts)}::jsonb) AS k(id text, n int)
    WHERE s.corridor_id = k.id AND s.seq > k.n`)
  return result
}

/** For each line: the share of 51 points along it on any country shape, and whether any is in (or within ~25 km of) a route country. */
async function landShares(
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

async function readAll(input: Readable): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of input)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer))
  return Buffer.concat(chunks).toString('utf8')
}

export const routes: Importer<RouteRow> = {
  format: 'routes',
  description:
    'giocopp’s migration routes (routes.json: ROUTE_LINES, HUBS, CITIES) → corridors and hub flow points; needs the countries (topojson) first',
  async *parse(input) {
    const parsed = parseRoutes(await readAll(input))
    yield* parsed.sort((a, b) => a.line - b.line)
  },
  async prepare(tx) {
    await upsertRows(tx, sources, ['id'], [ROUTES_SOURCE])
  },
  load: loadRoutes,
  batchSize: 1000,
}
