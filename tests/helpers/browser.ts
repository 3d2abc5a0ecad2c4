// The Chromium of the machine for the browser tests: where it is, how it is started, and whether a test
// that needs it is skipped (never a downloaded browser).
import { existsSync } from 'node:fs'

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
