// SSE clients for the benches, in a thread of their own so that the server is not measured with their
// parsing on its event loop: each counts the incident.created messages it receives, the first few note
// when each arrived (performance.timeOrigin + now: one clock across threads).
import { Worker } from 'node:worker_threads'

const CLIENTS = `
const http = require('node:http')
const { parentPort, workerData } = require('node:worker_threads')
const { url, headers, count, timed } = workerData
const agent = new http.Agent({ keepAlive: true, maxSockets: count + 10 })
const counts = new Array(count).fill(0)
const receipts = []
let ready = 0, closed = 0
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
        if (block.startsWith('event: ready')) { if (++ready === count) parentPort.postMessage({ ready }); continue }
        if (!block.startsWith('event: incident.created')) continue
        counts[i]++
        if (i < timed) receipts.push(Number(/"incidentId":(\\d+)/.exec(block)[1]), now())
      }
    })
    res.on('close', () => { closed++ })
  }).on('error', (err) => parentPort.postMessage({ error: String(err) }))
}
parentPort.on('message', () => { parentPort.postMessage({ counts, receipts, closed }); agent.destroy() })
`

export interface Delivered {
  /** incident.created messages each client received */
  counts: number[]
  /** The timed clients' receipts, flat: incident id, then when (performance.timeOrigin + now), … */
  receipts: number[]
  /** Streams the server ended */
  closed: number
}

/** `count` streams of `url`, the first `timed` of them timing each incident.created they receive. */
export function startClients(url: string, headers: Record<string, string>, count: number, timed: number) {
  const workerData = { url, headers, count, timed }
  const worker = new Worker(CLIENTS, { eval: true, workerData })
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: { ready?: number; error?: string }) => {
      if (m.error) reject(new Error(m.error))
      if (m.ready) resolve()
    })
  })
  const stop = async (): Promise<Delivered> => {
    const done = new Promise<Delivered>((resolve) =>
      worker.on('message', (m: Partial<Delivered>) => m.counts && resolve(m as Delivered)),
    )
    worker.postMessage('stop')
    const delivered = await done
    await worker.terminate()
    return delivered
  }
  return { ready, stop }
}
