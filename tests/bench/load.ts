// `npm run bench -- --load MIN`: the live path under the load of issue 12 for MIN minutes, on the server
// engine with a million incidents: 1,000 SSE clients (a coordinator's wall screens), 50 reports a second
// and 200 map reads a second (incident tiles around the hubs and the small layers, revalidated by ETag
// as a browser does). Each 30 s it prints reads, posts and the server's memory; at the end, report →
// receipt over the stream and every delivery missed. Open loop: a request is sent on its schedule, not
// when the last one came back; more than MAX_IN_FLIGHT waiting are counted as the server falling behind.
import { loadavg } from 'node:os'
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64'
import { uniformInt } from 'pure-rand/distribution/uniformInt'
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus'
import { signIn } from '../../data/cli/credentials.ts'
import { DEMO_PASSWORD } from '../../data/seed/demo-users.ts'
import { openDatabase } from '../../db/client.ts'
import { withScratchDatabase } from '../helpers/engines.ts'
import { type RunningServer, startServer } from '../helpers/server.ts'
import { tileAt } from '../helpers/tiles.ts'
import { postReport } from './post-report.ts'
import { fill, HUBS } from './scoped.ts'
import { startClients } from './sse-clients.ts'
import { percentile, rssMb } from './stats.ts'

/** @default 1,000 clients, 50 reports/s, 200 reads/s (LOAD_SSE, LOAD_REPORTS, LOAD_READS to try others) */
const SSE_CLIENTS = Number(process.env.LOAD_SSE ?? 1000)
const REPORTS_PER_S = Number(process.env.LOAD_REPORTS ?? 50)
const READS_PER_S = Number(process.env.LOAD_READS ?? 200)
/** The clients that record when each event reached them (all of them count what they received). */
const TIMED_CLIENTS = 20
const MAX_IN_FLIGHT = 2000
const INTERVAL_MS = 30_000

/** Where the map reads: incident tiles z5–12 around the hubs (7 days, as the web asks) and small layers. */
function readPaths(count: number): string[] {
  const rng = xoroshiro128plus(7)
  const to = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000)
  const window = `from=${new Date(to.getTime() - 7 * 86_400_000).toISOString()}&to=${to.toISOString()}`
  const layers = [
    'border-posts',
    'flows',
    'corridors',
    'surges',
    `hotspots?${window}`,
    `crossings?${window}`,
    `displacement?${window}`,
  ]
  return Array.from({ length: count }, (_, i) => {
    if (i % 5 === 4) return `api/layers/${layers[uniformInt(rng, 0, layers.length - 1)]}`
    const [lon, lat] = HUBS[uniformInt(rng, 0, HUBS.length - 1)] as [number, number]
    const { z, x, y } = tileAt(
      lon + (uniformFloat64(rng) - 0.5) * 1.6,
      lat + (uniformFloat64(rng) - 0.5) * 1.6,
      uniformInt(rng, 5, 12),
    )
    return `api/tiles/incidents/${z}/${x}/${y}?${window}`
  })
}

/** What one kind of request did in an interval. */
class Tally {
  ms: number[] = []
  failed = 0
  serverErrors = 0
  behind = 0
  record(started: number, status: number | null) {
    this.ms.push(performance.now() - started)
    if (status === null || status >= 400) this.failed++
    if (status !== null && status >= 500) this.serverErrors++
  }
  line(what: string) {
    const sorted = this.ms.sort((a, b) => a - b)
    return `${what} ${sorted.length} (p50 ${percentile(sorted, 50).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms, ${this.failed} failed, ${this.serverErrors} 5xx${this.behind ? `, ${this.behind} not sent: server behind` : ''})`
  }
}

/** Sends `send()` `perSecond` times a second until `until`, open loop, into the current tally. */
async function paced(
  perSecond: number,
  until: number,
  tally: () => Tally,
  send: (n: number) => Promise<number | null>,
) {
  if (perSecond <= 0) return
  const pending = new Set<Promise<void>>()
  const started = performance.now()
  for (let n = 0; ; n++) {
    const at = started + (n * 1000) / perSecond
    if (at >= until) break
    const wait = at - performance.now()
    if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    const into = tally()
    if (pending.size >= MAX_IN_FLIGHT) {
      into.behind++
      continue
    }
    const t0 = performance.now()
    const p = send(n).then(
      (status) => into.record(t0, status),
      () => into.record(t0, null),
    )
    pending.add(p)
    void p.finally(() => pending.delete(p))
  }
  await Promise.all(pending)
}

/** Holds the load on `server` (signed in as the demo's coordinator and reporter) for `minutes`. */
async function holdLoad(server: RunningServer, minutes: number): Promise<string[]> {
  const lines: string[] = []
  const watcher = await signIn(server.url, 'coordinator@crosswatch.example', DEMO_PASSWORD)
  const reporter = await signIn(server.url, 'reporter@crosswatch.example', DEMO_PASSWORD)
  const clients = startClients(
    `${server.url}api/stream`,
    { authorization: `Bearer ${watcher}` },
    SSE_CLIENTS,
    TIMED_CLIENTS,
  )
  if (SSE_CLIENTS > 0) await clients.ready
  const paths = readPaths(10_000)
  const etags = new Map<string, string>()
  const sentAt = new Map<number, number>()
  const clock = () => performance.timeOrigin + performance.now()
  let reads = new Tally()
  let posts = new Tally()
  const memory = [rssMb(server)]
  const started = performance.now()
  const until = started + minutes * 60_000
  const sampler = setInterval(() => {
    memory.push(rssMb(server))
    const t = ((performance.now() - started) / 1000).toFixed(0)
    lines.push(
      `  t=${t}s ${reads.line('reads')}; ${posts.line('reports')}; RSS ${memory.at(-1)?.toFixed(0)} MB`,
    )
    console.error(lines.at(-1))
    reads = new Tally()
    posts = new Tally()
  }, INTERVAL_MS)
  const auth = { authorization: `Bearer ${watcher}` }
  try {
    await Promise.all([
      paced(
        READS_PER_S,
        until,
        () => reads,
        async (n) => {
          const path = paths[n % paths.length] as string
          const known = etags.get(path)
          const res = await fetch(new URL(path, server.url), {
            headers: { ...auth, 'accept-encoding': 'br, gzip', ...(known ? { 'if-none-match': known } : {}) },
          })
          await res.arrayBuffer()
          const tag = res.headers.get('etag')
          if (tag) etags.set(path, tag)
          return res.status === 304 ? 200 : res.status
        },
      ),
      paced(
        REPORTS_PER_S,
        until,
        () => posts,
        async (n) => {
          const at = clock()
          const res = await postReport(
            server.url,
            reporter,
            [7 + (n % 80) / 10, 15 + (n % 19)],
            'load bench report',
          )
          const body = (await res.json()) as { id?: number }
          if (res.status === 201 && body.id) sentAt.set(body.id, at)
          return res.status
        },
      ),
    ])
  } finally {
    clearInterval(sampler)
  }
  await new Promise((r) => setTimeout(r, 5000)) // the last events on their way
  const delivered = await clients.stop()
  memory.push(rssMb(server))
  const receipts: number[] = []
  for (let i = 0; i < delivered.receipts.length; i += 2) {
    const sent = sentAt.get(delivered.receipts[i] as number)
    if (sent !== undefined) receipts.push((delivered.receipts[i + 1] as number) - sent)
  }
  receipts.sort((a, b) => a - b)
  const expected = sentAt.size * SSE_CLIENTS
  const got = delivered.counts.reduce((a, b) => a + b, 0)
  lines.push(
    `  stream: ${sentAt.size.toLocaleString('en')} reports stored, ${got.toLocaleString('en')} of ${expected.toLocaleString('en')} deliveries (${(expected - got).toLocaleString('en')} missed), ${delivered.closed} streams closed; report → receipt p50 ${percentile(receipts, 50).toFixed(0)} ms, p99 ${percentile(receipts, 99).toFixed(0)} ms (${TIMED_CLIENTS} clients timed)`,
    `  server RSS ${memory.map((m) => m.toFixed(0)).join(' → ')} MB; errors logged: ${(server.output().match(/"level":"(error|fatal)"/g) ?? []).length}; load average ${loadavg()[0]?.toFixed(2)}`,
  )
  return lines
}

export async function benchLoad(adminUrl: string, incidents: number, minutes: number): Promise<string[]> {
  return withScratchDatabase(adminUrl, `crosswatch_bench_load_${process.pid}`, async (url) => {
    const server = await startServer({ DATABASE_URL: url, CROSSWATCH_DEMO: '1' }, 300_000)
    try {
      const database = await openDatabase({ url, dataDir: '' })
      try {
        await fill(database, incidents)
      } finally {
        await database.close()
      }
      return [
        `load, ${minutes} min on the PostGIS server with +${incidents.toLocaleString('en')} incidents: ${SSE_CLIENTS.toLocaleString('en')} SSE clients, ${REPORTS_PER_S} reports/s, ${READS_PER_S} reads/s (4 in 5 incident tiles z5–12, 1 in 5 small layers; If-None-Match as a browser)`,
        ...(await holdLoad(server, minutes)),
      ]
    } finally {
      await server.stop()
    }
  })
}
