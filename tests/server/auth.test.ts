// Signing in and out on both engines: the cookie and the Bearer token from one login, wrong passwords,
// throttling (per account and source, shared by server processes), device tokens an admin revokes,
// disabled users, and the admin's user management answers.
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { Role } from '../../db/vocabulary.ts'
import { createApp } from '../../server/app.ts'
import { addUser } from '../../server/auth/accounts.ts'
import { sourceOf } from '../../server/auth/throttle.ts'
import { createDeviceToken } from '../../server/auth/tokens.ts'
import { useTestDatabase } from '../helpers/database.ts'
import { engines } from '../helpers/engines.ts'

const PASSWORD = 'correct horse battery'

describe.each(engines)('auth on %s', (engine) => {
  const database = useTestDatabase(engine)
  const app = () => createApp({ database: database.current, config: { webDir: 'no-web' } })
  /** A login, from `address` as the socket's peer (in process there is none: the source is `unknown`). */
  const login = (email: string, password: string, target = app(), address?: string) =>
    target.request(
      '/api/auth/login',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      },
      address ? { incoming: { socket: { remoteAddress: address } } } : undefined,
    )
  const account = (email: string, role: Role = 'viewer') =>
    addUser(database.current, { email, password: PASSWORD, role, agency: 'IOM' })
  const tokenOf = async (email: string): Promise<string> =>
    (await (await login(email, PASSWORD)).json()).token
  const failuresOf = async (email: string) =>
    (
      await database.current.rows<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM login_failures WHERE email = ${email}`,
      )
    )[0]?.n
  const me = (headers: Record<string, string>) => app().request('/api/auth/me', { headers })
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
  /** A request with `token`, and `body` as JSON when there is one. */
  const send = (token: string, method: string, path: string, body?: unknown) =>
    app().request(path, {
      method,
      headers: body === undefined ? bearer(token) : { ...bearer(token), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })

  it('signs in: an httpOnly SameSite cookie and a Bearer token, both good for the API', async () => {
    const user = await addUser(database.current, {
      email: 'Field.Team@Example.org',
      password: PASSWORD,
      role: 'reporter',
      agency: 'IOM',
      name: 'Agadez team',
    })
    expect(user).toMatchObject({ email: 'field.team@example.org', role: 'reporter', agency: { code: 'iom' } })
    const response = await login('FIELD.team@example.org ', PASSWORD)
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body).toMatchObject({ token: expect.any(String), user: { id: user.id, role: 'reporter' } })
    const cookie = response.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^crosswatch_session=[\w-]+;/)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).toMatch(/Path=\//)
    expect((await me(bearer(body.token))).status).toBe(200)
    const viaCookie = await me({ cookie: cookie.split(';')[0] as string })
    expect(await viaCookie.json()).toMatchObject({
      email: 'field.team@example.org',
      role: 'reporter',
      kind: 'session',
    })
    // Only the token's hash is stored.
    const stored = await database.current.rows<{ token_hash: string }>(
      sql`SELECT token_hash FROM auth_tokens`,
    )
    expect(stored.map((r) => r.token_hash)).not.toContain(body.token)
  })

  it('ends the session on logout: the token no longer works, the cookie is cleared', async () => {
    const token = await tokenOf('field.team@example.org')
    const out = await send(token, 'POST', '/api/auth/logout')
    expect(out.status).toBe(204)
    expect(out.headers.get('set-cookie')).toMatch(/crosswatch_session=;.*Max-Age=0/)
    const after = await me(bearer(token))
    expect(after.status).toBe(401)
    expect(after.headers.get('content-type')).toBe('application/problem+json')
  })

  it.each([
    ['a wrong password', 'field.team@example.org', 'wrong horse battery'],
    ['an unknown email', 'nobody@example.org', PASSWORD],
  ])('refuses %s with the same 401', async (_, email, password) => {
    const response = await login(email, password)
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ title: 'Unauthorized', detail: 'wrong email or password' })
  })

  it.each([
    ['no body', undefined, 'Content-Type'],
    ['no password', { email: 'a@b.org' }, 'password'],
    ['an extra field', { email: 'a@b.org', password: 'x', remember: true }, 'remember'],
  ])('answers a login with %s with a 400 naming the field', async (_, body, field) => {
    const response = await app().request('/api/auth/login', {
      method: 'POST',
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    })
    expect(response.status).toBe(400)
    expect((await response.json())['invalid-params'][0].name).toBe(field)
  })

  it('refuses a token that is not a Bearer token, or unknown, with a 401', async () => {
    expect((await me({ authorization: 'Basic abc' })).status).toBe(401)
    expect((await me(bearer('not-a-token'))).status).toBe(401)
    expect((await me({})).status).toBe(401)
  })

  it('refuses one account from one source after 5 failures (429, Retry-After), even the right password; not from another source', async () => {
    const user = await account('pair@example.org')
    const target = app()
    for (let i = 0; i < 5; i++)
      expect((await login(user.email, `guess ${i}`, target, '10.1.0.1')).status).toBe(401)
    const blocked = await login(user.email, PASSWORD, target, '10.1.0.1')
    expect(blocked.status).toBe(429)
    expect(blocked.headers.get('content-type')).toBe('application/problem+json')
    const wait = Number(blocked.headers.get('retry-after'))
    expect(wait).toBeGreaterThan(850)
    expect(wait).toBeLessThanOrEqual(900)
    expect((await login(user.email, PASSWORD, target, '10.1.0.2')).status).toBe(200)
  })

  it('counts in the database: failures on one server process refuse on another', async () => {
    const { email } = await account('shared@example.org')
    const [one, two] = [app(), app()]
    for (let i = 0; i < 5; i++) expect((await login(email, `guess ${i}`, one, '10.2.0.1')).status).toBe(401)
    expect((await login(email, PASSWORD, two, '10.2.0.1')).status).toBe(429)
    expect((await login(email, PASSWORD, two, '10.2.0.2')).status).toBe(200)
  })

  it('counts guesses sent all at once one after the other: of 12 from one source, 5 are checked', async () => {
    const target = app()
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => login('burst@example.org', `guess ${i}`, target, '10.3.0.1')),
    )
    const statuses = answers.map((a) => a.status).sort()
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(7).fill(429)])
    expect(await failuresOf('burst@example.org')).toBe(5)
  })

  it('refuses one source after 30 failures over many accounts, and only that source', async () => {
    const { email } = await account('source@example.org')
    const target = app()
    for (let i = 0; i < 30; i++)
      expect((await login(`nobody-${i % 10}@example.org`, 'guess', target, '10.4.0.1')).status).toBe(401)
    expect((await login(email, PASSWORD, target, '10.4.0.1')).status).toBe(429)
    expect((await login(email, PASSWORD, target, '10.4.0.2')).status).toBe(200)
  })

  it('counts addresses of one IPv6 /64 as one source', async () => {
    expect(sourceOf('2001:db8:1:2::a')).toBe('2001:db8:1:2::/64')
    expect(sourceOf('2001:0db8:0001:0002:ffff:0:0:1%eth0')).toBe('2001:db8:1:2::/64')
    expect(sourceOf('::ffff:192.0.2.7')).toBe('192.0.2.7')
    expect(sourceOf('192.0.2.7')).toBe('192.0.2.7')
    const { email } = await account('ipv6@example.org')
    const target = app()
    for (let i = 1; i <= 5; i++)
      expect((await login(email, 'guess', target, `2001:db8:1:2::${i}`)).status).toBe(401)
    expect((await login(email, PASSWORD, target, '2001:db8:1:2:abcd::1')).status).toBe(429)
    expect((await login(email, PASSWORD, target, '2001:db8:1:3::1')).status).toBe(200)
  })

  it('never locks an account out from many sources: from 10 failures on, attempts wait, and the right password signs in', async () => {
    const user = await account('besieged@example.org')
    const target = app()
    for (let i = 0; i < 10; i++)
      expect((await login(user.email, `guess ${i}`, target, `10.5.0.${i + 1}`)).status).toBe(401)
    for (const address of ['10.5.1.1', '10.5.0.1']) {
      const started = Date.now()
      expect((await login(user.email, PASSWORD, target, address)).status).toBe(200)
      expect(Date.now() - started).toBeGreaterThanOrEqual(3000)
    }
    // The owner's sign-ins forgave only their own sources' failures.
    expect(await failuresOf(user.email)).toBe(9)
  })

  it('forgives a pair its failures on the right password, and prunes failures out of the window', async () => {
    await database.current.rows(
      sql`INSERT INTO login_failures (email, address, at)
          VALUES ('old@example.org', '10.6.0.9', now() - interval '16 minutes')`,
    )
    const { email } = await account('forgiven@example.org')
    const target = app() // a new process prunes at its first attempt
    for (let i = 0; i < 4; i++)
      expect((await login(email, `guess ${i}`, target, '10.6.0.1')).status).toBe(401)
    expect(await failuresOf('old@example.org')).toBe(0)
    expect((await login(email, PASSWORD, target, '10.6.0.1')).status).toBe(200)
    expect(await failuresOf(email)).toBe(0)
    for (let i = 0; i < 5; i++)
      expect((await login(email, `guess ${i}`, target, '10.6.0.1')).status).toBe(401)
  })

  it('takes a device token until an admin revokes it', async () => {
    const admin = await account('admin@example.org', 'admin')
    const adminToken = await tokenOf(admin.email)
    const [reporter] = await database.current.rows<{ id: number }>(
      sql`SELECT id FROM users WHERE email = 'field.team@example.org'`,
    )
    const made = await send(adminToken, 'POST', `/api/users/${reporter?.id}/devices`, {
      label: 'Agadez phone 2',
    })
    expect(made.status).toBe(201)
    const { token, device } = await made.json()
    expect(device).toMatchObject({ label: 'Agadez phone 2', revoked: false })
    expect(await (await me(bearer(token))).json()).toMatchObject({ kind: 'device', role: 'reporter' })
    const revoked = await send(adminToken, 'DELETE', `/api/users/${reporter?.id}/devices/${device.id}`)
    expect(revoked.status).toBe(204)
    expect((await me(bearer(token))).status).toBe(401)
  })

  it('shuts out a disabled user at once, sessions and devices alike', async () => {
    const user = await account('leaver@example.org')
    const session = await tokenOf(user.email)
    const { token: device } = await createDeviceToken(database.current, user.id, 'wall screen')
    const adminToken = await tokenOf('admin@example.org')
    const disabled = await send(adminToken, 'PATCH', `/api/users/${user.id}`, { disabled: true })
    expect(await disabled.json()).toMatchObject({ disabled: true })
    expect((await me(bearer(session))).status).toBe(401)
    expect((await me(bearer(device))).status).toBe(401)
    expect((await login(user.email, PASSWORD)).status).toBe(401)
  })

  it.each([
    ['a weak password', { password: 'short' }, 400, 'password'],
    ['an unknown role', { role: 'superuser' }, 400, 'role'],
    ['a bad email', { email: 'not-an-email' }, 400, 'email'],
    ['an email taken', { email: 'ADMIN@example.org', agency: 'An agency never named' }, 409, 'email'],
  ])('refuses a new user with %s, naming the field, and adds nobody', async (_, change, status, field) => {
    const adminToken = await tokenOf('admin@example.org')
    const count = async () =>
      (
        await database.current.rows<{ n: number }>(
          sql`SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM agencies)::int AS n`,
        )
      )[0]?.n
    const before = await count()
    const response = await send(adminToken, 'POST', '/api/users', {
      email: 'new@example.org',
      password: PASSWORD,
      role: 'viewer',
      agency: 'IOM',
      ...change,
    })
    expect(response.status).toBe(status)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect((await response.json())['invalid-params'][0].name).toBe(field)
    expect(await count()).toBe(before)
  })
})
