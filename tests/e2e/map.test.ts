// The dashboard as a person sees it: headless Chromium loads the page from a running server, waits for
// the map, finds the border posts in the canvas pixels, and keeps a screenshot in test-results/.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { type Browser, chromium, type Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { POST_COLORS } from '../../web/src/map/layers/border-posts.ts'
import { useTestDatabase } from '../helpers/database.ts'
import { engines } from '../helpers/engines.ts'
import { type RunningServer, startServer } from '../helpers/server.ts'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const found = existsSync(CHROMIUM)
const required = Boolean(process.env.CROSSWATCH_REQUIRE_BROWSER)
if (!found) {
  const message = `Chromium not found at ${CHROMIUM}: the browser test is ${required ? 'required and fails' : 'SKIPPED'} (install it with: apt-get install chromium, or set CHROMIUM_PATH)`
  console.warn(`\n*** ${message}\n`)
  if (required) throw new Error(message)
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
]
export const SCREENSHOTS = 'test-results/screenshots'

/** How many pixels of the image are within `tolerance` of one of the colours. */
export function countColour(png: Buffer, colours: readonly (readonly number[])[], tolerance = 30): number {
  const { data } = PNG.sync.read(png)
  let n = 0
  for (let i = 0; i < data.length; i += 4) {
    for (const [r = 0, g = 0, b = 0] of colours) {
      if (
        Math.abs((data[i] ?? 0) - r) <= tolerance &&
        Math.abs((data[i + 1] ?? 0) - g) <= tolerance &&
        Math.abs((data[i + 2] ?? 0) - b) <= tolerance
      ) {
        n++
        break
      }
    }
  }
  return n
}

// The last engine: PostGIS when DATABASE_URL is set (CI), the embedded one otherwise.
const engine = engines[engines.length - 1] ?? 'pglite'

describe.skipIf(!found)(`the dashboard in Chromium (${engine})`, () => {
  const database = useTestDatabase(engine)
  let server: RunningServer
  let browser: Browser
  let page: Page
  const consoleErrors: string[] = []

  beforeAll(async () => {
    await database.current.close() // the server process opens it
    server = await startServer(database.handle.env)
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    page = await browser.newPage({ viewport: { width: 1600, height: 900 } })
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text())
    })
    page.on('pageerror', (e) => consoleErrors.push(e.message))
    mkdirSync(SCREENSHOTS, { recursive: true })
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    database.current = await database.handle.open()
  })

  /** Pixels in the colours of the posts, on the map only: panels and legend (same colours) are masked. */
  async function postPixels(target: Page, attempts = 20): Promise<number> {
    let pixels = 0
    for (let i = 0; i < attempts; i++) {
      const shot = await target
        .locator('canvas')
        .first()
        .screenshot({
          mask: [target.locator('.panel, header, .legend')],
          maskColor: '#000000',
        })
      pixels = countColour(shot, Object.values(POST_COLORS))
      if (pixels >= 40) break
      await target.waitForTimeout(500)
    }
    return pixels
  }

  it('draws the border posts on the offline map without console errors', async () => {
    const requests: string[] = []
    page.on('request', (r) => requests.push(r.url()))
    await page.goto(server.url)
    await page.waitForSelector('[data-map-state="ready"]', { timeout: 60_000 })
    const pixels = await postPixels(page)
    writeFileSync(`${SCREENSHOTS}/map.png`, await page.screenshot())
    expect(pixels, 'pixels in the colours of the border posts').toBeGreaterThanOrEqual(40)
    expect(consoleErrors).toEqual([])
    const outside = requests.filter(
      (u) => !u.startsWith(server.url) && !u.startsWith('data:') && !u.startsWith('blob:'),
    )
    expect(outside, 'requests that left the server (the map must work offline)').toEqual([])
  })

  it('finds no post pixels when the API returns no posts (the pixel check can fail)', async () => {
    const empty = await browser.newPage({ viewport: { width: 1600, height: 900 } })
    await empty.route('**/api/layers/border-posts*', (route) =>
      route.fulfill({
        contentType: 'application/geo+json',
        body: '{"type":"FeatureCollection","features":[]}',
      }),
    )
    await empty.goto(server.url)
    await empty.waitForSelector('[data-map-state="ready"]', { timeout: 60_000 })
    await empty.waitForTimeout(1000)
    expect(await postPixels(empty, 2)).toBeLessThan(40)
    await empty.close()
  })
})
