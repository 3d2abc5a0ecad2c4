// The two pages under the server's Content-Security-Policy, in Chromium against the real server: the map
// (MapLibre and its worker, deck.gl on WebGL2, the data: icon atlas, every layer) and the field report page
// (its service worker, GPS, a photo, its small map's worker from a blob: URL) work with no violation, and
// the policy does refuse what it forbids (an inline script), so an empty list of violations means something.
import { sql } from 'drizzle-orm'
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../data/seed/demo-users.ts'
import { CHROMIUM_FOUND, cspViolations, warnIfNoChromium } from '../helpers/browser.ts'
import { settledShot } from '../helpers/canvas.ts'
import { useTestDatabase } from '../helpers/database.ts'
import { useDemo } from '../helpers/demo.ts'
import { engines } from '../helpers/engines.ts'

warnIfNoChromium('the Content-Security-Policy browser test')
const engine = engines[engines.length - 1] ?? 'pglite'

const VIEWER = { email: 'viewer@crosswatch.example', password: DEMO_PASSWORD }
const REPORTER = { email: 'reporter@crosswatch.example', password: DEMO_PASSWORD }

function picture(): Buffer {
  const png = new PNG({ width: 64, height: 48 })
  png.data.fill(160)
  return PNG.sync.write(png)
}

describe.skipIf(!CHROMIUM_FOUND)(`the pages under their Content-Security-Policy (${engine})`, () => {
  const database = useTestDatabase(engine)
  const demo = useDemo(database, async () => {
    // An incident in the window, so that the map loads deck.gl's icon atlas.
    await database.current.rows(sql`
      INSERT INTO sources (id, name, publisher, licence, modelled)
      VALUES ('e2e-csp', 'Browser test incidents', 'Crosswatch tests', 'CC0 1.0', false)`)
    await database.current.rows(sql`
      INSERT INTO incidents (location, occurred_at, type, severity, description, source_id)
      VALUES (ST_SetSRID(ST_MakePoint(12.4, 35.0), 4326), now() - interval '1 day', 'shipwreck', 'high',
              'Browser test fixture', 'e2e-csp')`)
  })
  const url = (path: string) => new URL(path, demo.server.url).href

  it('draws the map and every layer with no violation, and refuses an inline script', async () => {
    const context = await demo.browser.newContext({ viewport: { width: 1280, height: 800 } })
    const violations = await cspViolations(context)
    expect((await context.request.post(url('/api/auth/login'), { data: VIEWER })).status()).toBe(200)
    const page = await context.newPage()
    const answer = await page.goto(demo.server.url)
    expect(answer?.headers()['content-security-policy']).toContain("frame-ancestors 'none'")
    await page.waitForSelector('[data-map-state="ready"]', { timeout: 120_000 })
    await page.waitForFunction(
      () =>
        document.querySelector('.layer[data-status="ready"]') &&
        !document.querySelector('.layer:is([data-status="loading"], [data-status="error"])'),
      null,
      { timeout: 120_000 },
    )
    // deck.gl loads the icon atlas once the incidents draw: the map has drawn them when it settles.
    await settledShot(() => page.locator('canvas').first().screenshot())
    expect(violations).toEqual([])

    await page.evaluate(() => {
      const script = document.createElement('script')
      script.textContent = 'window.inlineRan = true'
      document.head.append(script)
    })
    await expect.poll(() => violations.length).toBeGreaterThan(0)
    expect(await page.evaluate(() => 'inlineRan' in window)).toBe(false)
    await context.close()
  }, 300_000)

  it('lets the report page use its service worker, the GPS, a photo and its small map with no violation', async () => {
    const context = await demo.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      geolocation: { latitude: 35.41, longitude: 12.87, accuracy: 15 },
      permissions: ['geolocation'],
      serviceWorkers: 'allow',
    })
    const violations = await cspViolations(context)
    const page = await context.newPage()
    await page.goto(url('/report'))
    await page.getByLabel('Email').fill(REPORTER.email)
    await page.getByLabel('Password').fill(REPORTER.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByTestId('report-form').waitFor()
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 })
    await page.getByTestId('use-gps').click()
    await expect.poll(() => page.getByTestId('location-value').textContent()).toContain('±15 m')
    await page.getByTestId('photo-input').setInputFiles({
      name: 'scene.png',
      mimeType: 'image/png',
      buffer: picture(),
    })
    await page.getByTestId('photo-thumb').waitFor()
    await page.getByTestId('toggle-map').click()
    await page.waitForSelector(
      '[data-testid="pick-map"]:is([data-map-state="ready"], [data-map-state="error"])',
      {
        timeout: 120_000,
      },
    )
    expect(await page.getByTestId('pick-map').getAttribute('data-map-state')).toBe('ready')
    expect(violations).toEqual([])
    await context.close()
  }, 300_000)
})
