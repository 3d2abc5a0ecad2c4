// `npm run bench -- --incidents N`: the incidents' vector tiles side by side in one run, on a table filled
// as the scoped-read bench fills it: (1) GET /api/tiles/incidents over HTTP ÷ its SQL alone, as the same
// viewer of another agency; (2) tiles/s against MapServer 8 (FastCGI behind nginx) on the same table, same
// random tiles and clients; (3) bytes a point of the route's first view.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { createServer } from 'node:net'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { serve } from '@hono/node-server'
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64'
import { uniformInt } from 'pure-rand/distribution/uniformInt'
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus'
import type { Database } from '../../db/client.ts'
import { txRows } from '../../db/rows.ts'
import { asCaller, type Caller } from '../../db/scope.ts'
import { createApp } from '../../server/app.ts'
import { createSession } from '../../server/auth/tokens.ts'
import { createLogger } from '../../server/log.ts'
import { incidentTileQuery } from '../../server/tiles/incidents.ts'
import type { Tile } from '../../server/tiles/tile-math.ts'
import { tileAt } from '../helpers/tiles.ts'
import { fill, HUBS } from './scoped.ts'
import { percentile } from './stats.ts'

const TILES = 100
const CLIENTS = 4
const MIN_ZOOM = 5
const MAX_ZOOM = 14
/** The route's first view: what the map shows before any pan. */
const FIRST_VIEW = { west: 0, south: 12, east: 20, north: 38, zooms: [5, 7] }
const MAPSERV = '/usr/bin/mapserv'

interface Fetched {
  ms: number
  status: number
  type: string
  /** As it came over the wire (compressed if the server compressed it). */
  bytes: number
  gzipBytes: number
  incidents: number
}

/**
 * The HTTP client, in a worker thread so that it takes no time from the API's event loop: `concurrency`
 * keep-alive clients take the URLs in turn. Bodies are gzipped after the clock stops.
 */
const CLIENT = `
const { workerData, parentPort } = require('node:worker_threads')
const http = require('node:http')
const { gzipSync } = require('node:zlib')
const { urls, concurrency, headers } = workerData
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency })
const once = (url) => new Promise((resolve, reject) => {
  const started = performance.now()
  http.get(url, { agent, headers }, (res) => {
    const chunks = []
    res.on('data', (c) => chunks.push(c))
    res.on('end', () => resolve({ ms: performance.now() - started, res, body: Buffer.concat(chunks) }))
    res.on('error', reject)
  }).on('error', reject)
})
// A kept-alive socket the server closed just as it was reused: ask again once, on a new one.
const get = (url) =>
  once(url)
    .catch((err) => (err.code === 'ECONNRESET' ? once(url) : Promise.reject(err)))
    .catch((err) => Promise.reject(new Error(url + ': ' + (err.code ?? '') + ' ' + err.message)))
const results = []
let next = 0
const started = performance.now()
Promise.all(Array.from({ length: concurrency }, async () => {
  while (next < urls.length) { const i = next++; results[i] = await get(urls[i]) }
})).then(() => {
  const elapsedMs = performance.now() - started
  const gzipped = new Map()
  const out = results.map(({ ms, res, body }, i) => {
    const encoded = res.headers['content-encoding'] === 'gzip'
    if (!gzipped.has(urls[i])) gzipped.set(urls[i], encoded ? body.length : gzipSync(body).length)
    return { ms, status: res.statusCode, type: res.headers['content-type'] ?? '', bytes: body.length,
      gzipBytes: gzipped.get(urls[i]), incidents: Number(res.headers['crosswatch-tile-incidents']) }
  })
  agent.destroy()
  parentPort.postMessage({ elapsedMs, results: out })
})`

function fetchAll(urls: string[], concurrency: number, headers: Record<string, string>) {
  return new Promise<{ elapsedMs: number; results: Fetched[] }>((resolve, reject) => {
    const worker = new Worker(CLIENT, { eval: true, workerData: { urls, concurrency, headers } })
    worker.once('message', (m) => {
      resolve(m)
      void worker.terminate()
    })
    worker.once('error', reject)
  })
}

/** Fails loudly on an answer that is not a tile, so that no figure is made of errors. */
function tilesOnly(who: string, results: Fetched[]) {
  const bad = results.find(
    (r) => r.status !== 200 || !r.type.startsWith('application/vnd.mapbox-vector-tile'),
  )
  if (bad) throw new Error(`${who} answered ${bad.status} ${bad.type}`)
  return results
}

/** The median over tiles of each one's API time ÷ its SQL time (both lists: the tiles in order, round after round). */
function pairedRatio(api: number[], sql: number[]): number {
  return percentile(
    api.map((a, i) => a / (sql[i] as number)),
    50,
  )
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)
const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`

/** Random tiles z 5–14 around the route's hubs, the same for every run (seeded). */
function randomTiles(count: number): Tile[] {
  const rng = xoroshiro128plus(12)
  return Array.from({ length: count }, () => {
    const [lon, lat] = HUBS[uniformInt(rng, 0, HUBS.length - 1)] as [number, number]
    const z = uniformInt(rng, MIN_ZOOM, MAX_ZOOM)
    return tileAt(lon + (uniformFloat64(rng) - 0.5) * 1.6, lat + (uniformFloat64(rng) - 0.5) * 1.6, z)
  })
}

function firstViewTiles(): Tile[] {
  const { west, south, east, north, zooms } = FIRST_VIEW
  return zooms.flatMap((z) => {
    const nw = tileAt(west, north, z)
    const se = tileAt(east, south, z)
    const tiles: Tile[] = []
    for (let x = nw.x; x <= se.x; x++) for (let y = nw.y; y <= se.y; y++) tiles.push({ z, x, y })
    return tiles
  })
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

async function waitForHttp(url: string, what: string, log: () => string) {
  for (let i = 0; i < 100; i++) {
    try {
      await (await fetch(url)).arrayBuffer()
      return
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  throw new Error(`${what} did not answer at ${url}: ${log()}`)
}

const onPath = (program: string) => spawnSync('sh', ['-c', `command -v ${program}`]).status === 0

/**
 * MapServer 8 as a tile server is deployed: mapserv under spawn-fcgi (-F 2, one a core), nginx in front,
 * one POSTGIS layer on the table, MVT out. Its connection stays open between requests (CLOSE_CONNECTION=DEFER).
 * No fastcgi_keep_conn: each mapserv serves one FastCGI connection at a time, so nginx connections kept
 * open beyond the process count would wait in the backlog until nginx gives up (504).
 */
async function startMapServer(databaseUrl: string) {
  const dir = mkdtempSync(join(tmpdir(), 'crosswatch-bench-mapserver-'))
  // libfcgi defers SIGTERM until the request in hand ends: mapserv gets SIGKILL; nginx's master, SIGTERM,
  // which also stops its workers.
  const pids: [number, NodeJS.Signals][] = []
  const killAll = () => {
    for (const [pid, signal] of pids.splice(0))
      try {
        process.kill(pid, signal)
      } catch {}
  }
  // Even when the bench dies between start and stop, nothing it started outlives it.
  process.once('exit', killAll)
  const stop = async () => {
    killAll()
    process.removeListener('exit', killAll)
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    const u = new URL(databaseUrl)
    const connection = [
      `host=${u.hostname}`,
      `port=${u.port || 5432}`,
      `dbname=${decodeURIComponent(u.pathname.slice(1))}`,
      `user=${decodeURIComponent(u.username || 'postgres')}`,
      ...(u.password ? [`password=${decodeURIComponent(u.password)}`] : []),
    ].join(' ')
    const mapfile = join(dir, 'incidents.map')
    writeFileSync(
      mapfile,
      `MAP
  NAME "bench"
  EXTENT -20037508.34 -20037508.34 20037508.34 20037508.34
  SIZE 512 512
  UNITS METERS
  PROJECTION "init=epsg:3857" END
  WEB METADATA "wms_srs" "EPSG:3857" END END
  OUTPUTFORMAT
    NAME "mvt"
    DRIVER MVT
    FORMATOPTION "EXTENT=4096"
    FORMATOPTION "EDGE_BUFFER=0"
  END
  LAYER
    NAME "incidents"
    TYPE POINT
    STATUS ON
    CONNECTIONTYPE POSTGIS
    CONNECTION "${connection}"
    DATA "location FROM incidents USING UNIQUE id USING SRID=4326"
    PROCESSING "CLOSE_CONNECTION=DEFER"
    PROJECTION "init=epsg:4326" END
    METADATA "gml_include_items" "type,severity,verification,occurred_at" "gml_types" "auto" END
  END
END
`,
    )
    const config = join(dir, 'mapserver.conf')
    writeFileSync(config, `CONFIG\n  MAPS\n    INCIDENTS "${mapfile}"\n  END\nEND\n`)
    const [fcgiPort, httpPort] = [await freePort(), await freePort()]
    const pidFile = join(dir, 'fcgi.pid')
    const spawned = spawnSync(
      'spawn-fcgi',
      ['-a', '127.0.0.1', '-p', String(fcgiPort), '-F', '2', '-P', pidFile, '--', MAPSERV],
      { env: { ...process.env, MAPSERVER_CONFIG_FILE: config }, encoding: 'utf8' },
    )
    if (spawned.status !== 0) throw new Error(`spawn-fcgi failed: ${spawned.stderr}`)
    for (const pid of readFileSync(pidFile, 'utf8').split(/\s+/).filter(Boolean))
      pids.push([Number(pid), 'SIGKILL'])
    writeFileSync(
      join(dir, 'nginx.conf'),
      `daemon off;
worker_processes 2;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; fastcgi_temp_path ${dir}/fastcgi; proxy_temp_path ${dir}/proxy;
  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  upstream mapserv { server 127.0.0.1:${fcgiPort}; }
  server {
    listen 127.0.0.1:${httpPort};
    location / {
      fastcgi_pass mapserv;
      fastcgi_buffers 64 64k;
      # Its low-zoom tiles hold every point (23 MB at 1M): passed on, never spooled to a temp file.
      fastcgi_max_temp_file_size 0;
      fastcgi_param QUERY_STRING $query_string;
      fastcgi_param REQUEST_METHOD $request_method;
      fastcgi_param SCRIPT_NAME /mapserv;
      fastcgi_param REQUEST_URI $request_uri;
      fastcgi_param SERVER_NAME 127.0.0.1;
      fastcgi_param SERVER_PORT ${httpPort};
      fastcgi_param SERVER_PROTOCOL $server_protocol;
    }
  }
}
`,
    )
    const nginx = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], {
      stdio: 'ignore',
    })
    if (nginx.pid) pids.push([nginx.pid, 'SIGTERM'])
    const base = `http://127.0.0.1:${httpPort}/?map=INCIDENTS&mode=tile&tilemode=gmap&layers=all&map.imagetype=mvt`
    await waitForHttp(base, 'nginx + mapserv', () =>
      existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : '',
    )
    return { urlOf: (t: Tile) => `${base}&tile=${t.x}+${t.y}+${t.z}`, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

const ms = (values: number[]) =>
  `p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms`

/**
 * The three figures on `database` filled with `n` incidents. `databaseUrl` (the server engine's) lets
 * MapServer read the same table; without it, or without mapserv, spawn-fcgi and nginx, that pair is skipped.
 */
export async function benchTiles(
  label: string,
  database: Database,
  n: number,
  databaseUrl?: string,
): Promise<string[]> {
  const started = performance.now()
  const { viewer } = await fill(database, n)
  const lines = [
    `${label}: ${n.toLocaleString('en')} incidents made in ${((performance.now() - started) / 1000).toFixed(1)} s; ${TILES} random tiles z${MIN_ZOOM}–${MAX_ZOOM} over the route's hubs, 31 days, as another agency's viewer`,
  ]
  const token = await createSession(database, viewer.id)
  const caller: Caller = { role: 'viewer', userId: viewer.id, agencyId: viewer.agency.id }
  const filter = { from: new Date(Date.now() - 31 * 86400_000), to: new Date(Date.now() + 3600_000) }
  const window = `from=${filter.from.toISOString()}&to=${filter.to.toISOString()}`
  // Its unexpected errors to stderr, so that a failed tile says why.
  const app = createApp({
    database,
    config: { webDir: 'no-web' },
    logger: createLogger('error', process.stderr),
  })
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  // Slow tiles of the embedded engine at 1M keep clients waiting beyond Node's 5 s keep-alive.
  Object.assign(server, { keepAliveTimeout: 120_000, headersTimeout: 130_000 })
  const port = (server.address() as AddressInfo).port
  const apiUrl = (t: Tile) => `http://127.0.0.1:${port}/api/tiles/incidents/${t.z}/${t.x}/${t.y}?${window}`
  const headers = { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' }
  const tiles = randomTiles(TILES)
  const sqlOf = (t: Tile) =>
    asCaller(database, caller, (tx) => txRows<{ count: number }>(tx, incidentTileQuery(filter, t)))
  try {
    // 1. Latency, one request at a time; warm both, then two rounds of each so that load hits both alike.
    const sqlTimes: number[] = []
    const apiTimes: number[] = []
    const counted: number[] = []
    for (const t of tiles.slice(0, 10)) await sqlOf(t)
    await fetchAll(tiles.slice(0, 10).map(apiUrl), 1, headers)
    for (let round = 0; round < 2; round++) {
      for (const t of tiles) {
        const start = performance.now()
        const rows = await sqlOf(t)
        sqlTimes.push(performance.now() - start)
        if (round === 0) counted.push(sum(rows.map((r) => r.count)))
      }
      const api = tilesOnly('the API', (await fetchAll(tiles.map(apiUrl), 1, headers)).results)
      api.forEach((r, i) => {
        if (r.incidents !== counted[i]) throw new Error(`tile ${i}: API ${r.incidents}, SQL ${counted[i]}`)
      })
      apiTimes.push(...api.map((r) => r.ms))
    }
    lines.push(
      `  1. latency (${load()}), ~${Math.round(mean(counted)).toLocaleString('en')} incidents a tile`,
      `     SQL alone, as the viewer (asCaller + txRows)   ${ms(sqlTimes)}`,
      `     GET /api/tiles/incidents over HTTP               ${ms(apiTimes)}`,
      `     API ÷ SQL: ${(percentile(apiTimes, 50) / percentile(sqlTimes, 50)).toFixed(2)}× p50, ${(percentile(apiTimes, 95) / percentile(sqlTimes, 95)).toFixed(2)}× p95; tile by tile, ${pairedRatio(apiTimes, sqlTimes).toFixed(2)}× (the median of each tile's API ÷ its SQL; target ≤ 1.15×)`,
    )

    // 2. Throughput, CLIENTS at once, the same tiles against the API and against MapServer.
    const throughput = async (who: string, urls: string[]) => {
      await fetchAll(urls.slice(0, 10), CLIENTS, headers)
      const { elapsedMs, results } = await fetchAll(urls, CLIENTS, headers)
      tilesOnly(who, results)
      const rate = (urls.length / elapsedMs) * 1000
      const bytes = `${Math.round(mean(results.map((r) => r.bytes))).toLocaleString('en')} B on the wire, ${Math.round(mean(results.map((r) => r.gzipBytes))).toLocaleString('en')} B gzip`
      return { rate, text: `${rate.toFixed(1)} tiles/s, a tile ${bytes}` }
    }
    lines.push(`  2. throughput, ${CLIENTS} clients over HTTP (${load()})`)
    const api = await throughput('the API', tiles.map(apiUrl))
    lines.push(`     GET /api/tiles/incidents        ${api.text}`)
    if (!databaseUrl || database.engine !== 'postgres')
      lines.push('     MapServer 8: skipped (the server engine only: set DATABASE_URL)')
    else if (!existsSync(MAPSERV) || !onPath('spawn-fcgi') || !onPath('nginx'))
      lines.push('     MapServer 8: skipped (apt-get install mapserver-bin spawn-fcgi nginx-light)')
    else {
      const mapserver = await startMapServer(databaseUrl)
      try {
        const anchor = await throughput('MapServer', tiles.map(mapserver.urlOf))
        lines.push(
          `     MapServer 8 (FastCGI ×2, nginx)  ${anchor.text}`,
          `     API ÷ MapServer: ${(api.rate / anchor.rate).toFixed(2)}× the tiles/s (target ≥ 2×; ${load()})`,
        )
      } catch (error) {
        // The anchor failing is a figure too; it must not lose the API's.
        lines.push(`     MapServer 8 (FastCGI ×2, nginx)  failed: ${String(error).slice(0, 300)}`)
      } finally {
        await mapserver.stop()
      }
    }

    // 3. The first view's bytes for each incident it shows.
    const view = firstViewTiles()
    const shown = tilesOnly('the API', (await fetchAll(view.map(apiUrl), CLIENTS, headers)).results)
    const points = sum(shown.map((r) => r.incidents))
    const perPoint = (bytes: number) => (bytes / points).toFixed(2)
    lines.push(
      `  3. first view (z${FIRST_VIEW.zooms.join(' and z')} over lon ${FIRST_VIEW.west}–${FIRST_VIEW.east}, lat ${FIRST_VIEW.south}–${FIRST_VIEW.north}): ${view.length} tiles, ${points.toLocaleString('en')} incidents`,
      `     ${perPoint(sum(shown.map((r) => r.gzipBytes)))} B a point gzip, ${perPoint(sum(shown.map((r) => r.bytes)))} B a point as served (target ≤ 12 at 100k, floor 8)`,
    )
  } finally {
    server.close()
  }
  return lines
}
