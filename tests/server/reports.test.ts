// POST /api/reports in process on both engines: who filed it (a signed-in reporter, or the local token), its
// audit row and live event, validation, idempotency (a retry, a reused key, another user's key, 50 requests
// at once with one key), where real and simulated reports are filed, and photos: taken, refused, served.
import { createHash, randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../server/app.ts'
import { MAX_PHOTO_BYTES } from '../../server/review/photos.ts'
import { LOCAL_TOKEN, testApp } from '../helpers/app.ts'
import { useTestDatabase } from '../helpers/database.ts'
import { engines, TEST_ROOT } from '../helpers/engines.ts'
import { filed, report } from '../helpers/reports.ts'
import { type SignedIn, signedIn } from '../helpers/users.ts'

/** The first bytes each format must start with, then filler: enough for the checks, not a real picture. */
const IMAGES = {
  jpeg: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 7)]),
  png: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(60, 8)]),
  webp: Buffer.concat([
    Buffer.from('RIFF'),
    Buffer.from([52, 0, 0, 0]),
    Buffer.from('WEBPVP8 '),
    Buffer.alloc(48, 9),
  ]),
}
const dataUrl = (type: string, bytes: Buffer) => `data:${type};base64,${bytes.toString('base64')}`
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

type Init = {
  key?: string | null
  auth?: string | null
  body?: unknown
  headers?: Record<string, string>
  photoDir?: string | null
}

describe.each(engines)('POST /api/reports on %s', (engine) => {
  const database = useTestDatabase(engine)
  const photoDir = join(TEST_ROOT, `photos-${randomUUID().slice(0, 8)}`)
  let reporter: SignedIn
  let other: SignedIn

  beforeAll(async () => {
    reporter = await signedIn(database.current, 'reporter', 'Reports test agency')
    other = await signedIn(database.current, 'reporter', 'Another agency')
  })
  afterAll(() => rmSync(photoDir, { recursive: true, force: true }))

  const app = (dir: string | null = photoDir) =>
    createApp({
      database: database.current,
      config: dir === null ? { webDir: 'no-web' } : { webDir: 'no-web', photoDir: dir },
      localToken: LOCAL_TOKEN,
    })
  const post = (init: Init = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers }
    if (init.auth !== null) headers.authorization = `Bearer ${init.auth ?? reporter.token}`
    if (init.key !== null) headers['idempotency-key'] = init.key ?? randomUUID()
    const body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body ?? report)
    return app(init.photoDir).request('/api/reports', { method: 'POST', headers, body })
  }
  const stored = (key: string) =>
    database.current.rows<{
      id: number
      source_id: string
      type: string
      verification: string
      reported_by: number | null
      agency_id: number | null
      photo: string | null
    }>(
      sql`SELECT id::int, source_id, type, verification, reported_by, agency_id, photo
          FROM incidents WHERE external_id = ${key}`,
    )

  it('stores a report as an unverified incident of its reporter and agency, and answers 201 with it', async () => {
    const key = randomUUID()
    const response = await post({ key })
    expect(response.status).toBe(201)
    const body = await response.json()
    expect(body).toMatchObject({
      id: expect.any(Number),
      ...filed,
      source: { id: 'crosswatch-field-reports', modelled: false },
      simulated: false,
      photoUrl: null,
    })
    expect(await stored(key)).toEqual([
      {
        id: body.id,
        source_id: 'crosswatch-field-reports',
        type: 'shipwreck',
        verification: 'unverified',
        reported_by: reporter.user.id,
        agency_id: reporter.user.agency.id,
        photo: null,
      },
    ])
  })

  it('writes the audit row `reported` and the incident.created event in the same transaction', async () => {
    const key = randomUUID()
    const { id } = await (await post({ key })).json()
    const audit = await database.current.rows<{
      user_id: number
      action: string
      before: unknown
      after: Record<string, unknown>
    }>(sql`SELECT user_id, action, before, after FROM incident_audit WHERE incident_id = ${id}`)
    expect(audit).toEqual([
      {
        user_id: reporter.user.id,
        action: 'reported',
        before: null,
        after: expect.objectContaining({
          type: 'shipwreck',
          occurredAt: '2026-11-29T21:40:00.000Z',
          counts: report.counts,
          verification: 'unverified',
          severity: 'high',
          sourceId: 'crosswatch-field-reports',
          reportedBy: reporter.user.id,
          agencyId: reporter.user.agency.id,
          photo: null,
        }),
      },
    ])
    const [event] = await database.current.rows<{ payload: Record<string, unknown> }>(
      sql`SELECT payload FROM events WHERE type = 'incident.created' AND payload->>'incidentId' = ${String(id)}`,
    )
    expect(event?.payload).toMatchObject({
      incidentId: id,
      reportedBy: reporter.user.id,
      agencyId: reporter.user.agency.id,
    })
    expect(event?.payload).not.toHaveProperty('feature') // each subscriber gets it as they may see it
  })

  it('files a report sent with the local token under no user and no agency', async () => {
    const key = randomUUID()
    expect((await post({ key, auth: LOCAL_TOKEN })).status).toBe(201)
    const [row] = await stored(key)
    expect(row).toMatchObject({ reported_by: null, agency_id: null })
    const audit = await database.current.rows<{ user_id: number | null }>(
      sql`SELECT user_id FROM incident_audit WHERE incident_id = ${row?.id}`,
    )
    expect(audit).toEqual([{ user_id: null }])
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

  it.each<[string, () => Init]>([
    ['another body', () => ({ body: { ...report, description: 'another' } })],
    ['the simulated flag', () => ({ headers: { 'crosswatch-simulated': 'true' } })],
    ['another user', () => ({ auth: other.token })],
    ['the local token', () => ({ auth: LOCAL_TOKEN })],
    ['another photo', () => ({ body: { ...report, photo: dataUrl('image/png', IMAGES.png) } })],
  ])(
    'refuses the same key with %s (422), keeping the first report and never replaying it',
    async (_, init) => {
      const key = randomUUID()
      await post({ key })
      const response = await post({ key, ...init() })
      expect(response.status).toBe(422)
      expect(response.headers.get('content-type')).toBe('application/problem+json')
      const problem = await response.json()
      expect(problem['invalid-params']).toEqual([
        { name: 'Idempotency-Key', reason: 'already used for a different request' },
      ])
      expect(JSON.stringify(problem)).not.toContain(report.description)
      expect(await stored(key)).toMatchObject([
        { source_id: 'crosswatch-field-reports', reported_by: reporter.user.id, photo: null },
      ])
    },
  )

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
    ['an unknown field', { body: at('reporter', 'me') }, 400, 'reporter'],
    ['a negative accuracy', { body: at('accuracyM', -5) }, 400, 'accuracyM'],
    ['no Idempotency-Key', { key: null }, 400, 'Idempotency-Key'],
    ['a key that is not a UUID', { key: 'retry-1' }, 400, 'Idempotency-Key'],
    ['a bad simulated flag', { headers: { 'crosswatch-simulated': 'yes' } }, 400, 'Crosswatch-Simulated'],
    ['a body that is not JSON', { body: '{"type":' }, 400, 'body'],
    ['a body that is not an object', { body: [report] }, 400, 'body'],
    ['another content type', { headers: { 'content-type': 'text/plain' } }, 400, 'Content-Type'],
    ['no token', { auth: null }, 401, ''],
    ['a wrong token', { auth: 'wrong-token' }, 401, ''],
  ])('answers %s with a problem naming the field, and stores nothing', async (_, init, status, name) => {
    const key = init.key === undefined ? randomUUID() : init.key
    const response = await post({ ...init, key })
    expect(response.status).toBe(status)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    const problem = await response.json()
    if (name) expect(problem['invalid-params'].map((p: { name: string }) => p.name)).toContain(name)
    if (key && /^[0-9a-f-]{36}$/.test(key)) expect(await stored(key)).toEqual([])
  })

  it('refuses the local token on a server that was not given one', async () => {
    const bare = createApp({ database: database.current, config: { webDir: 'no-web' } })
    const response = await bare.request('/api/reports', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${LOCAL_TOKEN}`,
        'idempotency-key': randomUUID(),
        'content-type': 'application/json',
      },
      body: JSON.stringify(report),
    })
    expect(response.status).toBe(401)
  })

  describe('photos', () => {
    it.each(Object.entries(IMAGES))(
      'stores a %s photo under its SHA-256 before answering, and serves it to the reporter',
      async (format, bytes) => {
        const type = `image/${format}`
        const key = randomUUID()
        const response = await post({ key, body: { ...report, photo: dataUrl(type, bytes) } })
        expect(response.status).toBe(201)
        const body = await response.json()
        expect(body.photoUrl).toBe(`/api/reports/${body.id}/photo`)
        const name = `${sha256(bytes)}.${format === 'jpeg' ? 'jpg' : format}`
        expect(await stored(key)).toMatchObject([{ photo: name }])
        expect(readFileSync(join(photoDir, name))).toEqual(bytes)
        expect(readdirSync(photoDir).filter((f) => f.endsWith('.tmp'))).toEqual([])

        const served = await app().request(body.photoUrl, { headers: reporter.auth })
        expect(served.status).toBe(200)
        expect(served.headers.get('content-type')).toBe(type)
        expect(served.headers.get('x-content-type-options')).toBe('nosniff')
        expect(Buffer.from(await served.arrayBuffer())).toEqual(bytes)
      },
    )

    it('does not serve the photo to a reporter of another agency, nor without credentials', async () => {
      const { id } = await (
        await post({ body: { ...report, photo: dataUrl('image/png', IMAGES.png) } })
      ).json()
      const foreign = await app().request(`/api/reports/${id}/photo`, { headers: other.auth })
      expect(foreign.status).toBe(404)
      expect(await foreign.text()).not.toContain('png')
      expect((await app().request(`/api/reports/${id}/photo`)).status).toBe(401)
    })

    const tooLarge = Buffer.concat([IMAGES.jpeg, Buffer.alloc(MAX_PHOTO_BYTES + 1 - IMAGES.jpeg.length)])
    it.each<[string, string | number | object]>([
      ['PNG bytes declared as JPEG', dataUrl('image/jpeg', IMAGES.png)],
      ['JPEG bytes declared as WebP', dataUrl('image/webp', IMAGES.jpeg)],
      ['a RIFF file that is not WebP', dataUrl('image/webp', Buffer.from('RIFF\x10\0\0\0WAVEfmt '))],
      [
        'text declared as PNG',
        dataUrl('image/png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')),
      ],
      ['a GIF', dataUrl('image/gif', Buffer.from('GIF89a0000000000'))],
      ['an SVG', dataUrl('image/svg+xml', Buffer.from('<svg/>'))],
      ['a photo above 5 MB', dataUrl('image/jpeg', tooLarge)],
      ['a URL instead of data', 'https://example.org/photo.jpg'],
      ['a data URL without base64', 'data:image/jpeg,abc'],
      ['base64 with a stray character', 'data:image/jpeg;base64,/9j/4A*A'],
      ['base64 of a wrong length', 'data:image/jpeg;base64,/9j/4AA'],
      ['an empty data URL', 'data:image/jpeg;base64,'],
      ['a number', 42],
      ['an object', { url: 'x' }],
    ])('refuses %s with a 400 naming photo, and stores neither report nor file', async (_, photo) => {
      const before = existsSync(photoDir) ? readdirSync(photoDir).sort() : []
      const key = randomUUID()
      const response = await post({ key, body: { ...report, photo } })
      expect(response.status).toBe(400)
      const problem = await response.json()
      expect(problem['invalid-params'].map((p: { name: string }) => p.name)).toEqual(['photo'])
      expect(await stored(key)).toEqual([])
      expect(existsSync(photoDir) ? readdirSync(photoDir).sort() : []).toEqual(before)
    })

    it('takes a photo of exactly 5 MB, and answers 413 to a body larger than a 5 MB photo can make', async () => {
      const largest = Buffer.concat([IMAGES.jpeg, Buffer.alloc(MAX_PHOTO_BYTES - IMAGES.jpeg.length, 1)])
      const ok = await post({ body: { ...report, photo: dataUrl('image/jpeg', largest) } })
      expect(ok.status).toBe(201)
      const key = randomUUID()
      const huge = await post({
        key,
        body: { ...report, photo: dataUrl('image/jpeg', largest), description: 'x'.repeat(70_000) },
      })
      expect(huge.status).toBe(413)
      expect(await stored(key)).toEqual([])
    })

    it('answers 503 naming photo on a server without a photo folder', async () => {
      const key = randomUUID()
      const response = await post({
        key,
        photoDir: null,
        body: { ...report, photo: dataUrl('image/png', IMAGES.png) },
      })
      expect(response.status).toBe(503)
      expect((await response.json())['invalid-params'][0].name).toBe('photo')
      expect(await stored(key)).toEqual([])
    })

    it('never opens a file outside the photo folder, whatever name the database holds', async () => {
      // A file beside the folder, and reports whose photo column was tampered with to reach it.
      mkdirSync(photoDir, { recursive: true })
      const secret = join(photoDir, '..', `${sha256(Buffer.from('secret'))}.jpg`)
      writeFileSync(secret, 'secret')
      try {
        const { id } = await (
          await post({ body: { ...report, photo: dataUrl('image/png', IMAGES.png) } })
        ).json()
        for (const name of [
          `../${sha256(Buffer.from('secret'))}.jpg`,
          secret,
          '/etc/passwd',
          `${sha256(Buffer.from('secret'))}.jpg/../../x.jpg`,
          `${sha256(Buffer.from('secret'))}.JPG`,
          `${sha256(Buffer.from('secret'))}.jpg\n`,
        ]) {
          await database.current.rows(sql`UPDATE incidents SET photo = ${name} WHERE id = ${id}`)
          const response = await testApp({
            database: database.current,
            config: { webDir: 'no-web', photoDir },
          }).request(`/api/reports/${id}/photo`)
          expect(response.status, name).toBe(404)
          expect(await response.text()).not.toContain('secret')
        }
      } finally {
        rmSync(secret, { force: true })
      }
    })

    it.each(['..%2F..%2Fetc%2Fpasswd', '1%2F..%2F2', '-1', '1.5', '99999999999999999'])(
      'answers a photo path with the id %s with a 400 or 404, never a file',
      async (id) => {
        const response = await app().request(`/api/reports/${id}/photo`, { headers: reporter.auth })
        expect([400, 404]).toContain(response.status)
        expect(response.headers.get('content-type')).toBe('application/problem+json')
      },
    )
  })
})
