// `npm run bench -- --browser N`: the map in headless Chromium against a server process on a scratch
// PostGIS database, first with the demo's incidents, then with N more (1,000,000 for the issue's
// figures): requests and bytes of the first view, time to the layers drawn, and frame times while the
// map is dragged about (requestAnimationFrame deltas), each ÷ the same at demo size. With `--soak M`
// it then drags and posts reports for M minutes, sampling the server's memory. Printed, never asserted.
import { loadavg } from 'node:os'
import { type Browser, chromium, type Page } from 'playwright-core'
import { signIn } from '../../data/cli/credentials.ts'
import { DEMO_PASSWORD } from '../../data/seed/demo-users.ts'
import { openDatabase } from '../../db/client.ts'
import { buildWebIfStale } from '../../web/build/build-if-stale.mjs'
import { CHROMIUM, CHROMIUM_ARGS, CHROMIUM_FOUND } from '../helpers/browser.ts'
import { withScratchDatabase } from '../helpers/engines.ts'
import { type RunningServer, startServer } from '../helpers/server.ts'
import { postReport } from './post-report.ts'
import { fill } from './scoped.ts'
import { percentile, rssMb } from './stats.ts'

const EMAIL = 'coordinator@crosswatch.example'
/** Drags of the map: each DRAG_PX across in DRAG_STEPS mouse moves. */
const DRAGS = 12
const DRAG_PX = 300
const DRAG_STEPS = 20

interface View {
  requests: number
  /** Answers of 500 or more, over the whole view and its drags. */
  errors: number
  bytes: number
  readyMs: number
  frames: { p50: number; p95: number; count: number }
}

/** Drags the map about (right, down, left, up) while the page records its frame-to-frame times. */
async function drag(page: Page, drags = DRAGS): Promise<number[]> {
  const box = await page.locator('canvas').first().boundingBox()
  if (!box) throw new Error('no map canvas')
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __framing: boolean }
    w.__frames = []
    w.__framing = true
    let last = performance.now()
    const tick = (now: number) => {
      w.__frames.push(now - last)
      last = now
      if (w.__framing) requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })
  const cx = box.x + box.width / 2
  const cy = box.y + box.height / 2
  const moves: [number, number][] = [
    [DRAG_PX, 0],
    [0, DRAG_PX],
    [-DRAG_PX, 0],
    [0, -DRAG_PX],
  ]
  for (let i = 0; i < drags; i++) {
    const [dx, dy] = moves[i % moves.length] as [number, number]
    await page.mouse.move(cx, cy)
    await page.mouse.down()
    await page.mouse.move(cx + dx, cy + dy, { steps: DRAG_STEPS })
    await page.mouse.up()
  }
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __framing: boolean }
    w.__framing = false
    return w.__frames.slice(1)
  })
}

/** A context at the wall screen's size. tsx names functions with __name(): the page gets a no-op one. */
async function newContext(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 } })
  await context.addInitScript('window.__name = (f) => f')
  return context
}

async function view(url: string): Promise<View> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  try {
    const context = await newContext(browser)
    const login = await context.request.post(new URL('api/auth/login', url).href, {
      data: { email: EMAIL, password: DEMO_PASSWORD },
      headers: { origin: new URL(url).origin },
    })
    if (login.status() !== 200) throw new Error(`signing in answered ${login.status()}`)
    const page = await context.newPage()
    const sizes: Promise<number>[] = []
    let errors = 0
    // Requests in flight, but for the stream, which stays open: the first view is done when none is.
    let inFlight = 0
    let lastSettled = performance.now()
    const counted = (url: string) => !url.includes('/api/stream')
    page.on('request', (request) => {
      if (counted(request.url())) inFlight++
    })
    const settled = () => {
      inFlight--
      lastSettled = performance.now()
    }
    page.on('requestfailed', (request) => counted(request.url()) && settled())
    page.on('response', (response) => {
      if (response.status() >= 500) errors++
    })
    page.on('requestfinished', (request) => {
      if (!counted(request.url())) return
      settled()
      sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize))
    })
    await page.goto(url)
    await page.waitForFunction(
      () => performance.getEntriesByName('crosswatch:layers-ready').length > 0,
      null,
      {
        timeout: 300_000,
      },
    )
    const readyMs = await page.evaluate(
      () => performance.getEntriesByName('crosswatch:layers-ready')[0]?.startTime ?? Number.NaN,
    )
    for (const deadline = performance.now() + 300_000; performance.now() < deadline; ) {
      if (inFlight <= 0 && performance.now() - lastSettled > 1000) break
      await new Promise((r) => setTimeout(r, 100))
    }
    const firstView = await Promise.all(sizes.splice(0))
    const deltas = (await drag(page)).sort((a, b) => a - b)
    return {
      errors,
      requests: firstView.length,
      bytes: firstView.reduce((a, b) => a + b, 0),
      readyMs,
      frames: { p50: percentile(deltas, 50), p95: percentile(deltas, 95), count: deltas.length },
    }
  } finally {
    await browser.close()
  }
}

/** Drags the map and posts a report a second for `minutes`, sampling the server's memory each 30 s. */
async function soak(url: string, server: RunningServer, minutes: number): Promise<string> {
  const token = await signIn(url, 'reporter@crosswatch.example', DEMO_PASSWORD)
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  const samples: number[] = [rssMb(server)]
  let posted = 0
  let failed = 0
  try {
    const context = await newContext(browser)
    await context.request.post(new URL('api/auth/login', url).href, {
      data: { email: EMAIL, password: DEMO_PASSWORD },
      headers: { origin: new URL(url).origin },
    })
    const page = await context.newPage()
    await page.goto(url)
    await page.waitForSelector('[data-map-state="ready"]', { timeout: 300_000 })
    const until = Date.now() + minutes * 60_000
    let nextSample = Date.now() + 30_000
    const poster = (async () => {
      while (Date.now() < until) {
        const res = await postReport(
          url,
          token,
          [7 + Math.random() * 8, 15 + Math.random() * 18],
          'soak report',
        )
        await res.arrayBuffer()
        if (res.status === 201) posted++
        else failed++
        await new Promise((r) => setTimeout(r, 1000))
      }
    })()
    while (Date.now() < until) {
      await drag(page, 4)
      if (Date.now() >= nextSample) {
        samples.push(rssMb(server))
        nextSample += 30_000
      }
    }
    await poster
  } finally {
    await browser.close()
  }
  samples.push(rssMb(server))
  const mb = (v: number) => `${v.toFixed(0)} MB`
  return `soak, ${minutes} min of dragging and a report a second (${posted} stored, ${failed} failed): server RSS ${samples.map(mb).join(' → ')}`
}

const describe = (label: string, v: View) =>
  `  ${label.padEnd(26)} first view ${v.requests} requests, ${(v.bytes / 1024).toFixed(0)} KiB; layers drawn at ${(v.readyMs / 1000).toFixed(1)} s; drag frames p50 ${v.frames.p50.toFixed(1)} ms, p95 ${v.frames.p95.toFixed(1)} ms (${v.frames.count}); ${v.errors} answers ≥ 500`

export async function benchBrowser(
  adminUrl: string,
  incidents: number,
  soakMinutes: number,
): Promise<string[]> {
  if (!CHROMIUM_FOUND) return [`browser: skipped (no Chromium at ${CHROMIUM})`]
  buildWebIfStale()
  return withScratchDatabase(adminUrl, `crosswatch_bench_browser_${process.pid}`, async (url) => {
    const lines = [`browser (headless Chromium, SwiftShader, 1600×900, as ${EMAIL}), PostGIS server:`]
    const server = await startServer({ DATABASE_URL: url, CROSSWATCH_DEMO: '1' }, 300_000)
    try {
      const demo = await view(server.url)
      lines.push(describe('demo (4.4k incidents)', demo))
      const database = await openDatabase({ url, dataDir: '' })
      try {
        await fill(database, incidents)
      } finally {
        await database.close()
      }
      const big = await view(server.url)
      const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`
      lines.push(
        describe(`+${incidents.toLocaleString('en')} incidents`, big),
        `  ÷ demo: requests ${ratio(big.requests, demo.requests)}, bytes ${ratio(big.bytes, demo.bytes)}, drawn ${ratio(big.readyMs, demo.readyMs)}, frames p50 ${ratio(big.frames.p50, demo.frames.p50)}, p95 ${ratio(big.frames.p95, demo.frames.p95)} (load average ${loadavg()[0]?.toFixed(2)})`,
      )
      if (soakMinutes > 0) lines.push(`  ${await soak(server.url, server, soakMinutes)}`)
      const errors = server.output().match(/"level":"error"[^\n]*/g) ?? []
      lines.push(
        `  server errors logged: ${errors.length}${errors.length ? ` (first: ${errors[0]?.slice(0, 200)})` : ''}`,
      )
    } finally {
      await server.stop()
    }
    return lines
  })
}
