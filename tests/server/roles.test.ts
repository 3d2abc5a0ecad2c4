// Who may do what, as a table of role × endpoint, on both engines: no credentials → 401, a role too low
// → 403 (both problem+json), the role needed or above → through to the endpoint (never 401/403, never 500).
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../server/app.ts'
import { addUser } from '../../server/auth/accounts.ts'
import { ROLES, type Role } from '../../server/auth/roles.ts'
import { createDeviceToken, createSession } from '../../server/auth/tokens.ts'
import { useTestDatabase } from '../helpers/database.ts'
import { engines } from '../helpers/engines.ts'

const REPORT = {
  type: 'stranded_group',
  occurredAt: '2026-11-29T10:00:00Z',
  location: { type: 'Point', coordinates: [7.99, 16.97] },
  counts: { dead: 0, missing: 0, injured: 0, survivors: 12, children: 3 },
  description: 'Role table report',
}
const COUNTS = {
  counts: [
    { site: 'ne-assamaka', periodStart: '2024-07-01T05:00:00Z', period: 'hour', direction: 'in', count: 3 },
  ],
}
const CSV = 'site,period_start,period,direction,count\nne-assamaka,2024-06-01,day,in,4\n'

interface Endpoint {
  method: string
  path: string | ((ids: Ids) => string)
  minimum: Role
  /** Where a role at or above the minimum is still refused for another reason (not its role). */
  except?: Partial<Record<Role, number>>
  body?: (ids: Ids) => unknown
  headers?: () => Record<string, string>
}
interface Ids {
  reporter: number
  /** A report of the table's reporter, in the table's agency. */
  report: number
}

const json = { 'content-type': 'application/json' }

/** Every endpoint that needs a role, with the least role that may use it. */
const ENDPOINTS: Endpoint[] = [
  { method: 'GET', path: '/api/layers/border-posts', minimum: 'viewer' },
  { method: 'GET', path: '/api/layers/incidents', minimum: 'viewer' },
  { method: 'GET', path: '/api/series/crossings?site=ne-assamaka', minimum: 'viewer' },
  { method: 'GET', path: '/ogc', minimum: 'viewer' },
  { method: 'GET', path: '/ogc/collections/incidents/items?limit=1', minimum: 'viewer' },
  {
    method: 'POST',
    path: '/api/reports',
    minimum: 'reporter',
    body: () => REPORT,
    headers: () => ({ ...json, 'idempotency-key': randomUUID() }),
  },
  { method: 'POST', path: '/api/crossings', minimum: 'coordinator', body: () => COUNTS, headers: () => json },
  {
    method: 'POST',
    path: '/api/imports/crossings?dryRun=1&fileName=t.csv',
    minimum: 'coordinator',
    body: () => CSV,
    headers: () => ({ 'content-type': 'text/csv' }),
  },
  { method: 'GET', path: '/api/users', minimum: 'admin' },
  {
    method: 'POST',
    path: '/api/users',
    minimum: 'admin',
    // No agency: the admin's own (naming another is a 403 for them, tests/server/users.test.ts).
    body: () => ({
      email: `new-${randomUUID()}@crosswatch.test`,
      password: 'a long enough password',
      role: 'viewer',
    }),
    headers: () => json,
  },
  { method: 'GET', path: (ids) => `/api/users/${ids.reporter}`, minimum: 'admin' },
  {
    method: 'PATCH',
    path: (ids) => `/api/users/${ids.reporter}`,
    minimum: 'admin',
    body: () => ({ name: 'Renamed' }),
    headers: () => json,
  },
  {
    method: 'POST',
    path: (ids) => `/api/users/${ids.reporter}/devices`,
    minimum: 'admin',
    body: () => ({ label: 'Phone' }),
    headers: () => json,
  },
  { method: 'GET', path: (ids) => `/api/users/${ids.reporter}/devices`, minimum: 'admin' },
  { method: 'DELETE', path: (ids) => `/api/users/${ids.reporter}/devices/999999`, minimum: 'admin' },
  { method: 'GET', path: (ids) => `/api/users/${ids.reporter}/audit`, minimum: 'admin' },
  { method: 'GET', path: '/api/auth/me', minimum: 'reporter' },
  { method: 'GET', path: '/api/reports?mine=true', minimum: 'reporter' },
  { method: 'GET', path: '/api/reports', minimum: 'coordinator' },
  // A viewer may read the map, not a report's details: as for anyone who may not read it, a 404.
  {
    method: 'GET',
    path: (ids) => `/api/reports/${ids.report}`,
    minimum: 'reporter',
    except: { viewer: 404 },
  },
  {
    method: 'POST',
    path: (ids) => `/api/reports/${ids.report}/actions`,
    minimum: 'coordinator',
    body: () => ({ action: 'assign', ownerId: null }),
    headers: () => json,
  },
]

describe.each(engines)('role × endpoint on %s', (engine) => {
  const database = useTestDatabase(engine)
  const tokens = {} as Record<Role, string>
  const ids = {} as Ids

  const call = async (endpoint: Endpoint, token: string | null) => {
    const app = createApp({ database: database.current, config: { webDir: 'no-web' } })
    const headers: Record<string, string> = { ...endpoint.headers?.() }
    if (token) headers.authorization = `Bearer ${token}`
    const body = endpoint.body?.(ids)
    const path = typeof endpoint.path === 'string' ? endpoint.path : endpoint.path(ids)
    return app.request(path, {
      method: endpoint.method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
  }

  it('signs in one user per role', async () => {
    for (const role of ROLES) {
      const user = await addUser(database.current, {
        email: `${role}@roles.test`,
        password: `${role}-password-long`,
        role,
        agency: 'Role table agency',
      })
      if (role === 'reporter') ids.reporter = user.id
      // Half the roles through a device token: both kinds of token carry the user's role.
      tokens[role] =
        role === 'viewer' || role === 'admin'
          ? (await createDeviceToken(database.current, user.id, 'test device')).token
          : await createSession(database.current, user.id)
    }
    expect(Object.keys(tokens)).toEqual([...ROLES])
    const posted = await call(ENDPOINTS.find((e) => e.path === '/api/reports') as Endpoint, tokens.reporter)
    ids.report = ((await posted.json()) as { id: number }).id
  })

  const cases = ENDPOINTS.flatMap((endpoint) =>
    [null, ...ROLES].map((role) => {
      const path =
        typeof endpoint.path === 'string' ? endpoint.path : endpoint.path({ reporter: 0, report: 0 })
      const expected =
        role === null
          ? 401
          : ROLES.indexOf(role) < ROLES.indexOf(endpoint.minimum)
            ? 403
            : (endpoint.except?.[role] ?? 'ok')
      return [
        `${endpoint.method} ${path.replace('/0', '/:id')}`,
        role ?? 'nobody',
        expected,
        endpoint,
        role,
      ] as const
    }),
  )

  it.each(cases)('%s as %s → %s', async (_, __, expected, endpoint, role) => {
    const response = await call(endpoint, role ? tokens[role] : null)
    if (expected === 'ok') {
      expect([401, 403]).not.toContain(response.status)
      expect(response.status, await response.clone().text()).toBeLessThan(500)
    } else {
      expect(response.status).toBe(expected)
      expect(response.headers.get('content-type')).toBe('application/problem+json')
    }
  })
})
