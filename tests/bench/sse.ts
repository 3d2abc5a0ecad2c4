// `npm run bench -- --sse N`: report → receipt latency over GET /api/stream with N SSE clients, against a
// bare Node broadcaster (an http server that writes each POSTed message to every open response) driven
// the same way in the same run. Both run as processes of their own; the clients live in a worker thread,
// so that neither server shares a core's event loop with them. With DATABASE_URL the same server then gives
// the ingest figures (ingest.ts). Printed, never asserted.
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { loadavg } from 'node:os'
import { Worker } from 'node:worker_threads'
import { signIn } from '../../data/cli/credentials.ts'
import { DEMO_PASSWORD } from '../../data/seed/demo-users.ts'
import { startServer } from '../helpers/server.ts'
import { benchIngest } from './ingest.ts'
import { postReport } from './post-report.ts'

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

/**
 * N keep-alive SSE connections; each records when it read each incident.created (by incident id). On
 * 'stop' it posts back, per incident, every client's receipt time (performance.timeOrigin + now: one
 * clock across threads).
 */
const CLIENTS = `
const http = require('node:http')
const { parentPort, workerData } = require('node:worker_threads')
const { url, headers, count } = workerData
const agent = new http.Agent({ keepAlive: true, maxSockets: count + 10 })
const received = new Map()
let ready = 0
const now = () => performance.timeOrigin + performance.now()
for (let i = 0; i < count; i++) {
  http.get(url, { agent, headers }, (res) => {
    let text = ''
    res.setEncoding('utf8')
    res.on('data', (chunk) => {
      text += chunk
      let end
      while ((end = text.indexOf('\\n\\n')) >= 0) {
        const block = text.slice(0, end)
        text = text.slice(end + 2)
        if (block.startsWith('event: ready')) { if (++ready === count) parentPort.postMessage({ ready }) ; continue }
        if (!block.startsWith('event: incident.created')) continue
        const at = now()
        // Not JSON.parse: a feature is ~1.5 KB, and the clients' one thread must not be what is measured.
        const incident = Number(/"incidentId":(\\d+)/.exec(block)[1])
        const list = received.get(incident) ?? []
        list.push(at)
        received.set(incident, list)
      }
    })
  }).on('error', (err) => parentPort.postMessage({ error: String(err) }))
}
parentPort.on('message', () => { parentPort.postMessage({ received: [...received] }); agent.destroy() })
`

type Received = [number, number[]][]

function startClients(url: string, headers: Record<string, string>, count: number) {
  const worker = new Worker(CLIENTS, { eval: true, workerData: { url, headers, count } })
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: { ready?: number; error?: string }) => {
      if (m.error) reject(new Error(m.error))
      if (m.ready) resolve()
    })
  })
  const stop = async (): Promise<Received> => {
    const done = new Promise<Received>((resolve) =>
      worker.on('message', (m: { received?: Received }) => m.received && resolve(m.received)),
    )
    worker.postMessage('stop')
    const received = await done
    await worker.terminate()
    return received
  }
  return { ready, stop }
}

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

function latencies(sentAt: Map<number, number>, received: Received, clients: number) {
  const times: number[] = []
  let missing = 0
  const byId = new Map(received)
  for (const [id, at] of sentAt) {
    const list = byId.get(id) ?? []
    missing += clients - list.length
    for (const r of list) times.push(r - at)
  }
  times.sort((a, b) => a - b)
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? NaN
  return { p50: at(50), p99: at(99), missing, deliveries: times.length }
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
    const stream = startClients(`${server.url}api/stream`, { authorization: `Bearer ${watcher}` }, clients)
    await stream.ready
    let n = 0
    const sentAt = await post(() =>
      postReport(server.url, reporter, [8 + (n % 10) * 0.05, 17 + (n++ % 7) * 0.05], 'SSE bench report'),
    )
    const crosswatch = latencies(sentAt, await stream.stop(), clients)
    const bare = await startBroadcaster()
    try {
      const anchor = startClients(bare.url, {}, clients)
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
