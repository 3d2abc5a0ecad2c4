// The layers' ETag, in a bare app: a 304 before the route runs when If-None-Match names the current
// tag; a new tag after a write, after the hour turns, for another path or query; writes bump the
// version once answered, and a streamed write again when its answer ends. And the choice of encoding.
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { chooseEncoding } from '../../../server/http/compress.ts'
import { bumpAfterWrites, DataVersion, versionETag } from '../../../server/http/layer-version.ts'

function app(start = Date.parse('2026-11-30T10:15:00Z')) {
  const version = new DataVersion()
  const clock = { now: start }
  let runs = 0
  const hono = new Hono()
    .use('*', bumpAfterWrites(version))
    .use(
      '/layers/*',
      versionETag(version, () => clock.now),
    )
    .get('/layers/a', (c) => {
      runs++
      return c.json({ runs })
    })
    .get('/layers/missing', (c) => c.json({ error: 'no' }, 404))
    .post('/write', (c) => c.json({ ok: true }))
    // One chunk, as an import's progress: its end waits for the reader (an empty one would end at once).
    .post('/stream', (c) =>
      c.body(
        new ReadableStream({
          pull: (s) => {
            s.enqueue(new TextEncoder().encode('{"done":true}\n'))
            s.close()
          },
        }),
      ),
    )
    .post('/refused', (c) => c.json({ error: 'no' }, 400))
  const get = (path: string, tag?: string | null) =>
    hono.request(path, { headers: tag ? { 'if-none-match': tag } : {} })
  return { hono, version, clock, get, runs: () => runs }
}

describe('versionETag', () => {
  it('answers If-None-Match with the current tag by a 304, without running the route', async () => {
    const { get, runs } = app()
    const first = await get('/layers/a')
    const tag = first.headers.get('etag')
    expect(tag).toMatch(/^W\/"[\w-]{22}"$/)
    expect(first.headers.get('cache-control')).toBe('private, no-cache')
    for (const given of [tag, (tag as string).slice(2), `"x", ${tag}`, '*']) {
      const again = await get('/layers/a', given)
      expect(again.status).toBe(304)
      expect(again.headers.get('etag')).toBe(tag)
      expect(await again.text()).toBe('')
    }
    expect(runs()).toBe(1)
  })

  it.each([
    ['a write', (t: ReturnType<typeof app>) => t.hono.request('/write', { method: 'POST' })],
    ['a streamed write', (t: ReturnType<typeof app>) => t.hono.request('/stream', { method: 'POST' })],
    ['a bump', (t: ReturnType<typeof app>) => t.version.bump()],
    ['the next hour', (t: ReturnType<typeof app>) => (t.clock.now += 45 * 60_000)],
  ])('gives a new tag after %s', async (_, change) => {
    const t = app()
    const tag = (await t.get('/layers/a')).headers.get('etag')
    await change(t)
    const again = await t.get('/layers/a', tag)
    expect(again.status).toBe(200)
    expect(again.headers.get('etag')).not.toBe(tag)
  })

  it('keeps the tag within the hour and after a refused write', async () => {
    const t = app()
    const tag = (await t.get('/layers/a')).headers.get('etag')
    await t.hono.request('/refused', { method: 'POST' })
    t.clock.now += 40 * 60_000
    expect((await t.get('/layers/a', tag)).status).toBe(304)
  })

  it('bumps a streamed write again once its answer has been read', async () => {
    const t = app()
    const response = await t.hono.request('/stream', { method: 'POST' })
    const during = t.version.current
    await response.text()
    expect(t.version.current).not.toBe(during)
  })

  it('tags each path and query on its own, and no error', async () => {
    const { get } = app()
    const tags = await Promise.all(
      ['/layers/a', '/layers/a?format=csv', '/layers/a?format=geojson'].map(
        async (p) => (await get(p)).headers.get('etag') as string,
      ),
    )
    expect(new Set(tags).size).toBe(3)
    expect((await get('/layers/a?format=csv', tags[0])).status).toBe(200)
    expect((await get('/layers/missing')).headers.get('etag')).toBeNull()
  })
})

describe('chooseEncoding', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['gzip, deflate, br', 'br'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['deflate, gzip', 'gzip'],
    ['br;q=0.1, gzip;q=0.9', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['*', 'br'],
    ['*;q=0.5, br;q=0', 'gzip'],
    ['identity', undefined],
    ['GZIP', 'gzip'],
  ])('%j → %s', (header, encoding) => {
    expect(chooseEncoding(header)).toBe(encoding)
  })
})
