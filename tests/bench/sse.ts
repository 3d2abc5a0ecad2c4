// `npm run bench -- --sse N`: report → receipt latency over GET /api/stream with N SSE clients, against a
// bare Node broadcaster (an http server that writes each POSTed message to every open response) driven
// the same way in the same run. Both run as processes of their own; the clients live in a worker thread,
// so that neither server shares a core's event loop with them. With DATABASE_URL the same server then gives
// the ingest figures (ingest.ts). Printed, never asserted.
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { loadavg } from 'node:os'
import { signIn } from '../../data/cli/credentials.ts'
import { DEMO_PASSWORD } from '../../data/seed/demo-users.ts'
import { startServer } from '../helpers/server.ts'
import { benchIngest } from './ingest.ts'
import { postReport } from './post-report.ts'
import { type Delivered, startClients } from './sse-clients.ts'
import { percentile } from './stats.ts'

/** Messages sent, one each 1000 / RATE ms. @default 20 a second for 10 s (SSE_RATE to try another) */
const RATE = Number(process.env.SSE_RATE ?? 20)
const SECONDS = 10

/** The anchor: what any SSE server must do at least, in 20 lines. */
const BROADCASTER = `
const http = require('node:http')
const clients = new Set()
let id = 0
http.createServer((req, res) => {
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
    res.write('event: ready\\ndata: {}\\n\\n')
    clients.add(res)
    req.on('close', () => clients.delete(res))
    return
  }
  let body = ''
  req.on('data', (c) => { body += c })
  req.on('end', () => {
    const n = ++id
    const message = 'event: incident.created\\ndata: ' + JSON.stringify({ id: n, payload: { incidentId: n, body: JSON.parse(body) } }) + '\\nid: ' + n + '\\n\\n'
    for (const c of clients) c.write(message)
    res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: n }))
  })
}).listen(0, '127.0.0.1', function () { console.log('listening ' + this.address().port) })
`

const clock = () => performance.timeOrigin + performance.now()

/** RATE posts a second for SECONDS; each post's start time, by the incident id its answer names. */
async function post(send: () => Promise<Response>): Promise<Map<number, number>> {
  const sentAt = new Map<number, number>()
  const pending: Promise<void>[] = []
  const total = RATE * SECONDS
  const started = performance.now()
  for (let i = 0; i < total; i++) {
    const wait = started + (i * 1000) / RATE - performance.now()
    if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    const at = clock()
    pending.push(
      send().then(async (res) => {
        if (res.status >= 300) throw new Error(`POST answered ${res.status}: ${await res.text()}`)
        sentAt.set(((await res.json()) as { id: number }).id, at)
      }),
    )
  }
  await Promise.all(pending)
  await new Promise((r) => setTimeout(r, 3000)) // the last messages on their way
  return sentAt
}

/** Report → receipt for every receipt, and the deliveries missed, of posts sent at `sentAt` (by id). */
function latencies(sentAt: Map<number, number>, delivered: Delivered, clients: number) {
  const times: number[] = []
  const byId = new Map<number, number>()
  const { receipts } = delivered
  for (let i = 0; i < receipts.length; i += 2) {
    const id = receipts[i] as number
    const sent = sentAt.get(id)
    if (sent === undefined) continue
    byId.set(id, (byId.get(id) ?? 0) + 1)
    times.push((receipts[i + 1] as number) - sent)
  }
  let missing = 0
  for (const id of sentAt.keys()) missing += clients - (byId.get(id) ?? 0)
  return { p50: percentile(times, 50), p99: percentile(times, 99), missing, deliveries: times.length }
}

async function startBroadcaster(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-e', BROADCASTER], { stdio: ['ignore', 'pipe', 'inherit'] })
  const [line] = (await once(child.stdout as NodeJS.ReadableStream, 'data')) as [Buffer]
  return { url: `http://127.0.0.1:${String(line).trim().split(' ')[1]}/`, child }
}

const describe = (who: string, r: ReturnType<typeof latencies>) =>
  `${who.padEnd(36)} p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms (${r.deliveries.toLocaleString('en')} deliveries, ${r.missing} missing)`

/** The figures on a Crosswatch server process opened with `env` (a DATABASE_URL, or a data folder). */
export async function benchSse(
  label: string,
  env: Record<string, string>,
  clients: number,
): Promise<string[]> {
  const lines = [
    `${label}: ${clients.toLocaleString('en')} SSE clients, ${RATE} reports a second for ${SECONDS} s (load average ${loadavg()[0]?.toFixed(2)})`,
  ]
  const server = await startServer({ ...env, CROSSWATCH_DEMO: '1' }, 300_000)
  try {
    // The clients are the reporters' coordinators: they may see the unverified reports.
    const watcher = await signIn(server.url, 'coordinator@crosswatch.example', DEMO_PASSWORD)
    const reporter = await signIn(server.url, 'reporter@crosswatch.example', DEMO_PASSWORD)
    const stream = startClients(
      `${server.url}api/stream`,
      { authorization: `Bearer ${watcher}` },
      clients,
      clients,
    )
    await stream.ready
    let n = 0
    const sentAt = await post(() =>
      postReport(server.url, reporter, [8 + (n % 10) * 0.05, 17 + (n++ % 7) * 0.05], 'SSE bench report'),
    )
    const crosswatch = latencies(sentAt, await stream.stop(), clients)
    const bare = await startBroadcaster()
    try {
      const anchor = startClients(bare.url, {}, clients, clients)
      await anchor.ready
      const anchorSent = await post(() =>
        fetch(bare.url, { method: 'POST', body: JSON.stringify({ description: 'SSE bench report' }) }),
      )
      const broadcaster = latencies(anchorSent, await anchor.stop(), clients)
      lines.push(
        `  ${describe('GET /api/stream (report → receipt)', crosswatch)}`,
        `  ${describe('bare Node broadcaster (POST → receipt)', broadcaster)}`,
        `  ÷ the broadcaster: ${(crosswatch.p50 / broadcaster.p50).toFixed(2)}× p50, ${(crosswatch.p99 / broadcaster.p99).toFixed(2)}× p99 (targets ≤ 1.5×, ≤ 2×)`,
      )
    } finally {
      bare.child.kill()
    }
    // The same server, for the ingest figures against pgbench (the server engine only).
    if (env.DATABASE_URL)
      lines.push(
        ...(await benchIngest(server.url, env.DATABASE_URL, reporter, 'reporter@crosswatch.example')),
      )
  } finally {
    await server.stop()
  }
  return lines
}
