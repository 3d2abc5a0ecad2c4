// The Chromium of the machine for the browser tests: where it is, how it is started, whether a test that
// needs it is skipped (never a downloaded browser), and the Content-Security-Policy violations it sees.
import { existsSync } from 'node:fs'
import type { BrowserContext } from 'playwright-core'

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
