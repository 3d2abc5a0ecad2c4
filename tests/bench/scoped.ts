// `npm run bench -- --incidents N`: what row-level security costs a bbox read of N incidents, side by side
// in one run: the same rows read as the database owner without RLS (the anchor), through
// visible_incidents() as another agency's viewer (policies, coarsening, withholding), and through the
// API as that viewer (GET /api/layers/incidents). Clustered on the route's hubs like the project's rows.
import { sql } from 'drizzle-orm'
import type { Database } from '../../db/client.ts'
import { txRows } from '../../db/rows.ts'
import { asCaller } from '../../db/scope.ts'
import { addUser } from '../../server/auth/accounts.ts'
import { createSession } from '../../server/auth/tokens.ts'
import { MAX_FEATURES } from '../../server/http/paging.ts'
import { incidentsQuery } from '../../server/layers/incidents.ts'
import { ensureWriteSources } from '../../server/writes/origin.ts'
import { testApp } from '../helpers/app.ts'
import { percentile } from './stats.ts'

/** Agadez, Sebha, Tripoli, Zuwara, Sfax, Lampedusa, Niamey, Kufra: where the route's incidents gather. */
export const HUBS: [number, number][] = [
  [7.99, 16.97],
  [14.43, 27.04],
  [13.19, 32.89],
  [12.08, 32.93],
  [10.76, 34.74],
  [12.6, 35.5],
  [2.11, 13.51],
  [23.31, 24.18],
]
const RUNS = 40
const BOX = 0.5 // degrees: a view at about zoom 9–10

async function timeEach(boxes: number[][], work: (box: number[]) => Promise<unknown>) {
  for (const box of boxes.slice(0, 5)) await work(box) // warm
  const times: number[] = []
  for (const box of boxes) {
    const start = performance.now()
    await work(box)
    times.push(performance.now() - start)
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) }
}

const filled = new WeakMap<Database, { n: number; done: ReturnType<typeof fillOnce> }>()

/**
 * Fills `database` with `n` incidents: half a published dataset, a quarter each two agencies' reports.
 * Once a database: the benches that share one share its rows.
 */
export function fill(database: Database, n: number) {
  const known = filled.get(database)
  if (known && known.n !== n) throw new Error(`already filled with ${known.n} incidents, not ${n}`)
  if (known) return known.done
  const done = fillOnce(database, n)
  filled.set(database, { n, done })
  return done
}

async function fillOnce(database: Database, n: number) {
  await ensureWriteSources(database)
  await database.rows(sql`INSERT INTO sources (id, name, publisher, licence)
    VALUES ('bench-public', 'Bench: a published dataset', 'Crosswatch bench', 'CC0') ON CONFLICT DO NOTHING`)
  const a = await addUser(database, {
    email: 'bench-a@a.example',
    password: 'bench password long enough',
    role: 'reporter',
    agency: 'Bench A',
  })
  const b = await addUser(database, {
    email: 'bench-b@b.example',
    password: 'bench password long enough',
    role: 'viewer',
    agency: 'Bench B',
  })
  const hubs = sql.raw(`ARRAY[${HUBS.map(([x, y]) => `ST_MakePoint(${x}, ${y})`).join(', ')}]`)
  // Normal-ish spread of ~0.6° around a hub (the sum of three uniforms), a month of time.
  await database.rows(sql`
    INSERT INTO incidents (location, occurred_at, type, severity, dead, missing, injured, children, description,
                           verification, source_id, reported_by, agency_id)
    SELECT ST_SetSRID(ST_MakePoint(ST_X(h) + (random() + random() + random() - 1.5) * 0.8,
                                   ST_Y(h) + (random() + random() + random() - 1.5) * 0.8), 4326),
           now() - random() * interval '30 days', 'shipwreck', 'high', (random() * 6)::int, (random() * 9)::int,
           (random() * 4)::int, (random() * 3)::int, 'A description of some length, as reports have',
           CASE WHEN random() < 0.5 THEN 'verified' ELSE 'unverified' END::verification,
           CASE WHEN g % 2 = 0 THEN 'bench-public' ELSE 'crosswatch-field-reports' END,
           CASE WHEN g % 2 = 0 THEN NULL WHEN g % 4 = 1 THEN ${a.id}::int ELSE NULL END,
           CASE WHEN g % 2 = 0 THEN NULL WHEN g % 4 = 1 THEN ${a.agency.id}::int ELSE ${b.agency.id}::int END
    FROM generate_series(1, ${n}::int) AS g, LATERAL (SELECT (${hubs})[1 + g % ${HUBS.length}] AS h) AS hh`)
  await database.rows(sql`ANALYZE incidents`)
  return { viewer: b }
}

export async function benchScoped(label: string, database: Database, n: number): Promise<string[]> {
  const started = performance.now()
  const { viewer } = await fill(database, n)
  const fillMs = performance.now() - started
  const token = await createSession(database, viewer.id)
  const caller = { role: 'viewer' as const, userId: viewer.id, agencyId: viewer.agency.id }
  let seed = 7
  const random = () => {
    seed = (seed * 16807) % 2147483647
    return seed / 2147483647
  }
  const boxes = Array.from({ length: RUNS }, (_, i) => {
    const [x, y] = HUBS[i % HUBS.length] as [number, number]
    const x0 = x - 0.6 + random() * 0.7
    const y0 = y - 0.6 + random() * 0.7
    return [x0, y0, x0 + BOX, y0 + BOX]
  })
  const from = new Date(Date.now() - 30 * 86400_000).toISOString()
  const to = new Date(Date.now() + 60_000).toISOString()
  const envelope = (b: number[]) =>
    sql`ST_MakeEnvelope(${b[0]}::float8, ${b[1]}::float8, ${b[2]}::float8, ${b[3]}::float8, 4326)`
  const columns = sql`id, ST_AsGeoJSON(location, 6) AS g, occurred_at, dead, missing, injured, children, description`
  const window = sql`occurred_at >= ${from}::timestamptz AND occurred_at < ${to}::timestamptz
    AND verification IN ('unverified', 'verified')`
  let rows = 0
  const anchor = await timeEach(boxes, async (b) => {
    rows += (
      await database.rows(
        sql`SELECT ${columns} FROM incidents WHERE location && ${envelope(b)} AND ${window}`,
      )
    ).length
  })
  const shown = Math.round(rows / (RUNS + 5))
  const scoped = await timeEach(boxes, (b) =>
    asCaller(database, caller, (tx) =>
      txRows(tx, sql`SELECT ${columns} FROM visible_incidents(${envelope(b)}) WHERE ${window}`),
    ),
  )
  // The layer's own SQL for the answer's first page (MAX_FEATURES rows and one to see past it), alone.
  const pageSql = await timeEach(boxes, (b) =>
    asCaller(database, caller, (tx) =>
      txRows(
        tx,
        incidentsQuery(
          { bbox: b as [number, number, number, number], from: new Date(from), to: new Date(to) },
          { limit: MAX_FEATURES },
        ),
      ),
    ),
  )
  const { app } = testApp({ database })
  const api = await timeEach(boxes, async (b) => {
    const response = await app.request(
      `/api/layers/incidents?bbox=${b.map((v) => v.toFixed(4)).join(',')}&from=${from}&to=${to}`,
      { headers: { authorization: `Bearer ${token}` } },
    )
    await response.arrayBuffer()
    // No figure is made of errors.
    if (response.status !== 200) throw new Error(`GET /api/layers/incidents answered ${response.status}`)
  })
  const ms = (t: { p50: number; p95: number }) => `p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms`
  return [
    `${label}: ${n.toLocaleString('en')} incidents made in ${(fillMs / 1000).toFixed(1)} s; ${RUNS} bbox reads of ${BOX}° × ${BOX}°, 30 days, ~${shown.toLocaleString('en')} rows each as the owner`,
    `  owner, no RLS (anchor)                 ${ms(anchor)}`,
    `  another agency's viewer, RLS + coarsening ${ms(scoped)}  = ${(scoped.p50 / anchor.p50).toFixed(2)}× the anchor (p50)`,
    `  GET /api/layers/incidents as that viewer ${ms(api)}  = ${(api.p50 / anchor.p50).toFixed(2)}× the anchor (p50)`,
    `  its own SQL alone (the first ${MAX_FEATURES.toLocaleString('en')} in the layer's order) ${ms(pageSql)}: the API = ${(api.p50 / pageSql.p50).toFixed(2)}× it (p50; target ≤ 1.15×)`,
  ]
}
