// Sends the event stream to a server at a steady rate: counts batched per tick to POST /api/crossings,
// each report to POST /api/reports with a fresh Idempotency-Key, retried with the same key on network
// errors and 5xx answers. Everything is sent as simulated (Crosswatch-Simulated: true).
import { randomUUID } from 'node:crypto'
import type { CountItem } from '../../server/crossings.ts'
import type { EventStream, ReportBody } from './events.ts'

export interface SimulatorOptions {
  url: string
  token: string
  /** Events a second. */
  rate: number
  /** Stop after this many seconds; without it, run until stopped. */
  durationS?: number | undefined
  /** Requests in flight at most; beyond, events wait (and the achieved rate says so). @default 64 */
  maxInFlight?: number
  /** Tries of one request before its events count as failed. @default 5 */
  attempts?: number
  /** Ticks a second at which due events are made and sent. @default 20 */
  ticksPerSecond?: number
  now?: () => Date
  fetcher?: typeof fetch
  /** Told the stats once a second. */
  onStatus?: (stats: Stats) => void
  /** Told each refused request (a 4xx): its endpoint and the problem's detail. */
  onRefused?: (what: string, detail: string) => void
}

export interface Stats {
  elapsedS: number
  /** Events made and handed to a request. */
  sent: number
  counts: number
  reports: number
  /** Events the server confirmed (2xx). */
  accepted: number
  /** Events refused (4xx) or given up after every try. */
  failed: number
  /** Requests tried again. */
  retries: number
  inFlight: number
  /** Events sent a second, over the time spent sending. */
  rate: number
  /** Events the server confirmed a second, over the whole run (the drain after sending included). */
  acceptedRate: number
}

/** A 401 or 403: no point going on. */
class AuthError extends Error {
  override name = 'AuthError'
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export class Simulator {
  private readonly stats: Stats = {
    elapsedS: 0,
    sent: 0,
    counts: 0,
    reports: 0,
    accepted: 0,
    failed: 0,
    retries: 0,
    inFlight: 0,
    rate: 0,
    acceptedRate: 0,
  }
  private stopping = false
  private started = 0
  /** When the last events were made: the rate is over the time spent sending, not the drain after. */
  private sendingUntil = 0
  private readonly pending = new Set<Promise<void>>()
  private fatal: Error | null = null
  private wake: (() => void) | null = null

  constructor(
    private readonly events: EventStream,
    private readonly options: SimulatorOptions,
  ) {}

  /** Ends the run: no new events; requests in flight finish (or are given up after `graceMs`). */
  stop(): void {
    this.stopping = true
    this.wake?.()
  }

  snapshot(): Stats {
    const now = performance.now()
    const elapsedS = this.started ? (now - this.started) / 1000 : 0
    const sendingS = this.started ? ((this.sendingUntil || now) - this.started) / 1000 : 0
    return {
      ...this.stats,
      elapsedS,
      rate: sendingS > 0 ? this.stats.sent / sendingS : 0,
      acceptedRate: elapsedS > 0 ? this.stats.accepted / elapsedS : 0,
    }
  }

  /** Runs until the duration is over or `stop()`; resolves with the final stats. */
  async run(graceMs = 10_000): Promise<Stats> {
    const { rate, durationS, ticksPerSecond = 20, maxInFlight = 64 } = this.options
    const now = this.options.now ?? (() => new Date())
    this.started = performance.now()
    const status = setInterval(() => this.options.onStatus?.(this.snapshot()), 1000)
    try {
      while (!this.stopping && !this.fatal) {
        const elapsed = (performance.now() - this.started) / 1000
        const over = durationS !== undefined && elapsed >= durationS
        const due = Math.floor(rate * Math.min(elapsed, durationS ?? elapsed)) - this.stats.sent
        let counts: CountItem[] = []
        let keys = new Set<string>()
        const flush = async () => {
          if (!counts.length) return
          const batch = counts
          counts = []
          keys = new Set()
          await this.slot(maxInFlight)
          this.track(this.sendCounts(batch))
        }
        for (let i = 0; i < due && !this.stopping && !this.fatal; i++) {
          const event = this.events.next(now())
          this.stats.sent++
          if (event.kind === 'count') {
            this.stats.counts++
            // One request may not name a site's hour twice: a repeat starts the next batch.
            const key = `${event.count.site}|${event.count.direction}|${event.count.periodStart}`
            if (keys.has(key)) await flush()
            keys.add(key)
            counts.push(event.count)
          } else {
            this.stats.reports++
            await this.slot(maxInFlight)
            this.track(this.sendReport(event.report))
          }
        }
        await flush()
        if (over) break
        await new Promise<void>((resolve) => {
          this.wake = resolve
          setTimeout(resolve, 1000 / ticksPerSecond)
        })
      }
      this.sendingUntil = performance.now()
      let timer: NodeJS.Timeout | undefined
      const grace = new Promise((resolve) => {
        timer = setTimeout(resolve, graceMs)
      })
      await Promise.race([Promise.allSettled([...this.pending]), grace])
      clearTimeout(timer)
    } finally {
      clearInterval(status)
    }
    if (this.fatal) throw this.fatal
    return this.snapshot()
  }

  private async slot(maxInFlight: number) {
    while (this.pending.size >= maxInFlight) await Promise.race(this.pending)
  }

  private track(work: Promise<void>) {
    this.stats.inFlight++
    const done = work.finally(() => {
      this.stats.inFlight--
      this.pending.delete(done)
    })
    this.pending.add(done)
  }

  private sendCounts(counts: CountItem[]): Promise<void> {
    return this.send('crossings', { counts }, {}, counts.length)
  }

  private sendReport(report: ReportBody): Promise<void> {
    return this.send('reports', report, { 'idempotency-key': randomUUID() }, 1)
  }

  /** One request, tried again with the same body and headers on a network error or a 5xx. */
  private async send(path: string, body: unknown, headers: Record<string, string>, events: number) {
    const fetcher = this.options.fetcher ?? fetch
    const attempts = this.options.attempts ?? 5
    const init = {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${this.options.token}`,
        'crosswatch-simulated': 'true',
        ...headers,
      },
      body: JSON.stringify(body),
    }
    const url = new URL(`api/${path}`, this.options.url)
    for (let attempt = 1; ; attempt++) {
      let retry: string
      try {
        const response = await fetcher(url, init)
        const text = await response.text()
        if (response.ok) {
          this.stats.accepted += events
          return
        }
        if (response.status < 500) {
          this.stats.failed += events
          const detail = problemDetail(text) ?? `${response.status} ${response.statusText}`
          if (response.status === 401 || response.status === 403) {
            this.fatal ??= new AuthError(`the server refused the token: ${detail}`)
            this.stop()
          } else this.options.onRefused?.(`POST /api/${path}`, detail)
          return
        }
        retry = `${response.status}`
      } catch (error) {
        retry = error instanceof Error ? error.message : String(error)
      }
      if (attempt >= attempts) {
        this.stats.failed += events
        this.options.onRefused?.(`POST /api/${path}`, `gave up after ${attempts} tries: ${retry}`)
        return
      }
      this.stats.retries++
      await sleep(Math.min(5000, 100 * 2 ** attempt))
    }
  }
}

function problemDetail(text: string): string | undefined {
  try {
    const problem = JSON.parse(text) as { title?: string; detail?: string }
    return [problem.title, problem.detail].filter(Boolean).join(': ') || undefined
  } catch {
    return undefined
  }
}
