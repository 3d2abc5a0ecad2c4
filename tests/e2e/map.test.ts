// The dashboard as a person sees it: headless Chromium loads the page from a running server, waits for
// the map, toggles each layer (a screenshot of each), moves the time slider, and sees an incident
// stored in the database appear on the map and in the live feed. Screenshots go to test-results/.
import { randomUUID } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { sql } from 'drizzle-orm'
import type { BrowserContext, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../data/seed/demo-users.ts'
import { POST_COLORS } from '../../web/src/map/layers/border-posts.ts'
import { layerOrder } from '../../web/src/map/layers/index.ts'
import { CHROMIUM_FOUND, SCREENSHOTS, warnIfNoChromium } from '../helpers/browser.ts'
import { countColour, countDifferent, settledShot } from '../helpers/canvas.ts'
import { useTestDatabase } from '../helpers/database.ts'
import { useDemo } from '../helpers/demo.ts'
import { engines } from '../helpers/engines.ts'
import { startServer } from '../helpers/server.ts'

warnIfNoChromium('the map browser test')

/** Colours of counted posts ('uncounted' grey is too near the basemap's borders to tell apart). */
const POSTS_SEEN = [POST_COLORS.surge, POST_COLORS.watch, POST_COLORS.normal]

// The last engine: PostGIS when DATABASE_URL is set (CI), the embedded one otherwise.
const engine = engines[engines.length - 1] ?? 'pglite'
// The server runs in demo mode: the wall screen signs in as the demo viewer, and incidents are reported
// through the API as the demo field reporter, as a phone would.
const VIEWER = { email: 'viewer@crosswatch.example', password: DEMO_PASSWORD }
const REPORTER = { email: 'reporter@crosswatch.example', password: DEMO_PASSWORD }

/** Incidents of the last days, so that the incidents and hotspots layers have something in the window. */
const FIXTURE_INCIDENTS = [
  // lon, lat, days ago, type, severity
  [12.3, 34.9, 1, 'shipwreck', 'critical'],
  [12.4, 35.0, 2, 'interception_or_rescue', 'high'],
  [13.2, 32.9, 3, 'violence_or_abuse', 'high'],
  [5.9, 19.5, 2, 'stranded_group', 'moderate'],
  [10.2, 33.1, 4, 'expulsion_or_pushback', 'low'],
  [14.5, 35.8, 1, 'death_or_disappearance', 'critical'],
] as const

describe.skipIf(!CHROMIUM_FOUND)(`the dashboard in Chromium (${engine})`, () => {
  const database = useTestDatabase(engine)
  const demo = useDemo(database, async () => {
    await database.current.rows(sql`
      INSERT INTO sources (id, name, publisher, licence, modelled)
      VALUES ('e2e-incidents', 'Browser test incidents', 'Crosswatch tests', 'CC0 1.0', false)`)
    for (const [lon, lat, daysAgo, type, severity] of FIXTURE_INCIDENTS) {
      await database.current.rows(sql`
        INSERT INTO incidents (location, occurred_at, type, severity, description, source_id)
        VALUES (ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326),
                now() - make_interval(days => ${daysAgo}::int), ${type}, ${severity}, 'Browser test fixture', 'e2e-incidents')`)
    }
  })
  let context: BrowserContext
  let page: Page
  const consoleErrors: string[] = []
  const requests: string[] = []

  beforeAll(async () => {
    // One context for the wall screen's pages: they share its session cookie.
    context = await demo.browser.newContext({ viewport: { width: 1600, height: 900 } })
    page = await context.newPage()
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text())
    })
    page.on('pageerror', (e) => consoleErrors.push(e.message))
    page.on('crash', () => consoleErrors.push('the page crashed (renderer out of memory?)'))
    page.on('request', (r) => requests.push(r.url()))
  })

  /** The map alone: panels (which use the same colours) are masked. */
  const mapShot = (target: Page) =>
    target
      .locator('canvas')
      .first()
      .screenshot({ mask: [target.locator('.panel, header')], maskColor: '#000000' })

  /** The map once it has stopped changing, alone or with the page around it (for the screenshot files). */
  const settledMap = (target: Page) => settledShot(() => mapShot(target))
  const settledPage = (target: Page) => settledShot(() => target.screenshot())

  /** Pixels in the colours of the posts. */
  const postPixels = async (target: Page) => countColour(await mapShot(target), POSTS_SEEN)

  const setLayer = async (id: string, on: boolean) => {
    const box = page.getByTestId(`toggle-${id}`)
    if ((await box.isChecked()) !== on) await box.click()
  }

  it('asks to sign in first, says why a wrong password is refused, and lets the viewer in', async () => {
    await page.goto(demo.server.url)
    await page.getByLabel('Email').fill(VIEWER.email)
    await page.getByLabel('Password').fill('not the password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('wrong email or password')
    expect(requests.filter((url) => url.includes('/api/layers/'))).toEqual([])
    writeFileSync(`${SCREENSHOTS}/sign-in.png`, await page.screenshot())
    await page.getByLabel('Password').fill(VIEWER.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForSelector('[data-map-state="ready"]', { timeout: 120_000 })
    expect(await page.locator('.header__user').textContent()).toContain('Viewer')
    consoleErrors.length = 0 // the refused sign-in is logged by Chromium as a failed request
  }, 180_000)

  it('draws every layer on the offline map without console errors, and measures the first render', async () => {
    // A wall screen that reloads keeps its session: the first render is measured from here.
    await page.reload()
    await page.waitForSelector('[data-map-state="ready"]', { timeout: 120_000 })
    await page.waitForFunction(
      () => document.querySelectorAll('.layer[data-status="ready"]').length === 7,
      null,
      {
        timeout: 120_000,
      },
    )
    await expect
      .poll(() => postPixels(page), { message: 'pixels in the colours of the border posts', timeout: 20_000 })
      .toBeGreaterThanOrEqual(40)
    writeFileSync(`${SCREENSHOTS}/map.png`, await settledPage(page))
    const timing = await page.evaluate(() => ({
      mapReady: performance.getEntriesByName('crosswatch:map-ready')[0]?.startTime,
      layersReady: performance.getEntriesByName('crosswatch:layers-ready')[0]?.startTime,
    }))
    // Reported, not asserted: timings go to the README's figures.
    console.info(
      `[figures] first map render ${Math.round(timing.mapReady ?? -1)} ms, every layer's data ${Math.round(timing.layersReady ?? -1)} ms after navigation (${engine})`,
    )
    writeFileSync('test-results/first-render.json', JSON.stringify({ engine, ...timing }, null, 2))
    expect(await page.getByTestId('connection').getAttribute('data-state')).toBe('live')
    expect(consoleErrors).toEqual([])
    const outside = requests.filter(
      (u) => !u.startsWith(demo.server.url) && !u.startsWith('data:') && !u.startsWith('blob:'),
    )
    expect(outside, 'requests that left the server (the map must work offline)').toEqual([])
  }, 240_000)

  it('toggles each layer, each drawing something of its own', async () => {
    for (const id of layerOrder) await setLayer(id, false)
    const empty = await settledMap(page)
    writeFileSync(`${SCREENSHOTS}/layer-none.png`, await page.screenshot())
    for (const id of layerOrder) {
      await setLayer(id, true)
      await expect
        .poll(async () => countDifferent(empty, await mapShot(page)), {
          message: `pixels drawn by the ${id} layer alone`,
          timeout: 20_000,
        })
        .toBeGreaterThan(30)
      writeFileSync(`${SCREENSHOTS}/layer-${id}.png`, await page.screenshot())
      await setLayer(id, false)
      // Gone again before the next one is measured against the empty map.
      await settledMap(page)
    }
    for (const id of layerOrder) await setLayer(id, true)
  }, 120_000)

  it('moves the time window with the slider and fetches the layers for it', async () => {
    const label = page.getByTestId('time-label')
    const before = await label.textContent()
    const asked = page.waitForRequest(
      (r) => r.url().includes('/api/layers/crossings?from=') && r.url().includes('&to='),
    )
    // Keyboard on the start handle: ten days earlier; the window leaves live mode.
    await page.getByTestId('time-start').focus()
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft')
    await asked
    expect(await label.textContent()).not.toBe(before)
    expect(await page.getByTestId('live').getAttribute('aria-pressed')).toBe('false')
    await page.waitForFunction(() => document.querySelectorAll('.layer[data-status="ready"]').length === 7)
    writeFileSync(`${SCREENSHOTS}/time-window.png`, await settledPage(page))
    // Play steps the window a day at a time; pause stops it.
    const paused = await label.textContent()
    await page.getByTestId('play').click()
    await page.waitForFunction(
      (text) => document.querySelector('[data-testid="time-label"]')?.textContent !== text,
      paused,
      {
        timeout: 15_000,
      },
    )
    await page.getByTestId('play').click()
    expect(await page.getByTestId('play').getAttribute('aria-pressed')).toBe('false')
    // Back to live for the next test.
    await page.getByTestId('live').click()
    expect(await page.getByTestId('live').getAttribute('aria-pressed')).toBe('true')
  }, 120_000)

  it('shows an incident posted through the API on the map and in the feed within 2 s', async () => {
    for (const id of layerOrder) await setLayer(id, id === 'incidents')
    const before = await settledMap(page)
    const count = async () =>
      Number(await page.locator('.layer[data-layer="incidents"] .layer__count').textContent())
    const countBefore = await count()
    // The page notes when the line is in the feed and the incident in the layer the map draws from (the
    // same render), so that the time measured is the page's, not that of polling it from here.
    await page.evaluate((n) => {
      const w = window as unknown as { arrivedAt?: number }
      const seen = () =>
        document.querySelector('[data-event-type="incident.created"]') !== null &&
        Number(document.querySelector('.layer[data-layer="incidents"] .layer__count')?.textContent) === n
      new MutationObserver((_, observer) => {
        if (seen()) {
          w.arrivedAt = Date.now()
          observer.disconnect()
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true })
    }, countBefore + 1)
    const login = await fetch(new URL('api/auth/login', demo.server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(REPORTER),
    })
    const { token } = (await login.json()) as { token: string }
    const started = Date.now()
    // Off the coast of Tripoli, where the fixtures are not.
    const response = await fetch(new URL('api/reports', demo.server.url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({
        type: 'shipwreck',
        occurredAt: new Date().toISOString(),
        location: { type: 'Point', coordinates: [17.5, 33.8] },
        counts: { dead: 4, missing: 0, injured: 0, survivors: 0, children: 0 },
        description: 'Live test incident',
      }),
    })
    expect(response.status).toBe(201)
    await page.waitForFunction(
      () => (window as unknown as { arrivedAt?: number }).arrivedAt !== undefined,
      null,
      {
        timeout: 10_000,
      },
    )
    const elapsed =
      (await page.evaluate(() => (window as unknown as { arrivedAt: number }).arrivedAt)) - started
    console.info(
      `[figures] live incident in the feed and on the map ${elapsed} ms after it was posted (${engine})`,
    )
    const item = page.locator('[data-event-type="incident.created"]').first()
    expect(await item.textContent()).toContain('Shipwreck')
    expect(await count()).toBe(countBefore + 1)
    expect(elapsed).toBeLessThanOrEqual(2_000)
    // And drawn: the map's pixels change where it is.
    await expect
      .poll(async () => countDifferent(before, await mapShot(page)), {
        message: 'pixels the new incident changed',
        timeout: 10_000,
      })
      .toBeGreaterThanOrEqual(50)
    writeFileSync(`${SCREENSHOTS}/live-incident.png`, await page.screenshot())

    // A click on the feed line flies there and opens the incident in the side panel.
    await item.click()
    await page.getByTestId('side-panel').waitFor()
    expect(await page.getByTestId('side-panel').textContent()).toContain('Live test incident')
    for (const layer of layerOrder) await setLayer(layer, true)
    // Once the page stops changing the flight has ended (a new incident's pulse changes far fewer pixels).
    writeFileSync(`${SCREENSHOTS}/side-panel.png`, await settledPage(page))

    // The flight ended with the incident at the centre of the map: a click there selects it again.
    await page.getByRole('button', { name: 'Close' }).click()
    expect(await page.getByTestId('side-panel').count()).toBe(0)
    const map = await page.getByTestId('map').boundingBox()
    if (!map) throw new Error('no map')
    await page.mouse.click(map.x + map.width / 2, map.y + map.height / 2)
    await page.getByTestId('side-panel').waitFor({ timeout: 10_000 })
    // The tiles carry what the map draws; the whole record is loaded when the incident is opened.
    await expect
      .poll(async () => page.getByTestId('side-panel').textContent(), { timeout: 10_000 })
      .toContain('Live test incident')
    // The pointer is still on it: its tooltip says what it is.
    await page.mouse.move(map.x + map.width / 2 + 1, map.y + map.height / 2)
    await page.getByTestId('tooltip').waitFor({ timeout: 10_000 })
    expect(await page.getByTestId('tooltip').textContent()).toContain('Shipwreck')
    writeFileSync(`${SCREENSHOTS}/tooltip.png`, await page.screenshot())
    expect(consoleErrors).toEqual([])
  }, 180_000)

  it('shows the stream reconnecting when the server goes away, and live again when it is back', async () => {
    await page.waitForSelector('[data-testid="connection"][data-state="live"]')
    const port = new URL(demo.server.url).port
    await demo.server.stop()
    await page.waitForSelector('[data-testid="connection"][data-state="reconnecting"]', { timeout: 30_000 })
    // The same address again, as after a restart: the page finds it by itself, without a reload.
    demo.server = await startServer({ ...database.handle.env, CROSSWATCH_DEMO: '1', PORT: port })
    await page.waitForSelector('[data-testid="connection"][data-state="live"]', { timeout: 90_000 })
  }, 180_000)

  it('finds no post pixels when the API returns no posts (the pixel check can fail)', async () => {
    const empty = await context.newPage()
    await empty.route('**/api/layers/**', (route) =>
      route.fulfill({
        contentType: 'application/geo+json',
        body: '{"type":"FeatureCollection","features":[]}',
      }),
    )
    // An empty vector tile is no bytes at all.
    await empty.route('**/api/tiles/**', (route) =>
      route.fulfill({ contentType: 'application/vnd.mapbox-vector-tile', body: '' }),
    )
    await empty.goto(demo.server.url)
    await empty.waitForSelector('[data-map-state="ready"]', { timeout: 120_000 })
    // Every layer answered (with nothing): the page marks it, as for the first render's figures.
    await empty.waitForFunction(() => performance.getEntriesByName('crosswatch:layers-ready').length > 0)
    expect(countColour(await settledMap(empty), POSTS_SEEN)).toBeLessThan(40)
    await empty.close()
  }, 240_000)

  it('lays out on a 1366×768 laptop', async () => {
    const laptop = await context.newPage()
    await laptop.setViewportSize({ width: 1366, height: 768 })
    await laptop.goto(demo.server.url)
    await laptop.waitForSelector('[data-map-state="ready"]', { timeout: 120_000 })
    await laptop.waitForFunction(
      () => document.querySelectorAll('.layer[data-status="ready"]').length === 7,
      null,
      {
        timeout: 120_000,
      },
    )
    writeFileSync(`${SCREENSHOTS}/laptop.png`, await settledPage(laptop))
    // Panels do not overlap one another.
    const boxes = await Promise.all(
      ['layer-panel', 'feed', 'timebar'].map((id) => laptop.getByTestId(id).boundingBox()),
    )
    const [panel, feed, bar] = boxes
    expect(panel && feed && panel.x + panel.width < feed.x).toBe(true)
    expect(panel && bar && panel.y + panel.height <= bar.y).toBe(true)
    await laptop.close()
  }, 240_000)
})
