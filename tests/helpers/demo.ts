// The browser tests' stage: the demo server as a real process on the test's database, and Chromium. The
// server takes the database for the describe block (the embedded engine admits one process) and gives it
// back after, so that the shared teardown can close it.
import { mkdirSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { DEMO_PASSWORD } from '../../data/seed/demo-users.ts'
import type { Database } from '../../db/client.ts'
import { CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS } from './browser.ts'
import type { TestDatabaseHandle } from './engines.ts'
import { type RunningServer, startServer } from './server.ts'

export interface Demo {
  /** Set before the tests; a test that restarts the server puts the new one here. */
  server: RunningServer
  browser: Browser
}

/** Starts the demo server and Chromium before the tests, once `seed` has added the rows they need. */
export function useDemo(
  database: { current: Database; handle: TestDatabaseHandle },
  seed?: () => Promise<void>,
): Demo {
  const demo = {} as Demo
  beforeAll(async () => {
    await seed?.()
    await database.current.close()
    demo.server = await startServer({ ...database.handle.env, CROSSWATCH_DEMO: '1' })
    demo.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    mkdirSync(SCREENSHOTS, { recursive: true })
  }, 240_000)
  afterAll(async () => {
    await demo.browser?.close()
    await demo.server?.stop()
    database.current = await database.handle.open()
  })
  return demo
}

/** A Bearer token of the demo user `email`, from a login at `url` (same origin, as the web app sends it). */
export async function demoToken(url: string, email: string): Promise<string> {
  const response = await fetch(new URL('api/auth/login', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: new URL(url).origin },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  })
  if (response.status !== 200) throw new Error(`signing in as ${email} answered ${response.status}`)
  return ((await response.json()) as { token: string }).token
}
