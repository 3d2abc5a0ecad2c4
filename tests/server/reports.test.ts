// POST /api/reports in process on both engines: validation, the write token, idempotency (a retry, a
// reused key, 50 requests at once with one key) and where real and simulated reports are filed.
import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../server/app.ts'
import { useTestDatabase } from '../helpers/database.ts'
import { engines } from '../helpers/engines.ts'

const TOKEN = 'test-write-token-0123456789'

const report = {
  type: 'shipwreck',
  occurredAt: '2026-11-29T22:40:00+01:00',
  location: { type: 'Point', coordinates: [12.61, 35.5] },
  accuracyM: 50,
  counts: { dead: 3, missing: 12, injured: 0, survivors: 41, children: 2 },
  description: 'Rubber boat capsized south of Lampedusa',
}

type Init = { key?: string | null; token?: string | null; body?: unknown; headers?: Record<string, string> }

describe.each(engines)('POST /api/reports on %s', (engine) => {
  const database = useTestDatabase(engine)
  const post = (init: Init = {}) => {
    const app = createApp({ database: database.current, config: { webDir: 'no-web' }, localToken: TOKEN })
    const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers }
    if (init.token !== null) headers.authorization = `Bearer ${init.token ?? TOKEN}`
    if (init.key !== null) headers['idempotency-key'] = init.key ?? randomUUID()
    const body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body ?? report)
    return app.request('/api/reports', { method: 'POST', headers, body })
  }
  const stored = (key: string) =>
    database.current.rows<{ id: number; source_id: string; type: string; verification: string }>(
      sql`SELECT id::int, source_id, type, verification FROM incidents WHERE external_id = ${key}`,
    )

  it('stores a report as an unverified incident and answers 201 with it, its id included', async () => {
    const key = randomUUID()
    const response = await post({ key })
    expect(response.status).toBe(201)
    const body = await response.json()
    expect(body).toMatchObject({
      id: expect.any(Number),
      type: 'shipwreck',
      occurredAt: '2026-11-29T21:40:00.000Z',
      location: { type: 'Point', coordinates: [12.61, 35.5] },
      accuracyM: 50,
      counts: report.counts,
      description: report.description,
      severity: 'high',
      verification: 'unverified',
      source: { id: 'crosswatch-field-reports', modelled: false },
      simulated: false,
    })
    expect(await stored(key)).toEqual([
      { id: body.id, source_id: 'crosswatch-field-reports', type: 'shipwreck', verification: 'unverified' },
    ])
  })

  it('answers a retry with the same key with the same answer, and stores nothing new', async () => {
    const key = randomUUID()
    const first = await post({ key })
    const again = await post({ key, body: JSON.stringify(report, null, 2) })
    expect(again.status).toBe(201)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(await again.json()).toEqual(await first.json())
    expect(await stored(key)).toHaveLength(1)
  })

  it('stores a report posted 50 times at once with one key once, and answers all 50 alike', async () => {
    const key = randomUUID()
    const responses = await Promise.all(Array.from({ length: 50 }, () => post({ key })))
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201))
    const bodies = await Promise.all(responses.map((r) => r.json()))
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1)
    expect(responses.filter((r) => r.headers.get('idempotent-replayed') === null)).toHaveLength(1)
    expect(await stored(key)).toHaveLength(1)
  })

  it.each([
    ['another body', { body: { ...report, description: 'another' } }],
    ['the simulated flag', { headers: { 'crosswatch-simulated': 'true' } }],
  ])('refuses the same key with %s (422), keeping the first report', async (_, init) => {
    const key = randomUUID()
    await post({ key })
    const response = await post({ key, ...init })
    expect(response.status).toBe(422)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect((await response.json())['invalid-params']).toEqual([
      { name: 'Idempotency-Key', reason: 'already used for a different request' },
    ])
    expect(await stored(key)).toMatchObject([{ source_id: 'crosswatch-field-reports' }])
  })

  it('files simulated reports under the modelled crosswatch-simulator source, labelled as such', async () => {
    const key = randomUUID()
    const response = await post({ key, headers: { 'crosswatch-simulated': 'true' } })
    expect(response.status).toBe(201)
    expect(await response.json()).toMatchObject({
      simulated: true,
      source: { id: 'crosswatch-simulator', modelled: true, citation: expect.stringMatching(/^SIMULATED/) },
    })
    expect(await stored(key)).toMatchObject([{ source_id: 'crosswatch-simulator' }])
    const [source] = await database.current.rows<{ modelled: boolean }>(
      sql`SELECT modelled FROM sources WHERE id = 'crosswatch-simulator'`,
    )
    expect(source?.modelled).toBe(true)
  })

  const at = (path: string, value: unknown) => {
    const copy = structuredClone(report) as Record<string, unknown>
    const parts = path.split('.')
    let target = copy
    for (const p of parts.slice(0, -1)) target = target[p] as Record<string, unknown>
    if (value === undefined) delete target[parts.at(-1) as string]
    else target[parts.at(-1) as string] = value
    return copy
  }
  it.each<[string, Init, number, string]>([
    [
      'a location outside the world',
      { body: at('location.coordinates', [12, 95]) },
      400,
      'location.coordinates',
    ],
    [
      'a longitude outside the world',
      { body: at('location.coordinates', [-181, 10]) },
      400,
      'location.coordinates',
    ],
    ['a location that is not a point', { body: at('location.type', 'LineString') }, 400, 'location.type'],
    ['an unknown type', { body: at('type', 'boat_sighting') }, 400, 'type'],
    ['a negative count', { body: at('counts.dead', -1) }, 400, 'counts.dead'],
    ['a fractional count', { body: at('counts.children', 1.5) }, 400, 'counts.children'],
    ['a time without offset', { body: at('occurredAt', '2026-11-29T22:40:00') }, 400, 'occurredAt'],
    ['a time in the future', { body: at('occurredAt', '2099-01-01T00:00:00Z') }, 400, 'occurredAt'],
    ['no description', { body: at('description', undefined) }, 400, 'description'],
    ['a photo', { body: at('photo', 'data:image/jpeg;base64,AAAA') }, 400, 'photo'],
    ['an unknown field', { body: at('reporter', 'me') }, 400, 'reporter'],
    ['a negative accuracy', { body: at('accuracyM', -5) }, 400, 'accuracyM'],
    ['no Idempotency-Key', { key: null }, 400, 'Idempotency-Key'],
    ['a key that is not a UUID', { key: 'retry-1' }, 400, 'Idempotency-Key'],
    ['a bad simulated flag', { headers: { 'crosswatch-simulated': 'yes' } }, 400, 'Crosswatch-Simulated'],
    ['a body that is not JSON', { body: '{"type":' }, 400, 'body'],
    ['a body that is not an object', { body: [report] }, 400, 'body'],
    ['another content type', { headers: { 'content-type': 'text/plain' } }, 400, 'Content-Type'],
    ['no token', { token: null }, 401, ''],
    ['a wrong token', { token: 'wrong-token' }, 401, ''],
  ])('answers %s with a problem naming the field, and stores nothing', async (_, init, status, name) => {
    const key = init.key === undefined ? randomUUID() : init.key
    const response = await post({ ...init, key })
    expect(response.status).toBe(status)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    const problem = await response.json()
    if (name) expect(problem['invalid-params'].map((p: { name: string }) => p.name)).toContain(name)
    if (key && /^[0-9a-f-]{36}$/.test(key)) expect(await stored(key)).toEqual([])
  })

  it('answers 401 on a server started without a write token', async () => {
    const app = createApp({ database: database.current, config: { webDir: 'no-web' } })
    const response = await app.request('/api/reports', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'idempotency-key': randomUUID(),
        'content-type': 'application/json',
      },
      body: JSON.stringify(report),
    })
    expect(response.status).toBe(401)
  })
})
