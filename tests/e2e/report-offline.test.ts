// The field report page on a phone with no connection, in Chromium against the real server, on each engine:
// a reporter sends reports offline (they wait on the phone), reloads the page offline (the service worker
// serves it), comes back online, and each report is stored exactly once and shows up live on the command-
// centre map of a viewer in another browser. Then an answer lost on the way back (the report must not be
// stored twice) and a report the server refuses (its reason shown next to the field). Screenshots go to
// test-results/screenshots/.
import { writeFileSync } from 'node:fs'
import type { BrowserContext, Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../data/seed/demo-users.ts'
import { CHROMIUM_FOUND, SCREENSHOTS, warnIfNoChromium } from '../helpers/browser.ts'
import { settledShot } from '../helpers/canvas.ts'
import { useTestDatabase } from '../helpers/database.ts'
import { useDemo } from '../helpers/demo.ts'
import { engines } from '../helpers/engines.ts'

warnIfNoChromium('the report page browser test')

const VIEWER = { email: 'viewer@crosswatch.example', password: DEMO_PASSWORD }
const REPORTER = { email: 'reporter@crosswatch.example', password: DEMO_PASSWORD }
/** Off Lampedusa, as the phone's GPS gives it. */
const GPS = { latitude: 35.41, longitude: 12.87, accuracy: 15 }

/** A picture larger than the page sends: 2400×1800, to be shrunk to 1600×1200. */
function bigPicture(): Buffer {
  const png = new PNG({ width: 2400, height: 1800 })
  for (let i = 0; i < png.data.length; i += 4) {
    const pixel = i / 4
    png.data[i] = (pixel % 2400) / 10
    png.data[i + 1] = Math.floor(pixel / 2400) / 8
    png.data[i + 2] = 120
    png.data[i + 3] = 255
  }
  return PNG.sync.write(png)
}

/** Width and height from a JPEG's start-of-frame marker. */
function jpegSize(bytes: Buffer): { width: number; height: number } | null {
  for (let i = 2; i + 9 < bytes.length; ) {
    if (bytes[i] !== 0xff) return null
    const marker = bytes[i + 1] as number
    if (marker >= 0xc0 && marker <= 0xc3)
      return { height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) }
    i += 2 + bytes.readUInt16BE(i + 2)
  }
  return null
}

describe.skipIf(!CHROMIUM_FOUND).each(engines)('the field report page offline (%s)', (engine) => {
  const database = useTestDatabase(engine)
  const demo = useDemo(database)
  let wall: BrowserContext
  let phone: BrowserContext
  let map: Page
  let page: Page
  const errors: string[] = []
  /** Every POST /api/reports the phone made that reached the server, with its key and answer. */
  const posts: { key: string; status: number; replayed: boolean }[] = []
  const tag = `${engine}-${Date.now().toString(36)}`
  const descriptions = { gps: `Boat adrift, GPS (${tag})`, map: `Group on the shore, map (${tag})` }
  const shot = async (name: string) =>
    writeFileSync(`${SCREENSHOTS}/${name}-${engine}.png`, await page.screenshot({ fullPage: true }))
  const url = (path: string) => new URL(path, demo.server.url).toString()

  /** How many incidents with this description the server has, as the viewer reads them. */
  async function stored(description: string): Promise<number> {
    const from = new Date(Date.now() - 3 * 3600_000).toISOString()
    const response = await wall.request.get(url(`/api/layers/incidents?from=${encodeURIComponent(from)}`))
    expect(response.status()).toBe(200)
    const { features } = (await response.json()) as { features: { properties: { description: string } }[] }
    return features.filter((f) => f.properties.description === description).length
  }

  const item = (description: string) => page.getByTestId('report-item').filter({ hasText: description })
  const stateOf = (description: string) => item(description).getAttribute('data-state')

  beforeAll(async () => {
    // The command centre: the viewer's session cookie (its map page opens before the phone is online).
    wall = await demo.browser.newContext({ viewport: { width: 1280, height: 800 } })
    expect((await wall.request.post(url('/api/auth/login'), { data: VIEWER })).status()).toBe(200)

    // The phone: a small touch screen with a GPS fix, another browser profile.
    phone = await demo.browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'en-GB',
      geolocation: GPS,
      permissions: ['geolocation'],
      serviceWorkers: 'allow',
    })
    page = await phone.newPage()
    page.on('pageerror', (e) => errors.push(`report: ${e.message}`))
    page.on('console', (m) => {
      // A failed fetch while offline is logged by Chromium as an error: that is the test, not a fault.
      if (m.type() === 'error' && !/net::ERR_|Failed to load resource/.test(m.text()))
        errors.push(`report console: ${m.text()}`)
    })
    page.on('response', async (response) => {
      const request = response.request()
      if (request.method() !== 'POST' || !request.url().endsWith('/api/reports')) return
      posts.push({
        key: (await request.headerValue('idempotency-key')) ?? '',
        status: response.status(),
        replayed: (await response.headerValue('idempotent-replayed')) === 'true',
      })
    })
  }, 240_000)

  it('asks the reporter to sign in, and keeps the page for offline use', async () => {
    await page.goto(url('/report'))
    await page.getByTestId('sign-in').waitFor({ timeout: 60_000 })
    await page.getByLabel('Email').fill(REPORTER.email)
    await page.getByLabel('Password').fill(REPORTER.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByTestId('report-form').waitFor()
    expect(await page.getByTestId('user').textContent()).toBe('Demo field team')
    // The service worker took the page's files and controls the page.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 })
    const cached = await page.evaluate(async () => {
      const names = await caches.keys()
      const cache = await caches.open(names.find((n) => n.startsWith('crosswatch-report-')) ?? '')
      return (await cache.keys()).map((r) => new URL(r.url).pathname)
    })
    expect(cached).toContain('/report.html')
    expect(cached.some((p) => p.includes('maplibre-gl'))).toBe(true)
    expect(cached.some((p) => p.includes('countries-50m'))).toBe(true)
    expect(cached.filter((p) => p.startsWith('/api/'))).toEqual([])
    // Only the report page's own files: not the command-centre map's bundle (deck.gl).
    expect(cached.filter((p) => /\/assets\/index-/.test(p))).toEqual([])
  }, 120_000)

  it('keeps reports written offline, through a reload, and sends each once when the connection is back', async () => {
    await phone.setOffline(true)
    await page.waitForSelector('[data-testid="connection"][data-online="false"]')

    // A first report, placed by the GPS; a wrong count is caught next to its field before anything is saved.
    await page.getByLabel('What happened').selectOption('shipwreck')
    await page.getByTestId('use-gps').click()
    await expect.poll(() => page.getByTestId('location-value').textContent()).toContain('±15 m')
    await page.getByLabel('Dead').fill('3')
    await page.getByLabel('Missing').fill('12')
    await page.getByLabel('Injured').fill('two')
    await page.getByLabel('Survivors').fill('41')
    await page.getByLabel('Children').fill('6')
    await page.getByLabel('What you saw').fill(descriptions.gps)
    await page.getByTestId('send').click()
    expect(await page.getByTestId('report-injured-error').textContent()).toContain(
      'A whole number, 0 or more.',
    )
    expect(await page.getByLabel('Injured').getAttribute('aria-invalid')).toBe('true')
    expect(await page.getByTestId('report-item').count()).toBe(0)
    await page.getByLabel('Injured').fill('2')
    await page.getByTestId('send').click()
    await item(descriptions.gps).waitFor()
    expect(await stateOf(descriptions.gps)).toBe('queued')
    expect(await item(descriptions.gps).getByTestId('report-state').textContent()).toBe('Waiting to be sent')
    await page.getByTestId('form-saved').waitFor()
    await shot('report-queued')

    // Closed and opened again with no connection: the service worker serves the page, the report is there.
    const reloaded = await page.reload()
    expect(reloaded?.fromServiceWorker()).toBe(true)
    await item(descriptions.gps).waitFor({ timeout: 30_000 })
    expect(await stateOf(descriptions.gps)).toBe('queued')
    expect(await page.getByTestId('user').textContent()).toBe('Demo field team')

    // A second report, placed with a tap on the map: its basemap comes from the cache too.
    await page.getByTestId('toggle-map').click()
    await page.waitForSelector(
      '[data-testid="pick-map"]:is([data-map-state="ready"], [data-map-state="error"])',
      {
        timeout: 120_000,
      },
    )
    expect(await page.getByTestId('pick-map').textContent(), 'the map failed').toBe('')
    expect(await page.getByTestId('pick-map').getAttribute('data-map-state')).toBe('ready')
    const box = await page.getByTestId('pick-map').boundingBox()
    if (!box) throw new Error('no map')
    await page.mouse.click(box.x + box.width * 0.6, box.y + box.height * 0.4)
    await expect.poll(() => page.getByTestId('location-value').getAttribute('data-source')).toBe('map')
    await page.getByLabel('What happened').selectOption('stranded_group')
    await page.getByLabel('Survivors').fill('25')
    await page.getByLabel('What you saw').fill(descriptions.map)
    await shot('report-offline-map')
    await page.getByTestId('send').click()
    await item(descriptions.map).waitFor()
    expect(await stateOf(descriptions.map)).toBe('queued')
    expect(posts, 'nothing reached the server while offline').toEqual([])
    expect(await stored(descriptions.gps)).toBe(0)

    // The command centre's map, live, signed in as the viewer (opened only now: two software-rendered
    // WebGL maps at once are slow on a small test machine).
    map = await wall.newPage()
    map.on('pageerror', (e) => errors.push(`map: ${e.message}`))
    await map.goto(demo.server.url)
    await map.waitForSelector('[data-testid="connection"][data-state="live"]', { timeout: 120_000 })

    // The connection is back: both go, once each.
    await phone.setOffline(false)
    await expect.poll(() => stateOf(descriptions.gps), { timeout: 60_000 }).toBe('sent')
    await expect.poll(() => stateOf(descriptions.map), { timeout: 60_000 }).toBe('sent')
    expect(await item(descriptions.gps).getByTestId('report-review').textContent()).toBe('Not yet verified')
    expect(await item(descriptions.gps).getByTestId('report-number').textContent()).toMatch(/^No\. \d+$/)
    await page.evaluate(() => window.scrollTo(0, 0))
    await shot('report-sent')
    expect(await stored(descriptions.gps)).toBe(1)
    expect(await stored(descriptions.map)).toBe(1)
    expect(posts.filter((p) => p.status === 201)).toHaveLength(2)
    expect(new Set(posts.map((p) => p.key)).size).toBe(2)

    // And live on the command centre's map: the feed line opens the incident with the reporter's words.
    const line = map.locator('[data-event-type="incident.created"]')
    await expect.poll(() => line.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(2)
    await line.filter({ hasText: 'Shipwreck' }).first().click()
    await map.getByTestId('side-panel').waitFor()
    await expect.poll(() => map.getByTestId('side-panel').textContent()).toContain(descriptions.gps)
    await settledShot(() => map.locator('canvas').first().screenshot()) // the flight has ended
    writeFileSync(`${SCREENSHOTS}/report-on-map-${engine}.png`, await map.screenshot())
    expect(errors).toEqual([])
  }, 360_000)

  it('sends a report whose answer was lost again with the same key, and it is stored once', async () => {
    const description = `Answer lost on the way back (${tag})`
    let cut = 0
    await page.route('**/api/reports', async (route) => {
      if (cut > 0) return route.continue()
      cut++
      // The server stores the report; the phone never hears of it.
      await route.fetch()
      await route.abort('connectionreset')
    })
    await page.getByLabel('What happened').selectOption('medical_emergency')
    await page.getByTestId('use-gps').click()
    await page.getByTestId('location-value').waitFor()
    await page.getByLabel('What you saw').fill(description)
    await page.getByTestId('send').click()
    await expect.poll(() => stateOf(description), { timeout: 60_000 }).toBe('sent')
    await page.unroute('**/api/reports')
    const key = await item(description).getAttribute('data-key')
    const mine = posts.filter((p) => p.key === key)
    expect(mine, 'the retry got the stored answer').toEqual([{ key, status: 201, replayed: true }])
    expect(await stored(description)).toBe(1)
  }, 120_000)

  it('shows why the server refused a report, next to the field, to correct it', async () => {
    const description = `Refused by the server (${tag})`
    // A photo first: shrunk in the page and shown as a thumbnail (then removed: this report goes without).
    await page.getByTestId('photo-input').setInputFiles({
      name: 'scene.png',
      mimeType: 'image/png',
      buffer: bigPicture(),
    })
    await page.getByTestId('photo-thumb').waitFor()
    expect(await page.getByTestId('report-form').textContent()).toContain('1600 × 1200 px')
    await shot('report-photo')
    await page.getByRole('button', { name: 'Remove the photo' }).click()

    await page.route('**/api/reports', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'about:blank',
          title: 'Invalid request',
          status: 400,
          detail: 'counts.dead: more than the boat could carry',
          'invalid-params': [{ name: 'counts.dead', reason: 'more than the boat could carry' }],
        }),
      }),
    )
    await page.getByLabel('What happened').selectOption('shipwreck')
    await page.getByTestId('use-gps').click()
    await page.getByTestId('location-value').waitFor()
    await page.getByLabel('Dead').fill('900')
    await page.getByLabel('What you saw').fill(description)
    await page.getByTestId('send').click()
    await expect.poll(() => stateOf(description), { timeout: 30_000 }).toBe('failed')
    expect(await item(description).getByTestId('report-error').textContent()).toContain(
      'more than the boat could carry',
    )
    await page.unroute('**/api/reports')
    await item(description).getByRole('button', { name: 'Correct it' }).click()
    expect(await page.getByTestId('report-dead-error').textContent()).toBe(
      'The server: more than the boat could carry',
    )
    expect(await page.getByLabel('What you saw').inputValue()).toBe(description)
    await shot('report-refused')
    await page.getByLabel('Dead').fill('9')
    expect(await page.getByTestId('report-dead-error').count()).toBe(0)
    await page.getByTestId('send').click()
    await expect.poll(() => stateOf(description), { timeout: 30_000 }).toBe('sent')
    expect(await page.getByTestId('report-item').filter({ hasText: description }).count()).toBe(1)
    expect(await stored(description)).toBe(1)
    expect(errors).toEqual([])
  }, 120_000)

  it('sends the photo with the report, shrunk, and its reporter can see it back', async () => {
    const description = `With a photo (${tag})`
    await page.getByTestId('photo-input').setInputFiles({
      name: 'scene.png',
      mimeType: 'image/png',
      buffer: bigPicture(),
    })
    await page.getByTestId('photo-thumb').waitFor()
    await page.getByLabel('What happened').selectOption('stranded_group')
    await page.getByTestId('use-gps').click()
    await page.getByTestId('location-value').waitFor()
    await page.getByLabel('What you saw').fill(description)
    await page.getByTestId('send').click()
    await expect.poll(() => stateOf(description), { timeout: 60_000 }).toBe('sent')
    const number = await item(description).getByTestId('report-number').textContent()
    const id = Number(number?.match(/\d+/)?.[0])
    const report = await page.request.get(url(`/api/reports/${id}`))
    expect(report.status()).toBe(200)
    const { photoUrl } = (await report.json()) as { photoUrl: string | null }
    expect(photoUrl).toBe(`/api/reports/${id}/photo`)
    const photo = await page.request.get(url(photoUrl as string))
    expect(photo.status()).toBe(200)
    expect(photo.headers()['content-type']).toBe('image/jpeg')
    const bytes = await photo.body()
    expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]) // a JPEG, as the page made it
    expect(jpegSize(bytes)).toEqual({ width: 1600, height: 1200 }) // 2400 × 1800, shrunk on the phone
    expect(errors).toEqual([])
  }, 120_000)
})
