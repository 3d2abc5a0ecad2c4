// Another agency's wall screen, in Chromium: it hears live of an IOM report once IOM verifies it, coarsened
// and without its free text, and never of the unverified report; and a form on another origin cannot make
// a signed-in browser write (CSRF), though SameSite=Lax sends the cookie to another port of the same host.
import { randomUUID } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../data/seed/demo-users.ts'
import { CHROMIUM_FOUND, pageAs, SCREENSHOTS, warnIfNoChromium } from '../helpers/browser.ts'
import { useTestDatabase } from '../helpers/database.ts'
import { demoToken, useDemo } from '../helpers/demo.ts'
import { engines } from '../helpers/engines.ts'

warnIfNoChromium('the scoped-reads browser test')
const engine = engines[engines.length - 1] ?? 'pglite'
const SECRET = `Witness Amina K., phone +218 91 ${randomUUID().slice(0, 6)}`

type Received = {
  type: string
  payload: {
    incidentId?: number
    feature?: { geometry: { coordinates: number[] }; properties: Record<string, unknown> }
  }
}

describe.skipIf(!CHROMIUM_FOUND)(`another agency's wall screen in Chromium (${engine})`, () => {
  const database = useTestDatabase(engine)
  const demo = useDemo(database)
  let attacker: Server
  const errors: string[] = []

  /** The map as `email`, hearing what the page's own session receives on the stream. */
  const listeningAs = async (email: string): Promise<Page> => {
    const page = await pageAs(demo.browser, demo.server.url, email, { errors })
    // What the page's own session receives on the stream, as the map's EventSource does.
    await page.evaluate(() => {
      const w = window as unknown as { received: unknown[] }
      w.received = []
      const source = new EventSource('/api/stream')
      for (const type of ['incident.created', 'incident.updated'])
        source.addEventListener(type, (e) => w.received.push(JSON.parse((e as MessageEvent).data)))
    })
    await page.waitForFunction(
      () => document.querySelector('[data-testid="connection"]')?.getAttribute('data-state') === 'live',
    )
    return page
  }
  const received = (page: Page) =>
    page.evaluate(() => (window as unknown as { received: Received[] }).received) as Promise<Received[]>

  afterAll(() => new Promise((done) => (attacker ? attacker.close(done) : done(null))))

  it('receives the verified incident live, coarsened, and never the unverified one', async () => {
    const wall = await listeningAs('coordinator@coastguard.example')
    const own = await listeningAs('viewer@crosswatch.example')
    const reporter = await demoToken(demo.server.url, 'reporter@crosswatch.example')
    const coordinator = await demoToken(demo.server.url, 'coordinator@crosswatch.example')
    const response = await fetch(new URL('api/reports', demo.server.url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${reporter}`,
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({
        type: 'interception_or_rescue',
        occurredAt: new Date(Date.now() - 600_000).toISOString(),
        location: { type: 'Point', coordinates: [12.34567, 34.45678] },
        counts: { dead: 0, missing: 0, injured: 2, survivors: 31, children: 3 },
        description: SECRET,
      }),
    })
    expect(response.status).toBe(201)
    const { id } = (await response.json()) as { id: number }
    // IOM's own wall screen hears of it at once; the coast guard's does not.
    await expect
      .poll(async () => (await received(own)).some((e) => e.payload.incidentId === id), { timeout: 10_000 })
      .toBe(true)
    const ownFeature = (await received(own)).find((e) => e.payload.incidentId === id)?.payload.feature
    expect(ownFeature?.properties.description).toBe(SECRET)

    const verify = await fetch(new URL(`api/reports/${id}/actions`, demo.server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${coordinator}` },
      body: JSON.stringify({ action: 'verify' }),
    })
    expect(verify.status).toBe(200)
    await expect
      .poll(async () => (await received(wall)).some((e) => e.payload.incidentId === id), { timeout: 10_000 })
      .toBe(true)
    const events = (await received(wall)).filter((e) => e.payload.incidentId === id)
    expect(events.map((e) => e.type)).toEqual(['incident.updated']) // never the unverified incident.created
    const feature = events[0]?.payload.feature
    expect(feature?.geometry.coordinates).toEqual([12.3, 34.5])
    expect(feature?.properties).toMatchObject({
      access: 'shared',
      description: '',
      verification: 'verified',
      counts: { injured: null, children: null, survivors: 31 },
      withheld: ['injured', 'children'],
    })
    expect(JSON.stringify(await received(wall))).not.toContain(SECRET)
    await wall.waitForSelector('[data-event-type="incident.updated"]', { timeout: 10_000 })
    writeFileSync(`${SCREENSHOTS}/scoped-other-agency-wall.png`, await wall.screenshot())
    expect(errors).toEqual([])
  }, 300_000)

  it('refuses with 403 a form on another origin that posts counts with the session cookie', async () => {
    const target = new URL('api/imports/crossings', demo.server.url).href
    attacker = createServer((_, res) => {
      res.setHeader('content-type', 'text/html')
      res.end(`<!doctype html><form id="f" method="POST" action="${target}" enctype="text/plain">
        <input name='site,periodStart,period,direction,count&#10;ne-assamaka,2026-11-29T10:00:00Z,hour,in,99999&#10;x' value="y"></form>
        <script>document.getElementById('f').submit()</script>`)
    })
    await new Promise<void>((done) => attacker.listen(0, '127.0.0.1', done))
    const evil = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`
    const context = await demo.browser.newContext()
    const login = await context.request.post(new URL('api/auth/login', demo.server.url).href, {
      data: { email: 'coordinator@crosswatch.example', password: DEMO_PASSWORD },
      headers: { origin: new URL(demo.server.url).origin },
    })
    expect(login.status()).toBe(200)
    const page = await context.newPage()
    const answered = page.waitForResponse((r) => r.url() === target)
    await page.goto(evil, { waitUntil: 'commit' })
    const answer = await answered
    expect(answer.status()).toBe(403)
    // And the session still works: the cross-site request logged no one out.
    const me = await context.request.get(new URL('api/auth/me', demo.server.url).href)
    expect(me.status()).toBe(200)
  }, 120_000)
})
