// Loading routes: each hub placed in a country of the route and matched to the flow point or border post
// already in that town (else a new flow point), each line given its mode from its share on land, then
// corridors and their stages upserted.
import { sql } from 'drizzle-orm'
import type { LineString } from 'geojson'
import { arrayLiteral } from '../../db/arrays.ts'
import type { Tx } from '../../db/client.ts'
import { txRows } from '../../db/rows.ts'
import { corridorStages, corridors, flowPoints } from '../../db/schema.ts'
import { upsertRows } from '../../db/upsert.ts'
import { ROUTE_COUNTRIES } from './country-codes.ts'
import { slug } from './names.ts'
import { countriesOf, landShares, SAME_TOWN_METRES, sitesNear } from './routes-places.ts'
import { type LoadResult, RowErrors, type RowProblem } from './types.ts'

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

/** Share of a line's sampled points on land from which it is `land`, and up to which it is `sea`. */
const LAND_SHARE = 0.95
const SEA_SHARE = 0.2

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
      sql`SELECT id FROM flow_points WHERE id = ANY(${arrayLiteral(newPoints.map((p) => p.id))}::text[])
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
