// Web security on both engines: a write with the session cookie must come from the server's own origin
// (a form on another port of the same host gets the cookie under SameSite=Lax, and is refused), a login
// from another origin is refused, a Bearer token is not held to it; and every answer, API, problem,
// static file or page, carries the security headers.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../server/app.ts'
import { addUser } from '../../../server/auth/accounts.ts'
import { createSession } from '../../../server/auth/tokens.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'

const PASSWORD = 'a long enough test password'
/** The origin of app.request('/…') in process. */
const OWN = 'http://localhost'
const OTHER_PORT = 'http://127.0.0.1:5173'
const COUNTS = 'site,period_start,period,direction,count\nne-assamaka,2024-08-01,day,in,99999\n'

const webDir = mkdtempSync(join(tmpdir(), 'crosswatch-security-'))
mkdirSync(join(webDir, 'assets'))
writeFileSync(join(webDir, 'index.html'), '<title>map page</title>')
writeFileSync(join(webDir, 'report.html'), '<title>report page</title>')
writeFileSync(join(webDir, 'assets', 'map-abc.js'), 'export {}')
afterAll(() => rmSync(webDir, { recursive: true, force: true }))

describe.each(engines)('web security on %s', (engine) => {
  const database = useTestDatabase(engine)
  const app = () => createApp({ database: database.current, config: { webDir } })
  const session = async (role: 'viewer' | 'coordinator') => {
    const [user] = await database.current.rows<{ id: number }>(
      sql`SELECT id FROM users WHERE email = ${`${role}@security.example`}`,
    )
    const id =
      user?.id ??
      (
        await addUser(database.current, {
          email: `${role}@security.example`,
          password: PASSWORD,
          role,
          agency: 'IOM',
        })
      ).id
    return createSession(database.current, id)
  }
  const me = async (token: string) =>
    (await app().request('/api/auth/me', { headers: { cookie: `crosswatch_session=${token}` } })).status
  const storedCounts = async () =>
    (
      await database.current.rows<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM crossing_counts WHERE count = 99999`,
      )
    )[0]?.n

  it.each([
    ['its own Origin', { origin: OWN }, 204],
    ['its own host over HTTPS (TLS ended by a proxy in front)', { origin: 'https://localhost' }, 204],
    ['Sec-Fetch-Site: same-origin and no Origin', { 'sec-fetch-site': 'same-origin' }, 204],
    ['a Referer of its own and nothing else', { referer: `${OWN}/report` }, 204],
    ['the Origin of another port of the same host', { origin: OTHER_PORT }, 403],
    ['Origin: null (a sandboxed or privacy-minded page)', { origin: 'null' }, 403],
    ['its own Origin but another port', { origin: 'http://localhost:8080' }, 403],
    ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }, 403],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site', referer: `${OWN}/` }, 403],
    ['a Referer of another site', { referer: 'http://evil.example/page' }, 403],
    ['no evidence at all', {}, 403],
  ])('a logout with the session cookie and %s (%j) answers %i', async (_, headers, status) => {
    const token = await session('viewer')
    const response = await app().request('/api/auth/logout', {
      method: 'POST',
      headers: { cookie: `crosswatch_session=${token}`, ...headers },
    })
    expect(response.status).toBe(status)
    if (status === 403) {
      expect(response.headers.get('content-type')).toBe('application/problem+json')
      const problem = await response.json()
      expect(problem).toMatchObject({ status: 403, title: 'Forbidden' })
      expect(problem['invalid-params']).toEqual([{ name: 'Origin', reason: expect.any(String) }])
      // A forged logout logs no one out.
      expect(await me(token)).toBe(200)
    } else expect(await me(token)).toBe(401)
  })

  it('does not hold a Bearer token to the rule: the browser never sends one on its own', async () => {
    const token = await session('viewer')
    const response = await app().request('/api/auth/logout', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, origin: OTHER_PORT, cookie: 'crosswatch_session=x' },
    })
    expect(response.status).toBe(204)
  })

  it('refuses a form on another origin that posts crossing counts with the cookie, and stores nothing', async () => {
    const token = await session('coordinator')
    const cookie = `crosswatch_session=${token}`
    const before = await storedCounts()
    const forged = await app().request('/api/imports/crossings?fileName=forged.csv', {
      method: 'POST',
      headers: { cookie, origin: OTHER_PORT, 'content-type': 'text/plain' },
      body: COUNTS,
    })
    expect(forged.status).toBe(403)
    expect((await forged.json())['invalid-params'][0].name).toBe('Origin')
    expect(await storedCounts()).toBe(before)
    // The same file from the app's own page is imported: the rule is about the origin, not the cookie.
    const own = await app().request('/api/imports/crossings?fileName=own.csv', {
      method: 'POST',
      headers: { cookie, origin: OWN, 'content-type': 'text/csv' },
      body: COUNTS,
    })
    expect(own.status).toBe(200)
    expect((await own.text()).trim().split('\n').at(-1)).toContain('"inserted":1')
    expect(await storedCounts()).toBe((before ?? 0) + 1)
  })

  it.each([
    ['another origin', { origin: OTHER_PORT }, 403],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }, 403],
    ['its own origin', { origin: OWN }, 200],
    ['no Origin (a script)', {}, 200],
  ])('answers a login from %s with %s', async (_, headers, status) => {
    await session('viewer')
    const response = await app().request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ email: 'viewer@security.example', password: PASSWORD }),
    })
    expect(response.status).toBe(status)
    if (status === 403) {
      expect(response.headers.get('set-cookie')).toBeNull()
      expect((await response.json())['invalid-params'][0].name).toBe('Origin')
    }
  })

  it.each([
    ['an API answer', '/api/health', 'GET', 200],
    ['a 404 problem', '/api/nothing-here', 'GET', 404],
    ['a 401 problem', '/api/auth/me', 'GET', 401],
    ['a refused write', '/api/auth/logout', 'POST', 403],
    ['a static file', '/assets/map-abc.js', 'GET', 200],
    ['the map page', '/', 'GET', 200],
    ['the report page', '/report', 'GET', 200],
  ])('puts the security headers on %s', async (_, path, method, status) => {
    const response = await app().request(path, {
      method,
      headers: method === 'POST' ? { cookie: 'crosswatch_session=x' } : {},
    })
    expect(response.status).toBe(status)
    const csp = response.headers.get('content-security-policy') ?? ''
    const directives = Object.fromEntries(
      csp.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/)
        return [name, values.join(' ')]
      }),
    )
    expect(directives).toMatchObject({
      'default-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'self'",
      'form-action': "'self'",
      'frame-ancestors': "'none'",
    })
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|\*/)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('referrer-policy')).toMatch(
      /^(same-origin|strict-origin|strict-origin-when-cross-origin|no-referrer)$/,
    )
    expect(response.headers.get('x-frame-options')).toBe('DENY')
    const permissions = response.headers.get('permissions-policy') ?? ''
    expect(permissions).toContain('geolocation=(self)')
    expect(permissions).toContain('camera=(self)')
  })
})
