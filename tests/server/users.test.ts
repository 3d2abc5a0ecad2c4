// /api/users on both engines: an agency's admin administers their own agency only (another agency's users
// are a 404, as if absent), cannot move anyone to another agency, change their own role or disable
// themself; the local token (the machine's operator) may do all of it; and every change of an account is
// in the append-only user_audit, with no password or token in it.
import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { createDeviceToken, tokenHash } from '../../server/auth/tokens.ts'
import { testApp } from '../helpers/app.ts'
import { useTestDatabase } from '../helpers/database.ts'
import { engines } from '../helpers/engines.ts'
import { type SignedIn, signedIn } from '../helpers/users.ts'

const PASSWORD = 'a long enough test password'
const json = { 'content-type': 'application/json' }

describe.each(engines)('users on %s', (engine) => {
  const database = useTestDatabase(engine)
  const api = () => testApp({ database: database.current })
  /** A request as `who` (a signed-in user), or with the local token when `who` is null. */
  const as = (who: SignedIn | null, method: string, path: string, body?: unknown) =>
    api().request(path, {
      method,
      headers: { ...(who ? who.auth : {}), ...(body === undefined ? {} : json) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  const login = (email: string, password: string) =>
    api().request('/api/auth/login', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email, password }),
    })
  const auditOf = (userId: number) =>
    database.current.rows<{ action: string; actorId: number | null; before: unknown; after: unknown }>(
      sql`SELECT action, actor_id AS "actorId", before, after FROM user_audit WHERE user_id = ${userId} ORDER BY id`,
    )

  let adminA: SignedIn
  let otherAdminA: SignedIn
  let reporterA: SignedIn
  let coordinatorB: SignedIn
  beforeAll(async () => {
    adminA = await signedIn(database.current, 'admin', 'Agency A')
    otherAdminA = await signedIn(database.current, 'admin', 'Agency A')
    reporterA = await signedIn(database.current, 'reporter', 'Agency A')
    coordinatorB = await signedIn(database.current, 'coordinator', 'Agency B')
  })

  it("refuses the tester's repro: another agency's password, and moving oneself to another agency", async () => {
    const taken = 'the password the admin chose for them'
    const reset = await as(adminA, 'PATCH', `/api/users/${coordinatorB.user.id}`, { password: taken })
    expect(reset.status).toBe(404)
    expect((await login(coordinatorB.user.email, taken)).status).toBe(401)
    expect((await login(coordinatorB.user.email, PASSWORD)).status).toBe(200)

    for (const agency of ['Agency B', 'Agency A']) {
      const moved = await as(adminA, 'PATCH', `/api/users/${adminA.user.id}`, { agency })
      expect(moved.status).toBe(403)
      expect(moved.headers.get('content-type')).toBe('application/problem+json')
      expect((await moved.json())['invalid-params']).toEqual([{ name: 'agency', reason: expect.any(String) }])
    }
    const moveOther = await as(adminA, 'PATCH', `/api/users/${reporterA.user.id}`, { agency: 'Agency B' })
    expect(moveOther.status).toBe(403)
    const me = await (await as(adminA, 'GET', `/api/users/${adminA.user.id}`)).json()
    expect(me.agency).toEqual(adminA.user.agency)
    expect(await auditOf(coordinatorB.user.id)).toEqual([expect.objectContaining({ action: 'added' })])
  })

  it("answers every /api/users route for another agency's user with the 404 of a user who does not exist", async () => {
    const { device } = await createDeviceToken(database.current, coordinatorB.user.id, 'B phone')
    const absent = 999_999_999
    const routes: [string, (id: number) => string, unknown?][] = [
      ['GET', (id) => `/api/users/${id}`],
      ['PATCH', (id) => `/api/users/${id}`, { name: 'Renamed' }],
      ['PATCH', (id) => `/api/users/${id}`, { disabled: true }],
      ['PATCH', (id) => `/api/users/${id}`, { role: 'admin' }],
      ['GET', (id) => `/api/users/${id}/devices`],
      ['POST', (id) => `/api/users/${id}/devices`, { label: 'A phone for B' }],
      ['DELETE', (id) => `/api/users/${id}/devices/${device.id}`],
      ['GET', (id) => `/api/users/${id}/audit`],
    ]
    const body = async (response: Response, id: number) => {
      const problem = await response.json()
      return { ...problem, detail: problem.detail.replace(String(id), 'ID') }
    }
    for (const [method, path, payload] of routes) {
      const other = await as(adminA, method, path(coordinatorB.user.id), payload)
      const none = await as(adminA, method, path(absent), payload)
      expect([method, other.status], path(0)).toEqual([method, 404])
      expect(other.headers.get('content-type')).toBe('application/problem+json')
      const [a, b] = [await body(other, coordinatorB.user.id), await body(none, absent)]
      expect({ ...a, instance: '' }).toEqual({ ...b, instance: '' })
      expect(a).not.toHaveProperty('invalid-params')
    }
    // Nothing changed: B's coordinator is as they were, their device still works.
    const b = await (await as(null, 'GET', `/api/users/${coordinatorB.user.id}`)).json()
    expect(b).toMatchObject({ name: coordinatorB.user.name, disabled: false, role: 'coordinator' })
    const devices = await (await as(null, 'GET', `/api/users/${coordinatorB.user.id}/devices`)).json()
    expect(devices.devices).toEqual([expect.objectContaining({ id: device.id, revoked: false })])
    expect((await auditOf(coordinatorB.user.id)).map((r) => r.action)).toEqual(['added', 'device-added'])
  })

  it('lists the users and the agency of the admin’s own agency only; the local token lists every one', async () => {
    const listed = await (await as(adminA, 'GET', '/api/users')).json()
    expect(new Set(listed.users.map((u: { agency: { name: string } }) => u.agency.name))).toEqual(
      new Set(['Agency A']),
    )
    expect(listed.users.map((u: { id: number }) => u.id)).toEqual(
      expect.arrayContaining([adminA.user.id, reporterA.user.id]),
    )
    expect(listed.agencies).toEqual([adminA.user.agency])
    const all = await (await as(null, 'GET', '/api/users')).json()
    expect(all.users.map((u: { id: number }) => u.id)).toContain(coordinatorB.user.id)
    expect(all.agencies.map((a: { name: string }) => a.name)).toEqual(
      expect.arrayContaining(['Agency A', 'Agency B']),
    )
  })

  it('adds users into the admin’s own agency only: left out means theirs, another is a 403 naming agency', async () => {
    const add = (who: SignedIn | null, extra: Record<string, unknown>) =>
      as(who, 'POST', '/api/users', {
        email: `new-${Math.random().toString(36).slice(2)}@a.example`,
        password: PASSWORD,
        role: 'viewer',
        ...extra,
      })
    const agencies = async () =>
      (await database.current.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM agencies`))[0]?.n
    const before = await agencies()

    const theirs = await add(adminA, {})
    expect(theirs.status).toBe(201)
    expect((await theirs.json()).agency).toEqual(adminA.user.agency)
    const named = await add(adminA, { agency: 'agency a' })
    expect(named.status).toBe(201)
    expect((await named.json()).agency).toEqual(adminA.user.agency)
    for (const agency of ['Agency B', 'An agency never named']) {
      const refused = await add(adminA, { agency })
      expect(refused.status).toBe(403)
      expect((await refused.json())['invalid-params']).toEqual([
        { name: 'agency', reason: expect.any(String) },
      ])
    }
    expect(await agencies()).toBe(before)

    // The operator names the agency, any one, even a new one.
    const unnamed = await add(null, {})
    expect(unnamed.status).toBe(400)
    expect((await unnamed.json())['invalid-params'][0].name).toBe('agency')
    const elsewhere = await add(null, { agency: 'Agency B' })
    expect(elsewhere.status).toBe(201)
    expect((await elsewhere.json()).agency).toEqual(coordinatorB.user.agency)
  })

  it('lets an admin administer their own agency: role, name, password, disabled, device tokens', async () => {
    const id = reporterA.user.id
    const changed = await as(adminA, 'PATCH', `/api/users/${id}`, {
      role: 'coordinator',
      name: 'Agadez team',
    })
    expect(changed.status).toBe(200)
    expect(await changed.json()).toMatchObject({ role: 'coordinator', name: 'Agadez team' })
    const password = 'the new password of the team'
    expect((await as(adminA, 'PATCH', `/api/users/${id}`, { password })).status).toBe(200)
    expect((await login(reporterA.user.email, PASSWORD)).status).toBe(401)
    expect((await login(reporterA.user.email, password)).status).toBe(200)

    const made = await as(adminA, 'POST', `/api/users/${id}/devices`, { label: 'Agadez phone' })
    expect(made.status).toBe(201)
    const { device } = await made.json()
    expect((await as(adminA, 'GET', `/api/users/${id}/devices`)).status).toBe(200)
    expect((await as(adminA, 'DELETE', `/api/users/${id}/devices/${device.id}`)).status).toBe(204)
    const disabled = await as(adminA, 'PATCH', `/api/users/${id}`, { disabled: true })
    expect(await disabled.json()).toMatchObject({ disabled: true })
    const refusedDevice = await as(adminA, 'POST', `/api/users/${id}/devices`, { label: 'while disabled' })
    expect(refusedDevice.status).toBe(409)
    const enabled = await as(adminA, 'PATCH', `/api/users/${id}`, { disabled: false })
    expect(await enabled.json()).toMatchObject({ disabled: false })
    expect((await login(reporterA.user.email, password)).status).toBe(200)
  })

  it('refuses an admin changing their own role or disabling themself (403 naming the field); another admin may', async () => {
    const self = `/api/users/${adminA.user.id}`
    for (const [change, field] of [
      [{ role: 'viewer' }, 'role'],
      [{ disabled: true }, 'disabled'],
      [{ name: 'Still admin', role: 'coordinator' }, 'role'],
    ] as const) {
      const refused = await as(adminA, 'PATCH', self, change)
      expect(refused.status).toBe(403)
      expect((await refused.json())['invalid-params']).toEqual([{ name: field, reason: expect.any(String) }])
    }
    // Nothing of a refused change lands, not even its name.
    expect(await (await as(adminA, 'GET', self)).json()).toMatchObject({
      role: 'admin',
      name: adminA.user.name,
    })
    const sameRole = await as(adminA, 'PATCH', self, { role: 'admin', name: 'Admin of A' })
    expect(await sameRole.json()).toMatchObject({ role: 'admin', name: 'Admin of A' })

    const demoted = await as(otherAdminA, 'PATCH', `/api/users/${adminA.user.id}`, { role: 'coordinator' })
    expect(await demoted.json()).toMatchObject({ role: 'coordinator' })
    const restored = await as(otherAdminA, 'PATCH', `/api/users/${adminA.user.id}`, { role: 'admin' })
    expect(await restored.json()).toMatchObject({ role: 'admin' })
  })

  it('lets the local token (the machine’s operator) do everything, moving a user to another agency too', async () => {
    const moved = await as(null, 'PATCH', `/api/users/${coordinatorB.user.id}`, { agency: 'Agency A' })
    expect(moved.status).toBe(200)
    expect((await moved.json()).agency).toEqual(adminA.user.agency)
    // Now in A, so A's admin reaches them.
    expect((await as(adminA, 'GET', `/api/users/${coordinatorB.user.id}`)).status).toBe(200)
    const back = await as(null, 'PATCH', `/api/users/${coordinatorB.user.id}`, { agency: 'Agency B' })
    expect((await back.json()).agency).toEqual(coordinatorB.user.agency)
    expect((await as(adminA, 'GET', `/api/users/${coordinatorB.user.id}`)).status).toBe(404)

    const audit = await (await as(null, 'GET', `/api/users/${coordinatorB.user.id}/audit`)).json()
    expect(audit.audit.slice(0, 2)).toEqual([
      {
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        actor: null,
        action: 'changed',
        before: { agency: adminA.user.agency },
        after: { agency: coordinatorB.user.agency },
      },
      expect.objectContaining({
        actor: null,
        action: 'changed',
        before: { agency: coordinatorB.user.agency },
        after: { agency: adminA.user.agency },
      }),
    ])
    // The operator may disable any admin, in any agency.
    const disabled = await as(null, 'PATCH', `/api/users/${otherAdminA.user.id}`, { disabled: true })
    expect(await disabled.json()).toMatchObject({ disabled: true })
    expect((await as(otherAdminA, 'GET', '/api/users')).status).toBe(401)
  })

  it('keeps every change in the audit, newest first, with its actor, and no password or token in it', async () => {
    const email = `audited-${engine}@a.example`
    const first = 'first password of the audited'
    const second = 'second password of the audited'
    const added = await as(adminA, 'POST', '/api/users', {
      email,
      password: first,
      role: 'reporter',
      name: 'Team 1',
    })
    const { id } = await added.json()
    const patch = (change: unknown) => as(adminA, 'PATCH', `/api/users/${id}`, change)
    await patch({ role: 'viewer', name: 'Wall screen 1' })
    await patch({ name: 'Wall screen 1', role: 'viewer' }) // no change: no row
    await patch({ password: second })
    const live = await (await as(adminA, 'POST', `/api/users/${id}/devices`, { label: 'Wall 1' })).json()
    const gone = await (await as(adminA, 'POST', `/api/users/${id}/devices`, { label: 'Wall 2' })).json()
    await as(adminA, 'DELETE', `/api/users/${id}/devices/${gone.device.id}`)
    await as(adminA, 'DELETE', `/api/users/${id}/devices/${gone.device.id}`) // revoked already: no row
    await patch({ disabled: true }) // revokes the live device: a row of its own
    await patch({ disabled: true }) // disabled already: no row
    await patch({ disabled: false })

    const response = await as(adminA, 'GET', `/api/users/${id}/audit`)
    expect(response.status).toBe(200)
    const { audit } = await response.json()
    // The actor as they are now (an earlier test renamed them).
    const actor = { id: adminA.user.id, name: 'Admin of A', email: adminA.user.email }
    const agency = adminA.user.agency
    expect(audit.map(({ at, ...entry }: { at: string }) => entry)).toEqual([
      { actor, action: 'enabled', before: null, after: null },
      { actor, action: 'device-revoked', before: { device: live.device.id, label: 'Wall 1' }, after: null },
      { actor, action: 'disabled', before: null, after: null },
      { actor, action: 'device-revoked', before: { device: gone.device.id, label: 'Wall 2' }, after: null },
      { actor, action: 'device-added', before: null, after: { device: gone.device.id, label: 'Wall 2' } },
      { actor, action: 'device-added', before: null, after: { device: live.device.id, label: 'Wall 1' } },
      { actor, action: 'password', before: null, after: null },
      {
        actor,
        action: 'changed',
        before: { role: 'reporter', name: 'Team 1' },
        after: { role: 'viewer', name: 'Wall screen 1' },
      },
      { actor, action: 'added', before: null, after: { email, name: 'Team 1', role: 'reporter', agency } },
    ])
    const times = audit.map((e: { at: string }) => Date.parse(e.at))
    expect([...times].sort((a, b) => b - a)).toEqual(times)

    // Not the passwords, their hashes, the device tokens nor their hashes, anywhere in the table.
    const [{ hash } = { hash: '' }] = await database.current.rows<{ hash: string }>(
      sql`SELECT password_hash AS hash FROM users WHERE id = ${id}`,
    )
    const stored = await database.current.rows<{ text: string }>(
      sql`SELECT concat_ws(' ', action, before::text, after::text) AS text FROM user_audit`,
    )
    const secrets = [
      first,
      second,
      hash,
      live.token,
      gone.token,
      tokenHash(live.token),
      tokenHash(gone.token),
    ]
    for (const { text } of stored) {
      for (const secret of secrets) expect(text).not.toContain(secret)
      expect(text).not.toMatch(/argon2|password_?hash|"token"/i)
    }
  })

  it('writes a change and its audit row in one transaction: when the row cannot be written, nothing changes', async () => {
    const target = await signedIn(database.current, 'viewer', 'Agency A')
    // This test database's own copy: make the audit refuse one kind of row for a moment.
    await database.current.rows(sql`CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit refused for the test'; END $$`)
    await database.current.rows(sql`CREATE TRIGGER refuse_audit BEFORE INSERT ON user_audit
      FOR EACH ROW WHEN (NEW.action IN ('password', 'changed', 'device-added')) EXECUTE FUNCTION refuse_audit()`)
    const quiet = testApp({ database: database.current })
    const send = (method: string, path: string, body: unknown) =>
      quiet.request(`/api/users/${target.user.id}${path}`, {
        method,
        headers: { ...adminA.auth, ...json },
        body: JSON.stringify(body),
      })
    try {
      expect((await send('PATCH', '', { password: 'a password never stored' })).status).toBe(500)
      expect((await send('PATCH', '', { role: 'coordinator', name: 'Never renamed' })).status).toBe(500)
      expect((await send('POST', '/devices', { label: 'never made' })).status).toBe(500)
    } finally {
      await database.current.rows(sql`DROP TRIGGER refuse_audit ON user_audit`)
      await database.current.rows(sql`DROP FUNCTION refuse_audit()`)
    }
    expect((await login(target.user.email, PASSWORD)).status).toBe(200)
    expect((await login(target.user.email, 'a password never stored')).status).toBe(401)
    const now = await (await as(null, 'GET', `/api/users/${target.user.id}`)).json()
    expect(now).toMatchObject({ role: 'viewer', name: target.user.name })
    const devices = await (await as(null, 'GET', `/api/users/${target.user.id}/devices`)).json()
    expect(devices.devices).toEqual([])
    expect((await auditOf(target.user.id)).map((r) => r.action)).toEqual(['added'])
  })

  it('refuses UPDATE and DELETE on user_audit in the database itself', async () => {
    /** The database's reason for refusing `query` (drizzle may wrap it as the error's cause). */
    const refusal = async (query: ReturnType<typeof sql>) => {
      try {
        await database.current.rows(query)
      } catch (error) {
        const { message, cause } = error as Error & { cause?: Error }
        return `${message} ${cause?.message ?? ''}`
      }
      return 'not refused'
    }
    const count = async () =>
      (await database.current.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM user_audit`))[0]?.n
    const before = await count()
    expect(before).toBeGreaterThan(0)
    expect(await refusal(sql`UPDATE user_audit SET action = 'nothing happened'`)).toMatch(
      /user_audit is append-only: UPDATE refused/,
    )
    expect(await refusal(sql`DELETE FROM user_audit`)).toMatch(/user_audit is append-only: DELETE refused/)
    expect(await count()).toBe(before)
  })
})
