// OGC API – Features at /ogc: in process on both engines, and read by GDAL from a real server.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { promisify } from 'node:util'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { addUser } from '../../server/auth/accounts.ts'
import { createSession } from '../../server/auth/tokens.ts'
import { getJson } from '../helpers/app.ts'
import { useTestDatabase } from '../helpers/database.ts'
import { engines } from '../helpers/engines.ts'
import { startServer } from '../helpers/server.ts'

const COLLECTIONS = ['border-posts', 'flow-points', 'incidents', 'corridors', 'admin-areas', 'resources']

describe.each(engines)('/ogc on %s', (engine) => {
  const database = useTestDatabase(engine)
  const get = (path: string) => getJson(database.current, `http://crosswatch.test${path}`)

  it('has a landing page linking the API description, conformance and collections', async () => {
    const { body } = await get('/ogc')
    const rels = Object.fromEntries(body.links.map((l: { rel: string; href: string }) => [l.rel, l.href]))
    expect(rels).toMatchObject({
      'service-desc': 'http://crosswatch.test/api/openapi.json',
      conformance: 'http://crosswatch.test/ogc/conformance',
      data: 'http://crosswatch.test/ogc/collections',
    })
    // The description is OpenAPI 3.1: its link says so, and the OpenAPI 3.0 class is not claimed.
    const described = body.links.find((l: { rel: string }) => l.rel === 'service-desc')
    expect(described.type).toBe('application/vnd.oai.openapi+json;version=3.1')
    const { body: document } = await get('/api/openapi.json')
    expect(document.openapi).toMatch(/^3\.1\./)
    const { body: conformance } = await get('/ogc/conformance')
    expect(conformance.conformsTo).toEqual([
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
    ])
  })

  it('lists the six collections with their extents', async () => {
    const { body } = await get('/ogc/collections')
    expect(body.collections.map((c: { id: string }) => c.id)).toEqual(COLLECTIONS)
    const incidents = body.collections.find((c: { id: string }) => c.id === 'incidents')
    expect(incidents.extent.spatial.bbox[0]).toHaveLength(4)
    expect(incidents.extent.temporal.interval[0][0]).toMatch(/^2014-/)
    expect(incidents.links.find((l: { rel: string }) => l.rel === 'items').href).toBe(
      'http://crosswatch.test/ogc/collections/incidents/items',
    )
  })

  it('pages through items with numberMatched and next links, each feature once', async () => {
    const [{ n }] = (await database.current.rows(sql`SELECT count(*)::int AS n FROM border_posts`)) as [
      { n: number },
    ]
    const seen: string[] = []
    let next: string | undefined = '/ogc/collections/border-posts/items?limit=20'
    while (next) {
      const { response, body } = await get(next.replace('http://crosswatch.test', ''))
      expect(response.headers.get('content-type')).toContain('application/geo+json')
      expect(body.numberMatched).toBe(n)
      expect(body.numberReturned).toBe(body.features.length)
      seen.push(...body.features.map((f: { id: string }) => f.id))
      next = body.links.find((l: { rel: string }) => l.rel === 'next')?.href
    }
    expect(seen).toHaveLength(n)
    expect(new Set(seen).size).toBe(n)
  })

  it('filters by bbox and by datetime instant or interval', async () => {
    const { body: box } = await get('/ogc/collections/border-posts/items?bbox=5,18,7,20')
    expect(box.features.map((f: { properties: { name: string } }) => f.properties.name).join()).toMatch(
      /Assamaka/,
    )
    const { body: year } = await get(
      '/ogc/collections/incidents/items?datetime=2023-01-01/2023-12-31T23:59:59Z&limit=10000',
    )
    const dates = year.features.map((f: { properties: { occurred_at: string } }) => f.properties.occurred_at)
    expect(dates.length).toBeGreaterThan(100)
    expect(dates.every((d: string) => d.startsWith('2023-'))).toBe(true)
    const { body: before } = await get('/ogc/collections/incidents/items?datetime=../2014-12-31&limit=1')
    const { body: all } = await get('/ogc/collections/incidents/items?limit=1')
    expect(before.numberMatched).toBeGreaterThan(0)
    expect(before.numberMatched).toBeLessThan(all.numberMatched)
  })

  it('returns one feature with flat fields and its provenance', async () => {
    const { body } = await get('/ogc/collections/resources/items?limit=1')
    const id = body.features[0].id
    const { body: one } = await get(`/ogc/collections/resources/items/${id}`)
    expect(one).toMatchObject({ type: 'Feature', id })
    expect(one.properties).toMatchObject({ dataset_id: expect.any(String), licence: expect.any(String) })
    for (const value of Object.values(one.properties))
      if (value !== null) expect(typeof value).not.toBe('object')
  })

  it.each([
    ['/ogc/collections/nope', 404, undefined],
    ['/ogc/collections/nope/items', 404, undefined],
    ['/ogc/collections/incidents/items/999999999', 404, undefined],
    ['/ogc/collections/incidents/items?limit=0', 400, 'limit'],
    ['/ogc/collections/incidents/items?limit=100001', 400, 'limit'],
    ['/ogc/collections/incidents/items?offset=-1', 400, 'offset'],
    ['/ogc/collections/incidents/items?datetime=2024-12-31/2024-01-01', 400, 'datetime'],
    ['/ogc/collections/incidents/items?bbox=1,2,3', 400, 'bbox'],
    ['/ogc/collections/incidents/items?colour=red', 400, 'colour'],
    ['/ogc/collections/incidents/items?offset=99999999999', 400, 'offset'],
    ['/ogc/collections/incidents/items?limit=1e3', 200, undefined],
    ['/ogc/collections/incidents/items?datetime=99999-01-01', 400, 'datetime'],
    ['/ogc/collections/incidents/items/%00', 404, undefined],
    ['/ogc/collections/incidents/items/%E2%80%AE%20x', 404, undefined],
    ['/ogc/collections/incidents?f=xml', 400, 'f'],
  ])('answers %s with %i (a problem+json unless 200)', async (path, status, name) => {
    const { response, body } = await get(path)
    expect(response.status).toBe(status)
    if (status === 200) return
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    if (name) expect(body['invalid-params'][0].name).toBe(name)
  })
})

const ogrinfo = ['/usr/bin/ogrinfo', '/usr/local/bin/ogrinfo'].find((p) => existsSync(p))
if (!ogrinfo) console.warn('GDAL test skipped: no ogrinfo (apt-get install gdal-bin)')

describe.skipIf(!ogrinfo)('GDAL reads /ogc (needs ogrinfo)', () => {
  const database = useTestDatabase(engines.includes('postgres') ? 'postgres' : 'pglite')

  it('lists every collection, and the incidents with their fields and count, as a signed-in viewer', async () => {
    const [{ n }] = (await database.current.rows(sql`SELECT count(*)::int AS n FROM incidents`)) as [
      { n: number },
    ]
    // A GIS desk reads with a viewer's token, sent by GDAL as a header (GDAL_HTTP_HEADERS, GDAL ≥ 3.6).
    const viewer = await addUser(database.current, {
      email: 'gis@crosswatch.test',
      password: 'gis-desk-password',
      role: 'viewer',
      agency: 'Test agency',
    })
    const token = await createSession(database.current, viewer.id)
    await database.current.close() // the embedded engine admits one process
    const server = await startServer(database.handle.env)
    try {
      const exec = promisify(execFile)
      const env = { ...process.env, GDAL_HTTP_HEADERS: `Authorization: Bearer ${token}` }
      const run = (file: string, args: string[]) => exec(file, args, { env })
      await expect(exec(ogrinfo as string, ['-ro', '-q', `OAPIF:${server.url}ogc`])).rejects.toThrow()
      const list = await run(ogrinfo as string, ['-ro', '-q', `OAPIF:${server.url}ogc`])
      for (const id of COLLECTIONS) expect(list.stdout).toContain(id)
      const { stdout } = await run(ogrinfo as string, ['-ro', '-so', `OAPIF:${server.url}ogc`, 'incidents'])
      expect(stdout).toContain(`Feature Count: ${n}`)
      expect(stdout).toMatch(/occurred_at: DateTime/)
      expect(stdout).toMatch(/dead: Integer/)
      expect(stdout).toMatch(/licence: String/)
    } finally {
      await server.stop()
      database.current = await database.handle.open()
    }
  })
})
