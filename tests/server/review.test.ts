// The review of field reports, in process on both engines with real users: reading one report and the
// queue (scoped to the agency, a reporter's own), each review action with its audit row, the append-only
// audit table, If-Match, likely duplicates inside and outside their windows, and who hears of a change live.
import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EventHub } from '../../server/event-hub.ts'
import { LOCAL_TOKEN, testApp } from '../helpers/app.ts'
import { useTestDatabase } from '../helpers/database.ts'
import { engines } from '../helpers/engines.ts'
import { filed, report } from '../helpers/reports.ts'
import { sseReader } from '../helpers/sse.ts'
import { type SignedIn, signedInAll } from '../helpers/users.ts'

type Who = SignedIn | 'local' | null
// biome-ignore lint/suspicious/noExplicitAny: answers are checked by expect, field by field
type Json = Record<string, any>

describe.each(engines)('reviewing reports on %s', (engine) => {
  const database = useTestDatabase(engine)
  let hub: EventHub
  const people = {} as Record<
    | 'reporter'
    | 'reporter2'
    | 'viewer'
    | 'coordinator'
    | 'coordinator2'
    | 'admin'
    | 'otherCoordinator'
    | 'otherAdmin'
    | 'otherReporter',
    SignedIn
  >

  beforeAll(async () => {
    hub = await EventHub.start(database.current)
    const a = `Review agency ${engine}`
    const b = `Other agency ${engine}`
    Object.assign(
      people,
      await signedInAll(database.current, {
        reporter: ['reporter', a],
        reporter2: ['reporter', a],
        viewer: ['viewer', a],
        coordinator: ['coordinator', a],
        coordinator2: ['coordinator', a],
        admin: ['admin', a],
        otherCoordinator: ['coordinator', b],
        otherAdmin: ['admin', b],
        otherReporter: ['reporter', b],
      }),
    )
  })
  afterAll(() => hub?.stop())

  const call = (who: Who, path: string, init: { body?: unknown; headers?: Record<string, string> } = {}) => {
    const { app } = testApp({ database: database.current, events: hub })
    const headers = new Headers(init.headers)
    if (who === 'local') headers.set('authorization', `Bearer ${LOCAL_TOKEN}`)
    else if (who) headers.set('authorization', `Bearer ${who.token}`)
    if (init.body === undefined) return app.request(path, { headers })
    headers.set('content-type', 'application/json')
    return app.request(path, { method: 'POST', headers, body: JSON.stringify(init.body) })
  }
  const file = async (who: Who, fields: Json = {}): Promise<Json> => {
    const response = await call(who, '/api/reports', {
      body: { ...report, ...fields },
      headers: { 'idempotency-key': randomUUID() },
    })
    expect(response.status).toBe(201)
    return response.json()
  }
  const read = async (who: Who, id: number) => (await call(who, `/api/reports/${id}`)).json() as Promise<Json>
  const act = (who: Who, id: number, body: unknown, headers: Record<string, string> = {}) =>
    call(who, `/api/reports/${id}/actions`, { body, headers })
  const auditRows = (id: number) =>
    database.current.rows<{
      user_id: number | null
      action: string
      before: Json | null
      after: Json | null
    }>(sql`SELECT user_id, action, before, after FROM incident_audit WHERE incident_id = ${id} ORDER BY id`)
  const userOf = (p: SignedIn) => ({ id: p.user.id, name: p.user.name, email: p.user.email })

  describe('GET /api/reports/:id', () => {
    it('gives the reporter their report with its review state and audit trail, and the version as ETag', async () => {
      const { id } = await file(people.reporter)
      const response = await call(people.reporter, `/api/reports/${id}`)
      expect(response.status).toBe(200)
      expect(response.headers.get('etag')).toBe('"1"')
      const body = await response.json()
      expect(body).toEqual({
        id,
        ...filed,
        status: 'unverified',
        reportedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        source: {
          id: 'crosswatch-field-reports',
          name: expect.any(String),
          modelled: false,
          citation: expect.any(String),
        },
        simulated: false,
        photoUrl: null,
        reporter: userOf(people.reporter),
        agency: people.reporter.user.agency,
        owner: null,
        rejectionReason: null,
        duplicateOf: null,
        resolvedAt: null,
        version: 1,
        shareable: false,
        duplicateWindow: null,
        duplicates: null,
        audit: [
          {
            at: expect.any(String),
            user: userOf(people.reporter),
            action: 'reported',
            before: null,
            after: expect.objectContaining({ type: 'shipwreck', verification: 'unverified' }),
          },
        ],
      })
    })

    it('shows coordinators, admins of the agency and the local token the report with its likely duplicates', async () => {
      const { id } = await file(people.reporter)
      for (const who of [people.coordinator, people.admin, 'local' as const]) {
        const body = await read(who, id)
        expect(body.id).toBe(id)
        expect(body.duplicateWindow).toEqual({ kind: 'sea', radiusKm: 50, hours: 72 })
        expect(body.duplicates).toEqual(expect.any(Array))
      }
    })

    it.each(['reporter2', 'viewer', 'otherCoordinator', 'otherAdmin', 'otherReporter'] as const)(
      'answers %s with 404, as for a report that does not exist',
      async (name) => {
        const { id } = await file(people.reporter)
        const response = await call(people[name], `/api/reports/${id}`)
        expect(response.status).toBe(404)
        const missing = await call(people[name], '/api/reports/999999999')
        expect(await response.json()).toEqual({
          ...(await missing.json()),
          detail: `no report ${id}`,
          instance: `/api/reports/${id}`,
        })
      },
    )

    it('answers 401 without credentials, 404 for an incident that is not a report, 400 for a bad id', async () => {
      const { id } = await file(people.reporter)
      expect((await call(null, `/api/reports/${id}`)).status).toBe(401)
      const [mmp] = await database.current.rows<{ id: number }>(
        sql`SELECT id::int AS id FROM incidents WHERE source_id LIKE 'iom-mmp%' LIMIT 1`,
      )
      expect((await call('local', `/api/reports/${mmp?.id}`)).status).toBe(404)
      const bad = await call('local', '/api/reports/abc')
      expect(bad.status).toBe(400)
      expect((await bad.json())['invalid-params'][0].name).toBe('id')
    })

    it('shows the agency-less reports of the local token to admins, not to coordinators', async () => {
      const { id } = await file('local')
      expect((await call(people.admin, `/api/reports/${id}`)).status).toBe(200)
      expect((await call(people.otherAdmin, `/api/reports/${id}`)).status).toBe(200)
      expect((await call(people.coordinator, `/api/reports/${id}`)).status).toBe(404)
    })
  })

  describe('GET /api/reports', () => {
    it('gives a coordinator the open unverified reports of their agency, newest first, with duplicates', async () => {
      // Filed at a place and time of their own, so that no earlier report crowds out the suggestion.
      const here = {
        occurredAt: '2006-02-01T08:00:00Z',
        location: { type: 'Point', coordinates: [13.5, 35] },
      }
      const first = await file(people.reporter, here)
      const second = await file(people.reporter2, here)
      const foreign = await file(people.otherReporter)
      const verified = await file(people.reporter)
      expect((await act(people.coordinator, verified.id, { action: 'verify' })).status).toBe(200)
      const response = await call(people.coordinator, '/api/reports')
      expect(response.status).toBe(200)
      const { reports, nextCursor } = await response.json()
      const ids = reports.map((r: Json) => r.id)
      expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id))
      expect(ids.indexOf(first.id)).toBeGreaterThanOrEqual(0)
      expect(ids).not.toContain(foreign.id)
      expect(ids).not.toContain(verified.id)
      expect(reports.every((r: Json) => r.status === 'unverified')).toBe(true)
      expect(reports.every((r: Json) => r.agency.id === people.coordinator.user.agency.id)).toBe(true)
      expect(nextCursor).toBeNull()
      const item = reports.find((r: Json) => r.id === second.id)
      expect(item).toMatchObject({
        reporter: userOf(people.reporter2),
        version: 1,
        duplicateWindow: { kind: 'sea' },
      })
      // Filed at the same place and time, the first report is the second's likely duplicate.
      expect(item.duplicates.map((d: Json) => d.id)).toContain(first.id)
      expect(item).not.toHaveProperty('audit')
    })

    it('filters by status and pages with limit and cursor', async () => {
      const verified = await file(people.reporter)
      await act(people.coordinator, verified.id, { action: 'verify' })
      const resolved = await file(people.reporter)
      await act(people.coordinator, resolved.id, { action: 'resolve' })
      const status = async (filter: string) =>
        (
          (await (await call(people.coordinator, `/api/reports?status=${filter}&limit=200`)).json())
            .reports as Json[]
        ).map((r) => r.id)
      expect(await status('verified')).toContain(verified.id)
      expect(await status('verified')).not.toContain(resolved.id)
      expect(await status('resolved')).toEqual(expect.arrayContaining([resolved.id]))
      expect(await status('open')).toContain(verified.id)
      expect(await status('open')).not.toContain(resolved.id)
      expect(await status('resolved,verified')).toEqual(expect.arrayContaining([verified.id, resolved.id]))

      const all: number[] = []
      let cursor = ''
      for (let page = 0; page < 200; page++) {
        const body = await (
          await call(people.coordinator, `/api/reports?status=open,resolved&limit=3${cursor}`)
        ).json()
        expect(body.reports.length).toBeLessThanOrEqual(3)
        all.push(...body.reports.map((r: Json) => r.id))
        if (!body.nextCursor) break
        cursor = `&cursor=${body.nextCursor}`
      }
      expect(all).toEqual([...all].sort((x, y) => y - x))
      expect(new Set(all).size).toBe(all.length)
      expect(all).toEqual(await status('open,resolved'))
    })

    it('lists a reporter’s own reports with ?mine=true, whatever their status, and only theirs', async () => {
      const own = await file(people.reporter2)
      const rejected = await file(people.reporter2)
      await act(people.coordinator, rejected.id, { action: 'reject', reason: 'test' })
      const other = await file(people.reporter)
      const { reports } = await (await call(people.reporter2, '/api/reports?mine=true')).json()
      const ids = reports.map((r: Json) => r.id)
      expect(ids).toEqual(expect.arrayContaining([own.id, rejected.id]))
      expect(ids).not.toContain(other.id)
      expect(reports.every((r: Json) => r.reporter.id === people.reporter2.user.id)).toBe(true)
      expect(reports.find((r: Json) => r.id === rejected.id)).toMatchObject({
        status: 'rejected',
        rejectionReason: 'test',
      })
      expect(reports[0]).not.toHaveProperty('duplicates')
    })

    it.each<[string, keyof typeof people | null, string, number, string]>([
      ['a reporter without ?mine=true', 'reporter', '', 403, ''],
      ['a viewer', 'viewer', '', 403, ''],
      ['nobody', null, '', 401, ''],
      ['an unknown status', 'coordinator', '?status=pending', 400, 'status'],
      ['a limit of 0', 'coordinator', '?limit=0', 400, 'limit'],
      ['a limit above 200', 'coordinator', '?limit=201', 400, 'limit'],
      ['a bad cursor', 'coordinator', '?cursor=abc', 400, 'cursor'],
      ['mine that is not true or false', 'reporter', '?mine=yes', 400, 'mine'],
      ['an unknown parameter', 'coordinator', '?agency=2', 400, 'agency'],
    ])('answers %s with a problem', async (_, who, query, status, name) => {
      const response = await call(who ? people[who] : null, `/api/reports${query}`)
      expect(response.status).toBe(status)
      expect(response.headers.get('content-type')).toBe('application/problem+json')
      if (name) expect((await response.json())['invalid-params'][0].name).toBe(name)
    })
  })

  describe('POST /api/reports/:id/actions', () => {
    it('verifies, sets the severity, assigns, resolves and reopens, each with its audit row', async () => {
      const { id } = await file(people.reporter)
      const steps: [Json, Json, Json, Json][] = [
        [
          { action: 'verify' },
          { verification: 'verified', status: 'verified' },
          { verification: 'unverified' },
          { verification: 'verified' },
        ],
        [
          { action: 'severity', severity: 'critical' },
          { severity: 'critical' },
          { severity: 'high' },
          { severity: 'critical' },
        ],
        [
          { action: 'assign', ownerId: people.coordinator2.user.id },
          { owner: { id: people.coordinator2.user.id, name: people.coordinator2.user.name } },
          { ownerId: null },
          { ownerId: people.coordinator2.user.id },
        ],
        [
          { action: 'assign', ownerId: null },
          { owner: null },
          { ownerId: people.coordinator2.user.id },
          { ownerId: null },
        ],
        [
          { action: 'resolve' },
          { status: 'resolved', verification: 'verified' },
          { resolvedAt: null },
          { resolvedAt: expect.any(String) },
        ],
        [
          { action: 'reopen' },
          { status: 'verified', resolvedAt: null },
          { resolvedAt: expect.any(String) },
          { resolvedAt: null },
        ],
      ]
      const names = ['verified', 'severity', 'assigned', 'assigned', 'resolved', 'reopened']
      for (const [i, [body, expected, before, after]] of steps.entries()) {
        const response = await act(people.coordinator, id, body)
        expect(response.status, JSON.stringify(body)).toBe(200)
        expect(response.headers.get('etag')).toBe(`"${i + 2}"`)
        const answer = await response.json()
        expect(answer).toMatchObject({ ...expected, version: i + 2 })
        expect(answer.audit.at(-1)).toEqual({
          at: expect.any(String),
          user: userOf(people.coordinator),
          action: names[i],
          before,
          after,
        })
        expect((await auditRows(id)).at(-1)).toEqual({
          user_id: people.coordinator.user.id,
          action: names[i],
          before,
          after,
        })
      }
      expect((await auditRows(id)).map((r) => r.action)).toEqual(['reported', ...names])
    })

    it('rejects with a reason and reopens to unverified; merges into another incident and reopens', async () => {
      const { id } = await file(people.reporter)
      const noReason = await act(people.coordinator, id, { action: 'reject' })
      expect(noReason.status).toBe(400)
      expect((await noReason.json())['invalid-params']).toEqual([
        { name: 'reason', reason: expect.any(String) },
      ])
      const blank = await act(people.coordinator, id, { action: 'reject', reason: '   ' })
      expect((await blank.json())['invalid-params'][0].name).toBe('reason')

      const rejected = await (
        await act(people.coordinator, id, { action: 'reject', reason: ' Photo from 2019 ' })
      ).json()
      expect(rejected).toMatchObject({
        verification: 'rejected',
        status: 'rejected',
        rejectionReason: 'Photo from 2019',
      })
      expect((await auditRows(id)).at(-1)).toMatchObject({
        action: 'rejected',
        before: { verification: 'unverified', rejectionReason: null },
        after: { verification: 'rejected', rejectionReason: 'Photo from 2019' },
      })
      const reopened = await (await act(people.coordinator, id, { action: 'reopen' })).json()
      expect(reopened).toMatchObject({ verification: 'unverified', rejectionReason: null })

      const [mmp] = await database.current.rows<{ id: number }>(
        sql`SELECT id::int AS id FROM incidents WHERE source_id LIKE 'iom-mmp%' ORDER BY id LIMIT 1`,
      )
      const merged = await (
        await act(people.coordinator, id, { action: 'merge', duplicateOf: mmp?.id })
      ).json()
      expect(merged).toMatchObject({ verification: 'duplicate', status: 'duplicate', duplicateOf: mmp?.id })
      expect((await auditRows(id)).at(-1)).toMatchObject({
        action: 'merged',
        before: { verification: 'unverified', duplicateOf: null },
        after: { verification: 'duplicate', duplicateOf: mmp?.id },
      })
      expect(await (await act(people.coordinator, id, { action: 'reopen' })).json()).toMatchObject({
        verification: 'unverified',
        duplicateOf: null,
      })
    })

    it.each<
      [string, (ids: { id: number; dup: number; rejected: number; mmp: number }) => Json, number, string]
    >([
      [
        'merging a report into itself',
        ({ id }) => ({ action: 'merge', duplicateOf: id }),
        409,
        'duplicateOf',
      ],
      [
        'merging into a missing incident',
        () => ({ action: 'merge', duplicateOf: 999_999_999 }),
        409,
        'duplicateOf',
      ],
      ['merging into a duplicate', ({ dup }) => ({ action: 'merge', duplicateOf: dup }), 409, 'duplicateOf'],
      [
        'merging into a rejected report',
        ({ rejected }) => ({ action: 'merge', duplicateOf: rejected }),
        409,
        'duplicateOf',
      ],
      ['merging without an id', () => ({ action: 'merge' }), 400, 'duplicateOf'],
      ['a severity that does not exist', () => ({ action: 'severity', severity: 'huge' }), 400, 'severity'],
      ['the severity it has', () => ({ action: 'severity', severity: 'high' }), 409, 'severity'],
      [
        'assigning a reporter',
        () => ({ action: 'assign', ownerId: people.reporter.user.id }),
        409,
        'ownerId',
      ],
      ['assigning a viewer', () => ({ action: 'assign', ownerId: people.viewer.user.id }), 409, 'ownerId'],
      [
        'assigning another agency’s coordinator',
        () => ({ action: 'assign', ownerId: people.otherCoordinator.user.id }),
        409,
        'ownerId',
      ],
      ['assigning a missing user', () => ({ action: 'assign', ownerId: 999_999 }), 409, 'ownerId'],
      ['unassigning a report with no owner', () => ({ action: 'assign', ownerId: null }), 409, 'ownerId'],
      ['reopening an open report', () => ({ action: 'reopen' }), 409, 'action'],
      ['an unknown action', () => ({ action: 'delete' }), 400, 'action'],
      ['an unknown field', () => ({ action: 'verify', note: 'x' }), 400, 'note'],
    ])('refuses %s naming the field, and changes nothing', async (_, body, status, name) => {
      const { id } = await file(people.reporter)
      const dup = await file(people.reporter)
      const rejected = await file(people.reporter)
      const [mmp] = await database.current.rows<{ id: number }>(
        sql`SELECT id::int AS id FROM incidents WHERE source_id LIKE 'iom-mmp%' LIMIT 1`,
      )
      await act(people.coordinator, dup.id, { action: 'merge', duplicateOf: mmp?.id })
      await act(people.coordinator, rejected.id, { action: 'reject', reason: 'no' })
      const response = await act(
        people.coordinator,
        id,
        body({ id, dup: dup.id, rejected: rejected.id, mmp: mmp?.id ?? 0 }),
      )
      expect(response.status).toBe(status)
      expect(response.headers.get('content-type')).toBe('application/problem+json')
      expect((await response.json())['invalid-params'].map((p: Json) => p.name)).toContain(name)
      expect(await read(people.coordinator, id)).toMatchObject({ version: 1, verification: 'unverified' })
      expect(await auditRows(id)).toHaveLength(1)
    })

    it.each<[string, Json[], Json]>([
      ['resolving a rejected report', [{ action: 'reject', reason: 'false alarm' }], { action: 'resolve' }],
      ['verifying a rejected report', [{ action: 'reject', reason: 'false alarm' }], { action: 'verify' }],
      ['rejecting a resolved report', [{ action: 'resolve' }], { action: 'reject', reason: 'x' }],
      ['merging a resolved report', [{ action: 'resolve' }], { action: 'merge', duplicateOf: 1 }],
      ['verifying a verified report', [{ action: 'verify' }], { action: 'verify' }],
      ['resolving a resolved report', [{ action: 'resolve' }], { action: 'resolve' }],
    ])('refuses %s with a 409 naming action, and changes nothing', async (_, before, action) => {
      const { id } = await file(people.reporter)
      for (const step of before) expect((await act(people.coordinator, id, step)).status).toBe(200)
      const state = await read(people.coordinator, id)
      const response = await act(people.coordinator, id, action)
      expect(response.status).toBe(409)
      expect((await response.json())['invalid-params'][0].name).toBe('action')
      const after = await read(people.coordinator, id)
      expect(after.version).toBe(state.version)
      expect(after.audit).toHaveLength(state.audit.length)
    })

    it('checks If-Match: the current version passes, a stale one is a 412 that changes nothing', async () => {
      const { id } = await file(people.reporter)
      expect((await act(people.coordinator, id, { action: 'verify' }, { 'if-match': '"1"' })).status).toBe(
        200,
      )
      const stale = await act(
        people.coordinator2,
        id,
        { action: 'reject', reason: 'x' },
        { 'if-match': '"1"' },
      )
      expect(stale.status).toBe(412)
      expect((await stale.json())['invalid-params'][0]).toEqual({
        name: 'If-Match',
        reason: 'the report is at version 2',
      })
      expect(await read(people.coordinator, id)).toMatchObject({ version: 2, verification: 'verified' })
      expect(
        (await act(people.coordinator, id, { action: 'severity', severity: 'low' }, { 'if-match': 'W/"2"' }))
          .status,
      ).toBe(200)
      const bad = await act(people.coordinator, id, { action: 'resolve' }, { 'if-match': 'version-3' })
      expect(bad.status).toBe(400)
      expect((await bad.json())['invalid-params'][0].name).toBe('If-Match')
    })

    it('lets only one of two coordinators acting at once on the same version through', async () => {
      const { id } = await file(people.reporter)
      const [a, b] = await Promise.all([
        act(people.coordinator, id, { action: 'verify' }, { 'if-match': '"1"' }),
        act(people.coordinator2, id, { action: 'reject', reason: 'duplicate call' }, { 'if-match': '"1"' }),
      ])
      expect([a.status, b.status].sort()).toEqual([200, 412])
      expect(await auditRows(id)).toHaveLength(2)
      expect((await read(people.coordinator, id)).version).toBe(2)
    })

    it.each<[string, keyof typeof people, number]>([
      // A role below coordinator is refused for its role (403) before anything is looked up; a
      // coordinator or admin of another agency cannot tell the report exists (404).
      ['the reporter of the report', 'reporter', 403],
      ['a viewer of the agency', 'viewer', 403],
      ['a coordinator of another agency', 'otherCoordinator', 404],
      ['an admin of another agency', 'otherAdmin', 404],
      ['another reporter', 'reporter2', 403],
    ])('refuses %s (%s), changing nothing', async (_, who, status) => {
      const { id } = await file(people.reporter)
      const response = await act(people[who], id, { action: 'verify' })
      expect(response.status).toBe(status)
      expect(await auditRows(id)).toHaveLength(1)
    })

    it('lets an admin of the agency and the local token review, the local token as no user', async () => {
      const { id } = await file(people.reporter)
      expect((await act(people.admin, id, { action: 'verify' })).status).toBe(200)
      expect((await act('local', id, { action: 'resolve' })).status).toBe(200)
      expect((await auditRows(id)).map((r) => [r.action, r.user_id])).toEqual([
        ['reported', people.reporter.user.id],
        ['verified', people.admin.user.id],
        ['resolved', null],
      ])
    })
  })

  describe('the audit trail', () => {
    it('refuses UPDATE and DELETE, keeping every row', async () => {
      const { id } = await file(people.reporter)
      await act(people.coordinator, id, { action: 'verify' })
      const before = await auditRows(id)
      await expect(
        database.current.rows(sql`UPDATE incident_audit SET action = 'forged' WHERE incident_id = ${id}`),
      ).rejects.toThrow()
      await expect(
        database.current.rows(sql`DELETE FROM incident_audit WHERE incident_id = ${id}`),
      ).rejects.toThrow()
      expect(await auditRows(id)).toEqual(before)
    })
  })

  describe('likely duplicates', () => {
    /** `km` north of a point, as latitude degrees (a degree of latitude is about 110.6–111.7 km). */
    const north = ([lon, lat]: [number, number], km: number) => ({
      type: 'Point',
      coordinates: [lon, lat + km / 110.9],
    })
    const hoursAfter = (iso: string, hours: number) =>
      new Date(Date.parse(iso) + hours * 3600_000).toISOString()
    const suggested = async (id: number) => (await read(people.coordinator, id)) as Json

    it('on land, suggests the same type within 10 km and 24 h, and nothing farther, later or of another type', async () => {
      const agadez: [number, number] = [7.99, 16.97]
      const t = '2005-03-01T10:00:00Z'
      const type = 'stranded_group'
      const a = await file(people.reporter, { type, occurredAt: t, location: north(agadez, 0) })
      const near = await file(people.reporter, {
        type,
        occurredAt: hoursAfter(t, 20),
        location: north(agadez, 8),
      })
      const far = await file(people.reporter, { type, occurredAt: t, location: north(agadez, 25) })
      const late = await file(people.reporter, {
        type,
        occurredAt: hoursAfter(t, 30),
        location: north(agadez, -3),
      })
      const other = await file(people.reporter, {
        type: 'medical_emergency',
        occurredAt: t,
        location: north(agadez, 1),
      })

      const found = await suggested(near.id)
      expect(found.duplicateWindow).toEqual({ kind: 'land', radiusKm: 10, hours: 24 })
      expect(found.duplicates.map((d: Json) => d.id)).toEqual([a.id])
      expect(found.duplicates[0]).toMatchObject({
        type,
        occurredAt: '2005-03-01T10:00:00.000Z',
        occurredPrecision: 'time',
        verification: 'unverified',
        source: { id: 'crosswatch-field-reports' },
        hoursApart: 20,
      })
      expect(found.duplicates[0].distanceKm).toBeCloseTo(8, 0)
      expect((await suggested(far.id)).duplicates).toEqual([])
      // 3 km from a but 30 h after it; 10 h after `near` but 11 km from it.
      expect((await suggested(late.id)).duplicates).toEqual([])
      expect((await suggested(other.id)).duplicates).toEqual([])
      // A rejected report is no one's duplicate.
      await act(people.coordinator, a.id, { action: 'reject', reason: 'test' })
      expect((await suggested(near.id)).duplicates).toEqual([])
    })

    it('at sea, suggests within 50 km and 72 h, and nothing beyond', async () => {
      const offLibya: [number, number] = [12.5, 34.0]
      const t = '2005-04-01T00:00:00Z'
      const type = 'interception_or_rescue'
      const s = await file(people.reporter, { type, occurredAt: t, location: north(offLibya, 0) })
      const near = await file(people.reporter, {
        type,
        occurredAt: hoursAfter(t, 60),
        location: north(offLibya, 40),
      })
      const far = await file(people.reporter, {
        type,
        occurredAt: hoursAfter(t, 10),
        location: north(offLibya, -60),
      })
      const late = await file(people.reporter, {
        type,
        occurredAt: hoursAfter(t, -80),
        location: north(offLibya, -5),
      })
      const found = await suggested(near.id)
      expect(found.duplicateWindow).toEqual({ kind: 'sea', radiusKm: 50, hours: 72 })
      expect(found.duplicates.map((d: Json) => d.id)).toEqual([s.id])
      expect(found.duplicates[0].hoursApart).toBe(60)
      expect((await suggested(far.id)).duplicates).toEqual([])
      expect((await suggested(late.id)).duplicates).toEqual([])
    })

    it('meets an MMP record of the day: a shipwreck report 50 h after its day is suggested, 80 h is not', async () => {
      const [mmp] = await database.current.rows<{ id: number; day: string; lon: number; lat: number }>(sql`
        SELECT i.id::int AS id, to_char(i.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS day,
               ST_X(i.location) AS lon, ST_Y(i.location) AS lat
        FROM incidents i
        WHERE i.source_id LIKE 'iom-mmp%' AND i.occurred_precision = 'day' AND i.verification = 'verified'
          AND NOT EXISTS (SELECT 1 FROM admin_areas a WHERE ST_Covers(a.geometry, i.location))
        ORDER BY i.id LIMIT 1`)
      if (!mmp) throw new Error('the seed has no MMP record at sea')
      const place: [number, number] = [mmp.lon, mmp.lat]
      const inside = await file(people.reporter, {
        occurredAt: hoursAfter(mmp.day, 24 + 50),
        location: north(place, 20),
      })
      const outside = await file(people.reporter, {
        occurredAt: hoursAfter(mmp.day, 24 + 80),
        location: north(place, 20),
      })
      const found = (await suggested(inside.id)).duplicates.find((d: Json) => d.id === mmp.id)
      expect(found).toMatchObject({
        type: 'death_or_disappearance',
        occurredPrecision: 'day',
        verification: 'verified',
        source: { id: expect.stringMatching(/^iom-mmp/) },
        hoursApart: 50,
      })
      expect(found.distanceKm).toBeCloseTo(20, 0)
      expect((await suggested(outside.id)).duplicates.map((d: Json) => d.id)).not.toContain(mmp.id)
    })
  })

  describe('live events', () => {
    const newest = async () =>
      Number(
        (await database.current.rows<{ id: string }>(sql`SELECT coalesce(max(id), 0) AS id FROM events`))[0]
          ?.id ?? 0,
      )

    it('tells a reporter of changes to their own reports, and of no one else’s', async () => {
      const own = await file(people.reporter)
      const others = await file(people.reporter2)
      const events = sseReader(await call(people.reporter, '/api/stream'))
      expect((await events.next()).event).toBe('ready')
      const floor = await newest()
      await act(people.coordinator, others.id, { action: 'verify' })
      await act(people.coordinator, own.id, { action: 'severity', severity: 'critical' })
      const event = await events.next(5000, floor)
      expect(event.event).toBe('incident.updated')
      const { payload } = JSON.parse(event.data ?? '{}')
      expect(payload).toEqual({
        incidentId: own.id,
        action: 'severity',
        verification: 'unverified',
        severity: 'critical',
        feature: expect.objectContaining({
          type: 'Feature',
          id: own.id,
          properties: expect.objectContaining({
            id: own.id,
            severity: 'critical',
            verification: 'unverified',
          }),
        }),
      })
      await events.cancel()
    })

    it('tells a viewer of every change', async () => {
      const { id } = await file(people.reporter2)
      const events = sseReader(await call(people.viewer, '/api/stream'))
      await events.next()
      const floor = await newest()
      await act(people.coordinator, id, { action: 'verify' })
      const event = await events.next(5000, floor)
      expect(JSON.parse(event.data ?? '{}').payload).toMatchObject({
        incidentId: id,
        action: 'verified',
        verification: 'verified',
      })
      await events.cancel()
    })
  })
})
