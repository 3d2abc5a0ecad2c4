// `npm run bench [-- --rows N] [--incidents M] [--sse C] [--browser B] [--soak MIN] [--load MIN]`: start-up time and
// memory of each engine, each layer's latency, sign-in and field-report figures, the import rate of a
// crossings CSV of N rows (1,000,000 by default; 0 skips it), what row-level security costs a bbox read
// of M incidents with hotspots and tiles beside their anchors (0 by default: skipped), report → SSE
// receipt at C clients (1,000 by default) against a bare broadcaster, the map in Chromium with B more
// incidents than the demo's (0 by default: skipped) and a MIN-minute soak after it, bundle size;
// `--load MIN` holds 1,000 SSE clients, 50 reports/s and 200 reads/s for MIN minutes over M incidents
// (1,000,000 when --incidents is not given), on the server engine (load.ts).
// `--engine embedded|server` runs the M-incident figures on one engine only. Figures are printed, never
// asserted. DATABASE_URL adds the PostGIS server.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { type SeedStep, seedStepFiles } from '../../data/seed/index.ts'
import { type Database, openDatabase } from '../../db/client.ts'
import { testApp } from '../helpers/app.ts'
import { withScratchDatabase } from '../helpers/engines.ts'
import { benchBrowser } from './browser.ts'
import { benchHotspots } from './hotspots.ts'
import { benchImports, DEFAULT_ROWS } from './import.ts'
import { benchLoad } from './load.ts'
import { benchReports } from './reports.ts'
import { benchScoped } from './scoped.ts'
import { benchSse } from './sse.ts'
import { percentile } from './stats.ts'
import { benchTiles } from './tiles.ts'

const rowsFlag = process.argv.indexOf('--rows')
const importRows = rowsFlag < 0 ? DEFAULT_ROWS : Number(process.argv[rowsFlag + 1])
const incidentsFlag = process.argv.indexOf('--incidents')
const incidentRows = incidentsFlag < 0 ? 0 : Number(process.argv[incidentsFlag + 1])
const flag = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name)
  return at < 0 ? fallback : Number(process.argv[at + 1])
}
const sseClients = flag('--sse', 1000)
const browserIncidents = flag('--browser', 0)
const soakMinutes = flag('--soak', 0)
const loadMinutes = flag('--load', 0)
/** `--engine embedded` or `--engine server` runs the 1M figures on that engine only. */
const engineFlag = process.argv.indexOf('--engine')
const onlyEngine = engineFlag < 0 ? undefined : process.argv[engineFlag + 1]
if (onlyEngine !== undefined && onlyEngine !== 'embedded' && onlyEngine !== 'server') {
  console.error('--engine takes embedded or server')
  process.exit(2)
}
if (
  ![importRows, incidentRows, sseClients, browserIncidents, soakMinutes, loadMinutes].every(
    (n) => Number.isInteger(n) && n >= 0,
  )
) {
  console.error(
    'usage: npm run bench [-- --rows N] [--incidents M] [--sse C] [--browser B] [--soak MIN] [--load MIN] (whole numbers; 0 skips the import, the scoped-read, the SSE, the browser or the load benchmark)',
  )
  process.exit(2)
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now()
  const result = await work()
  return [result, performance.now() - start]
}

async function latency(database: Database, path: string, runs = 200) {
  const app = testApp({ database })
  for (let i = 0; i < 10; i++) await (await app.request(path)).arrayBuffer()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const [, ms] = await timed(async () => (await app.request(path)).arrayBuffer())
    times.push(ms)
  }
  return `p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms (${runs} requests)`
}

const LAYER_PATHS = [
  '/api/layers/border-posts',
  '/api/layers/border-posts?bbox=5,18,7,20',
  '/api/layers/crossings',
  '/api/layers/corridors',
  '/api/layers/flows',
  '/api/layers/displacement',
  '/api/layers/incidents?from=2025-01-01&to=2026-01-01',
  '/api/layers/hotspots?from=2025-01-01&to=2026-01-01&cell=100',
  '/api/layers/surges',
  '/ogc/collections/incidents/items?limit=100',
]

async function benchEngine(label: string, open: () => Promise<Database>) {
  const rssBefore = process.memoryUsage().rss
  const [database, openMs] = await timed(open)
  // Each seed step timed on its own: a first start runs them all, and each has its own budget.
  const steps: string[] = []
  const [, seedMs] = await timed(async () => {
    for (const file of seedStepFiles()) {
      const step = (await import(`../../data/seed/${file}`)) as SeedStep
      const [, ms] = await timed(() => step.seed(database, { now: new Date() }))
      steps.push(`${file.replace(/\.ts$/, '')} ${ms.toFixed(0)} ms`)
    }
  })
  console.log(
    `${label}: open + migrate ${openMs.toFixed(0)} ms, seed ${seedMs.toFixed(0)} ms, RSS +${mb(process.memoryUsage().rss - rssBefore)}`,
  )
  console.log(`  seed steps: ${steps.join(', ')}`)
  // Every layer as the map asks for it (its default window), and the OGC page a GIS client reads first.
  for (const path of LAYER_PATHS) console.log(`  GET ${path.padEnd(44)} ${await latency(database, path, 50)}`)
  for (const line of await benchReports(database)) console.log(`  ${line}`)
  return database
}

const dir = mkdtempSync(join(tmpdir(), 'crosswatch-bench-'))
try {
  console.log(`Node ${process.version}, ${new Date().toISOString()}`)
  const cold = await benchEngine('embedded PostGIS, cold (new folder)', () => openDatabase({ dataDir: dir }))
  await cold.close()
  const [warm, warmMs] = await timed(() => openDatabase({ dataDir: dir }))
  console.log(`embedded PostGIS, warm re-open: ${warmMs.toFixed(0)} ms`)
  await warm.close()
  if (process.env.DATABASE_URL) {
    await withScratchDatabase(process.env.DATABASE_URL, `crosswatch_bench_${process.pid}`, async (url) => {
      const server = await benchEngine('PostGIS server', () => openDatabase({ url, dataDir: '' }))
      await server.close()
    })
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}

if (importRows > 0) await benchImports(importRows)
if (incidentRows > 0) await benchScopedReads(incidentRows)
if (sseClients > 0) await benchStream(sseClients)
if (browserIncidents > 0) {
  if (process.env.DATABASE_URL)
    for (const line of await benchBrowser(process.env.DATABASE_URL, browserIncidents, soakMinutes))
      console.log(line)
  else console.log('browser: skipped (set DATABASE_URL: it runs on a scratch database of that server)')
}
if (loadMinutes > 0) {
  if (process.env.DATABASE_URL)
    for (const line of await benchLoad(process.env.DATABASE_URL, incidentRows || 1_000_000, loadMinutes))
      console.log(line)
  else console.log('load: skipped (set DATABASE_URL: it runs on a scratch database of that server)')
}

/** The SSE figures on the server engine when DATABASE_URL is set (a scratch database), else embedded. */
async function benchStream(clients: number) {
  if (!process.env.DATABASE_URL) {
    const folder = mkdtempSync(join(tmpdir(), 'crosswatch-bench-sse-'))
    try {
      for (const line of await benchSse('embedded PostGIS', { CROSSWATCH_DATA_DIR: folder }, clients))
        console.log(line)
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
    return
  }
  await withScratchDatabase(process.env.DATABASE_URL, `crosswatch_bench_sse_${process.pid}`, async (url) => {
    for (const line of await benchSse('PostGIS server', { DATABASE_URL: url }, clients)) console.log(line)
  })
}

/** The scoped-read, hotspot and tile figures on a fresh, migrated database of each engine (no seed: only the bench's rows). */
async function benchScopedReads(n: number) {
  if (onlyEngine !== 'server') await scopedOnEmbedded(n)
  if (onlyEngine !== 'embedded') await scopedOnServer(n)
}

async function scopedOnEmbedded(n: number) {
  const folder = mkdtempSync(join(tmpdir(), 'crosswatch-bench-scoped-'))
  try {
    const embedded = await openDatabase({ dataDir: folder })
    try {
      for (const line of await benchScoped('embedded PostGIS', embedded, n)) console.log(line)
      for (const line of await benchHotspots('embedded PostGIS', embedded, n)) console.log(line)
      for (const line of await benchTiles('embedded PostGIS', embedded, n)) console.log(line)
    } finally {
      await embedded.close()
    }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

async function scopedOnServer(n: number) {
  if (!process.env.DATABASE_URL) return
  await withScratchDatabase(
    process.env.DATABASE_URL,
    `crosswatch_bench_scoped_${process.pid}`,
    async (url) => {
      const server = await openDatabase({ url, dataDir: '' })
      try {
        for (const line of await benchScoped('PostGIS server', server, n)) console.log(line)
        for (const line of await benchHotspots('PostGIS server', server, n)) console.log(line)
        for (const line of await benchTiles('PostGIS server', server, n, url)) console.log(line)
      } finally {
        await server.close()
      }
    },
  )
}

const assets = 'dist/web/assets'
try {
  const files = readdirSync(assets)
  for (const ext of ['.js', '.css']) {
    const chosen = files.filter((f) => f.endsWith(ext))
    const raw = chosen.reduce((sum, f) => sum + statSync(join(assets, f)).size, 0)
    const gz = chosen.reduce((sum, f) => sum + gzipSync(readFileSync(join(assets, f))).length, 0)
    console.log(`web bundle ${ext}: ${kb(raw)} raw, ${kb(gz)} gzip (${chosen.length} files)`)
  }
} catch {
  console.log('web bundle: not built (run npm run build)')
}
