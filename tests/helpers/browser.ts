// The Chromium of the machine for the browser tests: where it is, how it is started, whether a test that
// needs it is skipped (never a downloaded browser), and the Content-Security-Policy violations it sees.
import { existsSync } from 'node:fs'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { DEMO_PASSWORD } from '../../data/seed/demo-users.ts'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const CHROMIUM_FOUND = existsSync(CHROMIUM)

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

/** Says loudly that a browser test is skipped, or fails when CROSSWATCH_REQUIRE_BROWSER asks for it. */
export function warnIfNoChromium(what: string) {
  if (CHROMIUM_FOUND) return
  const required = Boolean(process.env.CROSSWATCH_REQUIRE_BROWSER)
  const message = `Chromium not found at ${CHROMIUM}: ${what} is ${required ? 'required and fails' : 'SKIPPED'} (install it with: apt-get install chromium, or set CHROMIUM_PATH)`
  console.warn(`\n*** ${message}\n`)
  if (required) throw new Error(message)
}

/**
 * Every Content-Security-Policy violation in the context's pages, as Chromium logs it ("Refused to …
 * because it violates the following Content Security Policy directive") and as the page's
 * securitypolicyviolation event reports it; a test expects the list to stay empty.
 */
export async function cspViolations(context: BrowserContext): Promise<string[]> {
  const violations: string[] = []
  context.on('console', (message) => {
    if (/Content Security Policy|^CSP violation/.test(message.text())) violations.push(message.text())
  })
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.effectiveDirective} refused ${e.blockedURI || 'inline code'}`),
    )
  })
  return violations
}

/**
 * The map at `url` in a browser context of its own, signed in as the demo user `email`, once the map is
 * ready. The page's errors (and with `consoleErrors`, what it logs as errors) are pushed to `errors`.
 */
export async function pageAs(
  browser: Browser,
  url: string,
  email: string,
  {
    errors,
    consoleErrors = false,
    width = 1600,
  }: { errors: string[]; consoleErrors?: boolean; width?: number },
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } })
  const login = await context.request.post(new URL('api/auth/login', url).href, {
    data: { email, password: DEMO_PASSWORD },
    headers: { origin: new URL(url).origin },
  })
  if (login.status() !== 200) throw new Error(`signing in as ${email} answered ${login.status()}`)
  const page = await context.newPage()
  page.on('pageerror', (e) => errors.push(e.message))
  if (consoleErrors)
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
  await page.goto(url)
  await page.waitForSelector('[data-map-state="ready"]', { timeout: 120_000 })
  return page
}
