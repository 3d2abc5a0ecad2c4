// The incidents layer pages: at most `limit` (10,000 by default) a answer, the next page linked from the
// body and the Link header, keyset on the layer's order. Following the links gives every incident the
// caller may see exactly once, in order, field for field as the whole answer gave it; CSV alike, with
// one header for every page. Paging is scoped: another agency's viewer pages through what
// visible_incidents gives them, nothing more.
import { parse } from 'csv-parse/sync'
import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { txRows } from '../../../db/rows.ts'
import { asCaller, type Caller, scopedDatabase } from '../../../db/scope.ts'
import { columnsFromSchema, csvRow } from '../../../server/http/feature-text.ts'
import {
  type IncidentFeature,
  type IncidentFilter,
  incidentProperties,
  incidentsRoutes,
  listIncidents,
} from '../../../server/layers/incidents.ts'
import { ensureWriteSources } from '../../../server/writes/origin.ts'
import { LOCAL_TOKEN, testApp } from '../../helpers/app.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'
import { type SignedIn, signedInAll } from '../../helpers/users.ts'

// biome-ignore lint/suspicious/noExplicitAny: answers are compared whole
type Json = Record<string, any>

const LOCAL: Caller = { role: 'local', userId: null, agencyId: null }
const IN_2002 = { from: new Date('2002-01-01T00:00:00Z'), to: new Date('2003-01-01T00:00:00Z') }
const Q_2002 = 'from=2002-01-01&to=2003-01-01'

describe.each(engines)('paging GET /api/layers/incidents on %s', (engine) => {
  const database = useTestDatabase(engine)
  let people: Record<'viewerA' | 'viewerB' | 'coordinatorB', SignedIn>
  const hidden: number[] = []

  const callerOf = (who: SignedIn): Caller => ({
    role: who.user.role as Caller['role'],
    userId: who.user.id,
    agencyId: who.user.agency?.id ?? null,
  })
  /** The whole answer, as the layer gave it before it paged: every row in one query, as `caller`. */
  const whole = (caller: Caller, filter: IncidentFilter = {}) =>
    listIncidents({ rows: (q) => asCaller(database.current, caller, (tx) => txRows(tx, q)) }, filter)
  const ask = (auth: string) => (url: string) =>
    testApp({ database: database.current }).request(url, { headers: { authorization: auth } })

  /** Every page from `url` on, following next links, with each page's answer. */
  async function follow(get: (url: string) => Promise<Response> | Response, url: string) {
    const pages: { body: Json; link: string | null }[] = []
    for (let next: string | undefined = url; next; ) {
      const response = await get(next)
      expect(response.status).toBe(200)
      const body = (await response.json()) as Json
      pages.push({ body, link: response.headers.get('link') })
      next = body.links.find((l: Json) => l.rel === 'next')?.href
      expect(pages.length).toBeLessThan(200)
    }
    return pages
  }

  beforeAll(async () => {
    await ensureWriteSources(database.current)
    people = await signedInAll(database.current, {
      viewerA: ['viewer', `Pages A ${engine}`],
      viewerB: ['viewer', `Pages B ${engine}`],
      coordinatorB: ['coordinator', `Pages B ${engine}`],
    })
    await database.current.rows(sql`
      INSERT INTO sources (id, name, publisher, licence, modelled) VALUES ('test-pages', 'Test pages', 'Tests', 'none', false)`)
    const agencyA = people.viewerA.user.agency?.id as number
    // Published records with ties (the same instant), instants apart by less than a second, and field
    // reports of agency A, unverified (which agency B never sees) and verified (which it sees coarsened).
    const at = (i: number) =>
      i % 3 === 0
        ? '2002-06-01T12:00:00Z'
        : `2002-06-${String(1 + (i % 20)).padStart(2, '0')}T12:00:0${i % 2}.${String(i * 37).padStart(3, '0')}Z`
    for (let i = 0; i < 40; i++)
      await database.current.rows(sql`
        INSERT INTO incidents (location, occurred_at, type, severity, verification, description, source_id)
        VALUES (ST_SetSRID(ST_MakePoint(${12 + i / 100}, 35.5), 4326), ${at(i)}::timestamptz, 'shipwreck', 'high',
                'unverified', ${`published ${i}`}, 'test-pages')`)
    for (let i = 0; i < 20; i++) {
      const [row] = await database.current.rows<{ id: number }>(sql`
        INSERT INTO incidents (location, occurred_at, type, severity, verification, description, source_id, agency_id)
        VALUES (ST_SetSRID(ST_MakePoint(${13 + i / 100}, 34.5), 4326), ${at(i + 1)}::timestamptz, 'stranded_group', 'high',
                ${i % 2 ? 'verified' : 'unverified'}, ${`report ${i}`}, 'crosswatch-field-reports', ${agencyA})
        RETURNING id::int`)
      if (!(i % 2)) hidden.push(row?.id as number)
    }
  })

  it('answers the whole demo in one page, as the layer did before it paged', async () => {
    const response = await ask(`Bearer ${LOCAL_TOKEN}`)('/api/layers/incidents')
    const body = (await response.json()) as Json
    const before = await whole(LOCAL)
    expect(before.features.length).toBeGreaterThan(4000)
    expect(response.headers.get('link')).toBeNull()
    expect(body).toEqual({
      ...before,
      numberReturned: before.features.length,
      links: [{ href: 'http://localhost/api/layers/incidents', rel: 'self', type: 'application/geo+json' }],
    })
    // Key for key, in the same order: the streamed body is the old one with two fields after the features.
    expect(Object.keys(body)).toEqual(['type', 'features', 'numberReturned', 'links'])
  })

  it.each([1000, 777])('gives every incident once, in order, when followed %i at a time', async (limit) => {
    const pages = await follow(ask(`Bearer ${LOCAL_TOKEN}`), `/api/layers/incidents?limit=${limit}`)
    const features = pages.flatMap((p) => p.body.features)
    expect(features).toEqual((await whole(LOCAL)).features)
    for (const [i, { body, link }] of pages.entries()) {
      const last = i === pages.length - 1
      expect(body.numberReturned).toBe(body.features.length)
      expect(body.features.length).toBe(last ? features.length - limit * i : limit)
      const next = body.links.find((l: Json) => l.rel === 'next')
      expect(next === undefined).toBe(last)
      expect(link).toBe(next ? `<${next.href}>; rel="next"; type="application/geo+json"` : null)
      if (next) expect(new URL(next.href).searchParams.get('limit')).toBe(String(limit))
    }
  })

  it('breaks ties and sub-second differences by id, a page of one at a time', async () => {
    const pages = await follow(ask(`Bearer ${LOCAL_TOKEN}`), `/api/layers/incidents?${Q_2002}&limit=1`)
    const ids = pages.flatMap((p) => p.body.features.map((f: Json) => f.id))
    const before = (await whole(LOCAL, IN_2002)).features.map((f) => f.id)
    expect(before.length).toBe(60)
    expect(ids).toEqual(before)
  })

  it.each(['viewerA', 'viewerB', 'coordinatorB'] as const)(
    'pages %s through what they may see, and nothing more',
    async (name) => {
      const who = people[name]
      const pages = await follow(ask(who.auth.authorization), `/api/layers/incidents?${Q_2002}&limit=7`)
      const features = pages.flatMap((p) => p.body.features) as IncidentFeature[]
      const before = await whole(callerOf(who), IN_2002)
      expect(features).toEqual(before.features)
      const ids = features.map((f) => f.id)
      if (name === 'viewerA') expect(ids).toEqual(expect.arrayContaining(hidden))
      else {
        expect(ids.filter((id) => hidden.includes(id))).toEqual([])
        expect(features.filter((f) => f.properties.access === 'shared').length).toBe(10)
        expect(ids.length).toBe(50)
      }
    },
  )

  it("shows no more to another agency's viewer who writes after= by hand", async () => {
    const [hiddenRow] = await database.current.rows<{ at: string; id: number }>(sql`
      SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, id::int
      FROM incidents WHERE id = ${hidden[0] as number}`)
    const after = `${hiddenRow?.at},${(hiddenRow?.id as number) + 1}`
    const response = await ask(people.viewerB.auth.authorization)(
      `/api/layers/incidents?${Q_2002}&after=${encodeURIComponent(after)}`,
    )
    const ids = ((await response.json()) as Json).features.map((f: Json) => f.id)
    expect(ids).not.toContain(hidden[0])
    expect(ids.filter((id: number) => hidden.includes(id))).toEqual([])
  })

  it('answers an after= past the last incident with no feature and no next link', async () => {
    const response = await ask(`Bearer ${LOCAL_TOKEN}`)(`/api/layers/incidents?after=1900-01-01T00:00:00Z,1`)
    expect(await response.json()).toMatchObject({ features: [], numberReturned: 0, links: [{ rel: 'self' }] })
    expect(response.headers.get('link')).toBeNull()
  })

  it('pages CSV alike: the Link header to the next page, one header for all, the same rows', async () => {
    const get = ask(`Bearer ${LOCAL_TOKEN}`)
    const columns = columnsFromSchema(incidentProperties, true)
    const rows: Record<string, string>[] = []
    let pages = 0
    for (let next: string | null = '/api/layers/incidents?format=csv&limit=1500'; next; pages++) {
      const response = await get(next)
      expect(response.headers.get('content-type')).toContain('text/csv')
      const text = await response.text()
      expect(text.slice(0, text.indexOf('\n'))).toBe(columns.join(','))
      rows.push(...(parse(text, { columns: true }) as Record<string, string>[]))
      next = response.headers.get('link')?.match(/^<([^>]+)>; rel="next"; type="text\/csv"$/)?.[1] ?? null
    }
    const before = (await whole(LOCAL)).features
    expect(pages).toBe(Math.ceil(before.length / 1500))
    expect(rows.length).toBe(before.length)
    // The old CSV's cells, row for row: a column it had is the same; one it had not (the fields of a
    // null agency) is empty, and so was its own column for that null.
    for (const [i, feature] of before.entries()) {
      const old = csvRow(feature)
      const row = rows[i] as Record<string, string>
      for (const column of columns) expect([column, row[column]]).toEqual([column, old[column] ?? ''])
      for (const [column, value] of Object.entries(old))
        if (!columns.includes(column)) expect([column, value]).toEqual([column, ''])
    }
  })

  it('keeps to the cap it is built with, linking to the rest', async () => {
    const routes = incidentsRoutes(scopedDatabase(database.current), { maxFeatures: 1000 })
    const first = (await (await routes.request('/')).json()) as Json
    expect(first.features.length).toBe(1000)
    const next = new URL(first.links.find((l: Json) => l.rel === 'next').href)
    const second = (await (await routes.request(`/${next.search}`)).json()) as Json
    const ids = [...first.features, ...second.features].map((f: Json) => f.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(second.features[0].properties.occurredAt <= first.features[999].properties.occurredAt).toBe(true)
  })

  it('neither repeats nor skips an incident when one is added between two pages', async () => {
    const get = ask(`Bearer ${LOCAL_TOKEN}`)
    const first = (await (await get(`/api/layers/incidents?${Q_2002}&limit=10`)).json()) as Json
    await database.current.rows(sql`
      INSERT INTO incidents (location, occurred_at, type, severity, description, source_id)
      VALUES (ST_SetSRID(ST_MakePoint(12, 35), 4326), '2002-12-31T00:00:00Z', 'shipwreck', 'low', 'late news', 'test-pages')`)
    const rest = await follow(get, first.links.find((l: Json) => l.rel === 'next').href)
    const ids = [...first.features, ...rest.flatMap((p) => p.body.features)].map((f: Json) => f.id)
    const now = (await whole(LOCAL, IN_2002)).features.map((f) => f.id)
    // The new one is the newest: before the first page, so not in this walk; every other once.
    expect(ids).toEqual(now.slice(1))
  })
})
