// Debian's Chromium for the browser tests: where it is, how it is launched, where screenshots go.
import { existsSync } from 'node:fs'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const CHROMIUM_FOUND = existsSync(CHROMIUM)
export const BROWSER_REQUIRED = Boolean(process.env.CROSSWATCH_REQUIRE_BROWSER)

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

/** Says once that the browser tests are skipped, or fails when CROSSWATCH_REQUIRE_BROWSER is set. */
export function checkChromium(): boolean {
  if (CHROMIUM_FOUND) return true
  const message = `Chromium not found at ${CHROMIUM}: the browser test is ${BROWSER_REQUIRED ? 'required and fails' : 'SKIPPED'} (install it with: apt-get install chromium, or set CHROMIUM_PATH)`
  console.warn(`\n*** ${message}\n`)
  if (BROWSER_REQUIRED) throw new Error(message)
  return false
}
