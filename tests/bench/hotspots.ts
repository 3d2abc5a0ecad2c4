// `npm run bench -- --incidents N`: the hotspots layer's query (severity-weighted, one hexagon an incident)
// against a plain grid GROUP BY of the same rows, side by side in one run, for the same callers:
// the local operator (every record) and another agency's viewer (through visible_incidents(), coarsened).
// On a table filled as the scoped-read bench fills it.
import { type SQL, sql } from 'drizzle-orm'
import type { Database } from '../../db/client.ts'
import { txRows } from '../../db/rows.ts'
import { asCaller, type Caller } from '../../db/scope.ts'
import { OPEN_VERIFICATIONS } from '../../db/vocabulary.ts'
import { oneOf } from '../../server/layers/filters.ts'
import { hotspotsQuery } from '../../server/layers/hotspots.ts'
import { resolveWindow } from '../../server/layers/window.ts'
import { fill } from './scoped.ts'

const RUNS = 5
const CELL_KM = 50
/** The anchor's square cell, in degrees: about as wide as the hexagons. */
const GRID_DEGREES = 0.5

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

/** Times `queries` as `caller`, one warm run each, then RUNS rounds taking each in turn (so load hits all alike). */
async function timeSideBySide(database: Database, caller: Caller, queries: SQL[]) {
  const run = (query: SQL) => asCaller(database, caller, (tx) => txRows<Record<string, number>>(tx, query))
  const results = []
  for (const query of queries) results.push(await run(query))
  const times: number[][] = queries.map(() => [])
  for (let round = 0; round < RUNS; round++) {
    for (const [i, query] of queries.entries()) {
      const start = performance.now()
      await run(query)
      times[i]?.push(performance.now() - start)
    }
  }
  return { results, medians: times.map(median) }
}

export async function benchHotspots(label: string, database: Database, n: number): Promise<string[]> {
  const started = performance.now()
  const { viewer } = await fill(database, n)
  const fillMs = performance.now() - started
  const window = resolveWindow(new Date(Date.now() - 31 * 86400_000), new Date(Date.now() + 60_000))
  const hotspots = hotspotsQuery(window, { cell: CELL_KM })
  const grid = sql`
    SELECT floor(ST_X(i.location) / ${GRID_DEGREES}::float8) AS gx, floor(ST_Y(i.location) / ${GRID_DEGREES}::float8) AS gy,
           count(*)::int AS incidents
    FROM visible_incidents() i
    WHERE i.occurred_at >= ${window.from.toISOString()}::timestamptz AND i.occurred_at < ${window.to.toISOString()}::timestamptz
      AND ${oneOf(sql`i.verification`, OPEN_VERIFICATIONS)}
    GROUP BY 1, 2`
  const callers: [string, Caller][] = [
    ['local operator, every record', { role: 'local', userId: null, agencyId: null }],
    ["another agency's viewer", { role: 'viewer', userId: viewer.id, agencyId: viewer.agency.id }],
  ]
  const lines = [
    `${label}: ${n.toLocaleString('en')} incidents made in ${(fillMs / 1000).toFixed(1)} s; hotspots (${CELL_KM} km hexagons, 31 days) vs a ${GRID_DEGREES}° grid GROUP BY of the same rows, median of ${RUNS}`,
  ]
  for (const [who, caller] of callers) {
    const { results, medians } = await timeSideBySide(database, caller, [grid, hotspots])
    const [cells, hexagons] = results.map((rows) => rows ?? [])
    const counted = (rows: Record<string, number>[] = []) =>
      rows.reduce((sum, r) => sum + (r.incidents ?? 0), 0)
    if (counted(cells) !== counted(hexagons))
      throw new Error(`${who}: the two queries counted different rows`)
    const [anchor = Number.NaN, hot = Number.NaN] = medians
    lines.push(
      `  ${who}: ${counted(cells).toLocaleString('en')} rows; grid ${anchor.toFixed(0)} ms (${cells?.length} cells), hotspots ${hot.toFixed(0)} ms (${hexagons?.length} hexagons) = ${(hot / anchor).toFixed(2)}× the grid`,
    )
  }
  return lines
}
