// The server as a process: a bad database gives one line and exit 1; SIGTERM closes everything cleanly.
import { once } from 'node:events'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { useTestDatabase } from '../helpers/database.ts'
import { engines } from '../helpers/engines.ts'
import { runServerProcess, startServer } from '../helpers/server.ts'
import { signedIn } from '../helpers/users.ts'

async function exitOf(env: Record<string, string>) {
  const { process: child, output } = runServerProcess(env)
  const [code] = await once(child, 'exit')
  const lines = output().trim().split('\n')
  return { code, lines, entries: lines.map((line) => JSON.parse(line) as { level: string; msg: string }) }
}

describe('a bad DATABASE_URL', () => {
  it.each([
    ['postgres://postgres@127.0.0.1:1/test', /cannot connect to .*127\.0\.0\.1:1.*ECONNREFUSED/],
    ['mysql://root@127.0.0.1/test', /DATABASE_URL must be a postgres/],
    ['postgres://[oops', /DATABASE_URL is not a valid URL/],
  ])('%s exits 1 with one line naming the problem', async (url, message) => {
    const { code, entries } = await exitOf({ DATABASE_URL: url })
    expect(code).toBe(1)
    const errors = entries.filter((e) => e.level !== 'info')
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ level: 'fatal', msg: expect.stringMatching(message) })
  })

  it('never prints the password', async () => {
    const { lines } = await exitOf({ DATABASE_URL: 'postgres://u:hunter2@127.0.0.1:1/test' })
    expect(lines.join('\n')).not.toContain('hunter2')
  })
})

describe.runIf(engines.includes('postgres'))('a DATABASE_READ_URL that is no standby', () => {
  const database = useTestDatabase('postgres')

  it('exits 1 naming it: a primary would take the reads as a second copy that is not one', async () => {
    const url = database.handle.env.DATABASE_URL as string
    const { code, entries } = await exitOf({ DATABASE_URL: url, DATABASE_READ_URL: url })
    expect(code).toBe(1)
    expect(entries.filter((e) => e.level !== 'info')).toEqual([
      expect.objectContaining({
        level: 'fatal',
        msg: expect.stringMatching(/DATABASE_READ_URL .* is not a standby/),
      }),
    ])
  })
})

// A web folder of its own: the db tier does not build the web app (the e2e tier does, and drives it).
const webDir = mkdtempSync(join(tmpdir(), 'crosswatch-main-web-'))
writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Crosswatch</title><div id="root"></div>')
afterAll(() => rmSync(webDir, { recursive: true, force: true }))

describe.each(engines)('the server process on %s', (engine) => {
  const database = useTestDatabase(engine)

  it('serves the API and the web app, then shuts down cleanly on SIGTERM', async () => {
    const { token } = await signedIn(database.current, 'viewer', 'Test agency')
    await database.current.close() // the embedded engine allows one process at a time
    const server = await startServer({ ...database.handle.env, CROSSWATCH_WEB_DIR: webDir })
    try {
      const health = await fetch(new URL('api/health', server.url))
      expect(await health.json()).toMatchObject({ status: 'ok', database: { engine } })
      const page = await fetch(server.url)
      expect(page.headers.get('content-type')).toContain('text/html')
      expect(await page.text()).toContain('<div id="root">')
      const deepLink = await fetch(new URL('some/client/route', server.url))
      expect(deepLink.status).toBe(200)
      // A wall screen's live stream stays open; shutting down must end it rather than wait for it.
      expect((await fetch(new URL('api/stream', server.url))).status).toBe(401)
      const stream = await fetch(new URL('api/stream', server.url), {
        headers: { authorization: `Bearer ${token}` },
      })
      expect(stream.headers.get('content-type')).toContain('text/event-stream')
      const reading = stream.text()
      const stoppedAt = Date.now()
      const code = await server.stop('SIGTERM')
      expect(code).toBe(0)
      expect(Date.now() - stoppedAt).toBeLessThan(9000) // before the 10 s forced close
      expect(await reading).toContain('event: ready')
      expect(server.output()).toContain('database closed')
      // One JSON line a request, by route pattern; the token the stream request carried is in none.
      const requests = server
        .output()
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
        .filter((entry) => entry.msg === 'request')
      expect(requests).toContainEqual(
        expect.objectContaining({ method: 'GET', route: '/api/health', status: 200, role: 'none' }),
      )
      expect(requests).toContainEqual(
        expect.objectContaining({ route: '/api/stream', status: 200, role: 'viewer' }),
      )
      expect(server.output()).not.toContain(token)
    } finally {
      await server.stop('SIGKILL')
      database.current = await database.handle.open()
    }
  })
})
