// Signing in and out on both engines: the cookie and the Bearer token from one login, wrong passwords,
// throttling, device tokens an admin revokes, disabled users, and the admin's user management answers.
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../server/app.ts'
import { addUser, createDeviceToken } from '../../server/auth/accounts.ts'
import { LoginThrottle } from '../../server/auth/throttle.ts'
import { useTestDatabase } from '../helpers/database.ts'
import { engines } from '../helpers/engines.ts'

const PASSWORD = 'correct horse battery'

describe.each(engines)('auth on %s', (engine) => {
  const database = useTestDatabase(engine)
  const app = () => createApp({ database: database.current, config: { webDir: 'no-web' } })
  const login = (email: string, password: string, target = app()) =>
    target.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    })
  const me = (headers: Record<string, string>) => app().request('/api/auth/me', { headers })
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

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
    const { token } = await (await login('field.team@example.org', PASSWORD)).json()
    const out = await app().request('/api/auth/logout', { method: 'POST', headers: bearer(token) })
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

  it('slows guessing: after 10 failures for an email, a 429 with Retry-After, even with the right password', async () => {
    let now = 0
    const throttle = new LoginThrottle({ now: () => now })
    expect(throttle.retryAfter(['email:a'])).toBe(0)
    for (let i = 0; i < 10; i++) throttle.fail(['email:a'])
    expect(throttle.retryAfter(['email:a'])).toBe(900)
    now += 15 * 60_000 + 1
    expect(throttle.retryAfter(['email:a'])).toBe(0)

    const target = app()
    for (let i = 0; i < 10; i++)
      expect((await login('field.team@example.org', `guess ${i}`, target)).status).toBe(401)
    const blocked = await login('field.team@example.org', PASSWORD, target)
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('takes a device token until an admin revokes it', async () => {
    const admin = await addUser(database.current, {
      email: 'admin@example.org',
      password: PASSWORD,
      role: 'admin',
      agency: 'IOM',
    })
    const adminToken = (await (await login(admin.email, PASSWORD)).json()).token
    const [reporter] = await database.current.rows<{ id: number }>(
      sql`SELECT id FROM users WHERE email = 'field.team@example.org'`,
    )
    const made = await app().request(`/api/users/${reporter?.id}/devices`, {
      method: 'POST',
      headers: { ...bearer(adminToken), 'content-type': 'application/json' },
      body: JSON.stringify({ label: 'Agadez phone 2' }),
    })
    expect(made.status).toBe(201)
    const { token, device } = await made.json()
    expect(device).toMatchObject({ label: 'Agadez phone 2', revoked: false })
    expect(await (await me(bearer(token))).json()).toMatchObject({ kind: 'device', role: 'reporter' })
    const revoked = await app().request(`/api/users/${reporter?.id}/devices/${device.id}`, {
      method: 'DELETE',
      headers: bearer(adminToken),
    })
    expect(revoked.status).toBe(204)
    expect((await me(bearer(token))).status).toBe(401)
  })

  it('shuts out a disabled user at once, sessions and devices alike', async () => {
    const user = await addUser(database.current, {
      email: 'leaver@example.org',
      password: PASSWORD,
      role: 'viewer',
      agency: 'IOM',
    })
    const session = (await (await login(user.email, PASSWORD)).json()).token
    const { token: device } = await createDeviceToken(database.current, user.id, 'wall screen')
    const adminToken = (await (await login('admin@example.org', PASSWORD)).json()).token
    const disabled = await app().request(`/api/users/${user.id}`, {
      method: 'PATCH',
      headers: { ...bearer(adminToken), 'content-type': 'application/json' },
      body: JSON.stringify({ disabled: true }),
    })
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
    const adminToken = (await (await login('admin@example.org', PASSWORD)).json()).token
    const count = async () =>
      (
        await database.current.rows<{ n: number }>(
          sql`SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM agencies)::int AS n`,
        )
      )[0]?.n
    const before = await count()
    const response = await app().request('/api/users', {
      method: 'POST',
      headers: { ...bearer(adminToken), 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'new@example.org',
        password: PASSWORD,
        role: 'viewer',
        agency: 'IOM',
        ...change,
      }),
    })
    expect(response.status).toBe(status)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect((await response.json())['invalid-params'][0].name).toBe(field)
    expect(await count()).toBe(before)
  })
})
