// The visibility matrix (docs/api.md#who-sees-what), generated from one table: every read path that carries
// incidents × every caller × every kind of record, field by field, on both engines. Every GET route of the
// app is either in READ_PATHS or in OTHER_READS with the reason it carries no incident; a new route that is in
// neither fails the first test.
import { randomUUID } from 'node:crypto'
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../server/app.ts'
import { EventHub } from '../../server/event-hub.ts'
import { LOCAL_TOKEN } from '../helpers/app.ts'
import { useTestDatabase } from '../helpers/database.ts'
import { engines, TEST_ROOT } from '../helpers/engines.ts'
import { type Sse, sseReader } from '../helpers/sse.ts'
import { decodeTile, positionIn, tileAt } from '../helpers/tiles.ts'
import { type SignedIn, signedInAll } from '../helpers/users.ts'

// biome-ignore lint/suspicious/noExplicitAny: answers are checked field by field below
type Json = Record<string, any>

/** Who asks. `author` filed every report below; the others are of its agency (A) or of another (B). */
const CALLERS = [
  'author',
  'reporterA',
  'viewerA',
  'coordinatorA',
  'adminA',
  'viewerB',
  'coordinatorB',
  'adminB',
  'local',
  'nobody',
] as const
type CallerName = (typeof CALLERS)[number]
const ROLE: Record<CallerName, 'reporter' | 'viewer' | 'coordinator' | 'admin' | 'local' | 'none'> = {
  author: 'reporter',
  reporterA: 'reporter',
  viewerA: 'viewer',
  coordinatorA: 'coordinator',
  adminA: 'admin',
  viewerB: 'viewer',
  coordinatorB: 'coordinator',
  adminB: 'admin',
  local: 'local',
  nobody: 'none',
}

/** The kinds of record: a published dataset's record, and a field report in each state. */
const RECORDS = ['mmp', 'unverified', 'verified', 'shareable', 'rejected', 'merged'] as const
type RecordName = (typeof RECORDS)[number]
type Level = 'public' | 'full' | 'agency' | 'shared' | null

/**
 * THE TABLE: how much of each record each caller sees. full: every field; agency: every field but the
 * reporter and the photo; shared: rounded to 0.1° and the hour, no free text unless shareable, counts of
 * 1–4 withheld; null: nothing at all.
 */
const inAgency = {
  author: 'full',
  reporterA: null,
  viewerA: 'agency',
  coordinatorA: 'full',
  adminA: 'full',
} as const
const closed = { viewerB: null, coordinatorB: null, adminB: null } as const
const shared = { viewerB: 'shared', coordinatorB: 'shared', adminB: 'shared' } as const
const LEVELS: Record<RecordName, Record<CallerName, Level>> = {
  mmp: Object.fromEntries(CALLERS.map((c) => [c, 'public'])) as Record<CallerName, Level>,
  unverified: { ...inAgency, ...closed, local: 'full', nobody: null },
  verified: { ...inAgency, ...shared, local: 'full', nobody: null },
  shareable: { ...inAgency, ...shared, local: 'full', nobody: null },
  rejected: { ...inAgency, ...closed, local: 'full', nobody: null },
  merged: { ...inAgency, ...closed, local: 'full', nobody: null },
}

const WHERE: [number, number] = [12.34567, 33.45678]
const WHEN = '2026-11-30T10:17:43Z'
const TEXT = 'Boat in distress; witness Amina K., phone +218 91 000 0000'
const COUNTS = { dead: 0, missing: 6, injured: 2, survivors: 7, children: 3 }
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 7)])

/** What a caller gets for one record on one path: refused, not there, or these fields. */
type Seen =
  | 'denied'
  | 'absent'
  | 'present'
  | {
      lon: number
      lat: number
      description: string
      injured: number | null
      survivors: number | null
      children: number | null
      withheld: string[]
      /** Whether the reporter's e-mail appears anywhere in the answer. */
      identity: boolean
    }

type Role = (typeof ROLE)[CallerName]
interface ReadPath {
  /** The app's route(s) this exercises. */
  routes: string[]
  minimum: Exclude<Role, 'none' | 'local'>
  /** Whether the path gives this record, at this level, at all. */
  gives(record: RecordName, level: Exclude<Level, null>): boolean
  read(ask: Ask, record: Recorded): Promise<Seen>
}
type Ask = (path: string) => Promise<Response>
interface Recorded {
  name: RecordName
  id: number
  lon: number
  lat: number
  occurredAt: string
  reporterEmail: string
}

const onMap = (record: RecordName) => record !== 'rejected' && record !== 'merged'
const around = (r: Recorded) => {
  const t = Date.parse(r.occurredAt)
  return {
    bbox: [r.lon - 0.5, r.lat - 0.5, r.lon + 0.5, r.lat + 0.5].join(','),
    from: new Date(t - 86400_000).toISOString(),
    to: new Date(t + 86400_000).toISOString(),
  }
}

async function answer(response: Response): Promise<Json | 'denied' | 'absent'> {
  if (response.status === 401 || response.status === 403) return 'denied'
  if (response.status === 404) return 'absent'
  expect(response.status).toBe(200)
  return response.json()
}

function fields(r: Recorded, text: string, p: Json, lon: number, lat: number, withheld: string[]): Seen {
  if (r.name === 'mmp') return 'present'
  return {
    lon,
    lat,
    description: p.description,
    injured: p.counts?.injured ?? p.injured ?? null,
    survivors: p.counts?.survivors ?? p.survivors ?? null,
    children: p.counts?.children ?? p.children ?? null,
    withheld: [...withheld].sort(),
    identity: text.includes(r.reporterEmail),
  }
}

const layerRead =
  (verification?: string) =>
  async (ask: Ask, r: Recorded): Promise<Seen> => {
    const q = new URLSearchParams(around(r))
    if (verification) q.set('verification', verification)
    const got = await answer(await ask(`/api/layers/incidents?${q}`))
    if (typeof got === 'string') return got
    const f = got.features.find((x: Json) => x.id === r.id)
    if (!f) return 'absent'
    const [lon, lat] = f.geometry.coordinates
    return fields(r, JSON.stringify(f), f.properties, lon, lat, f.properties.withheld)
  }

/** What a tile tells of one incident: no free text, no counts, no one's name. */
const TILE_FIELDS = ['count', 'occurredAt', 'severity', 'shared', 'sources', 'type', 'verification']

const READ_PATHS: Record<string, ReadPath> = {
  layer: {
    routes: ['GET /api/layers/incidents'],
    minimum: 'viewer',
    gives: onMap,
    read: layerRead(),
  },
  'layer, every verification state': {
    routes: ['GET /api/layers/incidents'],
    minimum: 'viewer',
    gives: () => true,
    read: layerRead('unverified,verified,rejected,duplicate'),
  },
  csv: {
    routes: ['GET /api/layers/incidents'],
    minimum: 'viewer',
    gives: onMap,
    async read(ask, r) {
      const response = await ask(
        `/api/layers/incidents?${new URLSearchParams({ ...around(r), format: 'csv' })}`,
      )
      if (response.status === 401 || response.status === 403) return 'denied'
      const text = await response.text()
      const rows = parse(text, { columns: true }) as Record<string, string>[]
      const row = rows.find((x) => x.id === String(r.id))
      if (!row) return 'absent'
      const n = (v: string | undefined) => (v === '' || v === undefined ? null : Number(v))
      return fields(
        r,
        JSON.stringify(row),
        {
          description: row.description,
          injured: n(row['counts.injured']),
          survivors: n(row['counts.survivors']),
          children: n(row['counts.children']),
        },
        Number(row.lon),
        Number(row.lat),
        row.withheld ? row.withheld.split(';') : [],
      )
    },
  },
  // The tile at zoom 14 (every incident its own feature) where the caller sees the record: at its place,
  // or, for another agency's shared report, at its place rounded to 0.1°.
  tile: {
    routes: ['GET /api/tiles/incidents/:z/:x/:y'],
    minimum: 'viewer',
    gives: onMap,
    async read(ask, r) {
      const { from, to } = around(r)
      const round = (v: number) => Math.round(v * 10) / 10
      for (const [lon, lat, shared] of [
        [r.lon, r.lat, false],
        [round(r.lon), round(r.lat), true],
      ] as const) {
        const tile = tileAt(lon, lat, 14)
        const response = await ask(
          `/api/tiles/incidents/14/${tile.x}/${tile.y}?${new URLSearchParams({ from, to })}`,
        )
        if (response.status === 401 || response.status === 403) return 'denied'
        expect(response.status).toBe(200)
        const features = decodeTile(await response.arrayBuffer()).incidents ?? []
        const f = features.find((x) => x.id === r.id)
        if (!f) continue
        // Where it is drawn: within a tile unit (~0.6 m) of the position the caller may know.
        expect([f.properties.shared, ...positionIn(tile, lon, lat)]).toEqual([shared, f.x, f.y])
        expect(Object.keys(f.properties).sort()).toEqual(TILE_FIELDS)
        return 'present'
      }
      return 'absent'
    },
  },
  'OGC items': {
    routes: ['GET /ogc/collections/:collectionId/items'],
    minimum: 'viewer',
    gives: onMap,
    async read(ask, r) {
      const { bbox, from, to } = around(r)
      const got = await answer(
        await ask(`/ogc/collections/incidents/items?bbox=${bbox}&datetime=${from}/${to}&limit=1000`),
      )
      if (typeof got === 'string') return got
      const f = got.features.find((x: Json) => x.id === String(r.id))
      if (!f) return 'absent'
      const p = f.properties
      return fields(r, JSON.stringify(f), p, ...coords(f), p.withheld ? p.withheld.split(',') : [])
    },
  },
  'OGC item': {
    routes: ['GET /ogc/collections/:collectionId/items/:featureId'],
    minimum: 'viewer',
    gives: onMap,
    async read(ask, r) {
      const got = await answer(await ask(`/ogc/collections/incidents/items/${r.id}`))
      if (typeof got === 'string') return got
      const p = got.properties
      return fields(r, JSON.stringify(got), p, ...coords(got), p.withheld ? p.withheld.split(',') : [])
    },
  },
  report: {
    routes: ['GET /api/reports/:id'],
    minimum: 'reporter',
    gives: (record, level) => record !== 'mmp' && level === 'full',
    async read(ask, r) {
      const response = await ask(`/api/reports/${r.id}`)
      if (r.name === 'mmp' && response.status === 404) return 'absent'
      const got = await answer(response)
      if (typeof got === 'string') return got
      return fields(r, JSON.stringify(got), got, ...(got.location.coordinates as [number, number]), [])
    },
  },
  photo: {
    routes: ['GET /api/reports/:id/photo'],
    minimum: 'reporter',
    gives: (record, level) => record !== 'mmp' && level === 'full',
    async read(ask, r) {
      const response = await ask(`/api/reports/${r.id}/photo`)
      if (response.status === 401 || response.status === 403) return 'denied'
      if (response.status === 404) return 'absent'
      expect(Buffer.from(await response.arrayBuffer())).toEqual(JPEG)
      return 'present'
    },
  },
  'stream replay': {
    routes: ['GET /api/stream'],
    minimum: 'reporter',
    gives: (record) => record !== 'mmp', // published records are imported, not announced
    async read(ask, r) {
      const response = await ask(`/api/stream?lastEventId=${streamFloor}`)
      if (response.status === 401 || response.status === 403) return 'denied'
      const events = await drain(response)
      const mine = events.filter((e) => JSON.parse(e.data ?? '{}').payload?.incidentId === r.id)
      if (!mine.length) return 'absent'
      const last = JSON.parse(mine.at(-1)?.data ?? '{}')
      const f = last.payload.feature
      return fields(r, JSON.stringify(mine), f.properties, ...coords(f), f.properties.withheld)
    },
  },
}

/** GET routes that carry no incident, or only aggregates of them checked in their own test below. */
const OTHER_READS: Record<string, string> = {
  'GET /api/auth/me': 'the caller’s own account',
  'GET /api/health': 'the server’s state',
  'GET /api/openapi.json': 'the API description',
  'GET /api/layers/border-posts': 'published posts',
  'GET /api/layers/corridors': 'published and modelled corridors',
  'GET /api/layers/crossings': 'counts at posts (no incidents)',
  'GET /api/layers/displacement': 'modelled displacement per area',
  'GET /api/layers/flows': 'counts along corridors',
  'GET /api/layers/surges': 'surges of crossing counts',
  'GET /api/layers/hotspots': 'an aggregate of incidents: checked against the layer below',
  'GET /api/series/crossings': 'counts at one site',
  'GET /api/series/incidents': 'an aggregate of incidents: checked against the layer below',
  'GET /api/reports': 'the review queue and a reporter’s own list: checked below',
  'GET /api/users': 'accounts (tests/server/users.test.ts)',
  'GET /api/users/:id': 'accounts',
  'GET /api/users/:id/devices': 'accounts',
  'GET /api/users/:id/audit': 'accounts',
  'GET /ogc': 'links',
  'GET /ogc/conformance': 'conformance classes',
  'GET /ogc/collections': 'extents, computed through visible_incidents',
  'GET /ogc/collections/:collectionId': 'an extent, computed through visible_incidents',
}

let streamFloor = 0

function coords(f: Json): [number, number] {
  return f.geometry.coordinates as [number, number]
}

/** Every event the stream sends before it falls quiet (the replay after Last-Event-ID). */
async function drain(response: Response): Promise<Sse[]> {
  const reader = sseReader(response)
  const out: Sse[] = []
  try {
    for (;;) {
      const event = await reader.any(out.length ? 400 : 5000)
      if (event.event !== 'ready') out.push(event)
    }
  } catch {
    // quiet: the replay is over
  }
  await reader.cancel()
  return out
}

/** What the table says `caller` gets for `record` on `path`. */
function expected(path: ReadPath, caller: CallerName, r: Recorded): Seen {
  const role = ROLE[caller]
  if (role === 'none') return 'denied'
  const rank = ['reporter', 'viewer', 'coordinator', 'admin']
  if (role !== 'local' && rank.indexOf(role) < rank.indexOf(path.minimum)) return 'denied'
  const level = LEVELS[r.name][caller]
  if (!level || !path.gives(r.name, level)) return 'absent'
  if (r.name === 'mmp' || path === READ_PATHS.photo || path === READ_PATHS.tile) return 'present'
  const coarse = level === 'shared'
  const round = (v: number) => Math.round(v * 10) / 10
  return {
    lon: coarse ? round(WHERE[0]) : WHERE[0],
    lat: coarse ? round(WHERE[1]) : WHERE[1],
    description: coarse && r.name !== 'shareable' ? '' : TEXT,
    injured: coarse ? null : COUNTS.injured,
    survivors: COUNTS.survivors,
    children: coarse ? null : COUNTS.children,
    withheld: coarse ? ['children', 'injured'] : [],
    identity: path === READ_PATHS.report && level === 'full',
  }
}

describe.each(engines)('who sees what on %s', (engine) => {
  const database = useTestDatabase(engine)
  const photoDir = join(TEST_ROOT, `photos-${randomUUID().slice(0, 8)}`)
  let hub: EventHub
  const people = {} as Record<Exclude<CallerName, 'local' | 'nobody'>, SignedIn>
  const records = [] as Recorded[]
  const app = () =>
    createApp({
      database: database.current,
      config: { webDir: 'no-web', photoDir },
      localToken: LOCAL_TOKEN,
      events: hub,
    })
  const askAs =
    (caller: CallerName): Ask =>
    async (path) => {
      const headers = new Headers()
      if (caller === 'local') headers.set('authorization', `Bearer ${LOCAL_TOKEN}`)
      else if (caller !== 'nobody') headers.set('authorization', `Bearer ${people[caller].token}`)
      return app().request(path, { headers })
    }
  const post = async (
    caller: CallerName,
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await app().request(path, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${caller === 'local' ? LOCAL_TOKEN : people[caller as 'author'].token}`,
        ...headers,
      },
      body: JSON.stringify(body),
    })
    expect(response.status, await response.clone().text()).toBeLessThan(300)
    return response.json() as Promise<Json>
  }

  beforeAll(async () => {
    mkdirSync(photoDir, { recursive: true })
    hub = await EventHub.start(database.current)
    const a = `Agency A ${engine}`
    const b = `Agency B ${engine}`
    Object.assign(
      people,
      await signedInAll(database.current, {
        author: ['reporter', a],
        reporterA: ['reporter', a],
        viewerA: ['viewer', a],
        coordinatorA: ['coordinator', a],
        adminA: ['admin', a],
        viewerB: ['viewer', b],
        coordinatorB: ['coordinator', b],
        adminB: ['admin', b],
      }),
    )
    const [{ id: floor } = { id: 0 }] = await database.current.rows<{ id: number }>(
      sql`SELECT coalesce(max(id), 0)::int AS id FROM events`,
    )
    streamFloor = floor
    const [mmp] = await database.current.rows<{ id: number; lon: number; lat: number; at: string }>(sql`
      SELECT id::int, ST_X(location) AS lon, ST_Y(location) AS lat,
             to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at
      FROM incidents WHERE source_id LIKE 'iom-mmp%' ORDER BY occurred_at DESC LIMIT 1`)
    if (!mmp) throw new Error('the template has no MMP record')
    records.push({
      name: 'mmp',
      id: mmp.id,
      lon: mmp.lon,
      lat: mmp.lat,
      occurredAt: mmp.at,
      reporterEmail: '@',
    })
    const email = people.author.user.email
    for (const name of RECORDS.slice(1)) {
      const report = await post(
        'author',
        '/api/reports',
        {
          type: 'shipwreck',
          occurredAt: WHEN,
          location: { type: 'Point', coordinates: WHERE },
          accuracyM: 30,
          counts: COUNTS,
          description: TEXT,
          photo: `data:image/jpeg;base64,${JPEG.toString('base64')}`,
        },
        { 'idempotency-key': randomUUID() },
      )
      records.push({
        name,
        id: report.id,
        lon: WHERE[0],
        lat: WHERE[1],
        occurredAt: WHEN,
        reporterEmail: email,
      })
    }
    const id = (name: RecordName) => records.find((r) => r.name === name)?.id as number
    const act = (name: RecordName, body: unknown) =>
      post('coordinatorA', `/api/reports/${id(name)}/actions`, body)
    await act('verified', { action: 'verify' })
    await act('shareable', { action: 'verify' })
    await act('shareable', { action: 'share', shareable: true })
    await act('rejected', { action: 'reject', reason: 'a hoax' })
    await act('merged', { action: 'merge', duplicateOf: id('verified') })
  })
  afterAll(async () => {
    await hub?.stop()
    rmSync(photoDir, { recursive: true, force: true })
  })

  it('has every GET route of the app either in the matrix or named as carrying no incident', () => {
    const inMatrix = new Set(Object.values(READ_PATHS).flatMap((p) => p.routes))
    const routes = [
      ...new Set(
        app()
          .routes.filter((r) => r.method === 'GET')
          .map((r) => `GET ${r.path}`),
      ),
    ]
    const unclassified = routes.filter((r) => !r.includes('*') && !inMatrix.has(r) && !(r in OTHER_READS))
    expect(unclassified).toEqual([])
  })

  for (const [pathName, path] of Object.entries(READ_PATHS))
    for (const caller of CALLERS)
      it(`${pathName} as ${caller}: each record as the table says`, async () => {
        const seen: Record<string, Seen> = {}
        const want: Record<string, Seen> = {}
        for (const r of records) {
          seen[r.name] = await path.read(askAs(caller), r)
          want[r.name] = expected(path, caller, r)
        }
        expect(seen).toEqual(want)
      })

  it.each(['viewerA', 'coordinatorA', 'viewerB', 'adminB', 'local'] as const)(
    'counts in hotspots and the incidents series only what %s may see',
    async (caller) => {
      const r = records.find((x) => x.name === 'verified') as Recorded
      const { bbox, from, to } = around(r)
      const layer = (await (
        await askAs(caller)(`/api/layers/incidents?bbox=${bbox}&from=${from}&to=${to}`)
      ).json()) as Json
      const visible = layer.features.map((f: Json) => f.properties)
      const sum = (key: string) => visible.reduce((n: number, p: Json) => n + (p.counts[key] ?? 0), 0)
      const hotspots = (await (
        await askAs(caller)(`/api/layers/hotspots?bbox=${bbox}&from=${from}&to=${to}`)
      ).json()) as Json
      const cells = hotspots.features.map((f: Json) => f.properties)
      expect(cells.reduce((n: number, p: Json) => n + p.incidents, 0)).toBe(visible.length)
      expect(cells.reduce((n: number, p: Json) => n + p.missing, 0)).toBe(sum('missing'))
      const series = (await (
        await askAs(caller)(`/api/series/incidents?bbox=${bbox}&from=${from}&to=${to}`)
      ).json()) as Json
      expect(series.days.reduce((n: number, d: Json) => n + d.incidents, 0)).toBe(visible.length)
      expect(series.days.reduce((n: number, d: Json) => n + d.missing, 0)).toBe(sum('missing'))
      expect(visible.length).toBeGreaterThan(0)
    },
  )

  it.each([
    ['author', ['unverified', 'verified', 'shareable', 'rejected', 'merged']],
    ['reporterA', []],
  ] as const)('lists for %s, as their own reports, exactly %j', async (caller, names) => {
    const got = (await (await askAs(caller)('/api/reports?mine=true&limit=200')).json()) as Json
    const ids = records.filter((r) => (names as readonly string[]).includes(r.name)).map((r) => r.id)
    expect(
      got.reports
        .map((x: Json) => x.id)
        .filter((i: number) => records.some((r) => r.id === i))
        .sort(),
    ).toEqual(ids.sort())
  })

  it.each([
    ['coordinatorA', true],
    ['adminA', true],
    ['coordinatorB', false],
    ['adminB', false],
  ] as const)('shows the review queue of agency A to %s: %s', async (caller, sees) => {
    const got = (await (
      await askAs(caller)('/api/reports?status=unverified,verified,rejected,duplicate&limit=200')
    ).json()) as Json
    const ours = got.reports.filter((x: Json) => records.some((r) => r.id === x.id))
    expect(ours.length).toBe(sees ? 5 : 0)
  })

  it('suggests another agency’s verified reports as duplicates, coarsened, and never its unverified ones', async () => {
    const own = await post(
      'coordinatorB',
      '/api/reports',
      {
        type: 'shipwreck',
        occurredAt: WHEN,
        location: { type: 'Point', coordinates: WHERE },
        counts: COUNTS,
        description: 'Our own sighting',
      },
      { 'idempotency-key': randomUUID() },
    )
    const detail = (await (await askAs('coordinatorB')(`/api/reports/${own.id}`)).json()) as Json
    const byId = new Map((detail.duplicates as Json[]).map((d) => [d.id, d]))
    const id = (name: RecordName) => records.find((r) => r.name === name)?.id
    expect([...byId.keys()].filter((i) => records.some((r) => r.id === i)).sort()).toEqual(
      [id('verified'), id('shareable')].sort(),
    )
    expect(byId.get(id('verified'))).toMatchObject({
      description: '',
      counts: { injured: null, children: null },
    })
    expect(byId.get(id('shareable'))).toMatchObject({ description: TEXT })
  })
})
