// Answers leave compressed when the client accepts it, brotli first, API and static files alike, and a
// 304 still costs no body; the live stream and NDJSON progress are never compressed, since a compressor
// holds their lines back until its buffer fills.
import { randomUUID } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EventHub } from '../../../server/event-hub.ts'
import { testApp } from '../../helpers/app.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines, TEST_ROOT } from '../../helpers/engines.ts'
import { sseReader } from '../../helpers/sse.ts'

const DECODE = { br: brotliDecompressSync, gzip: gunzipSync, deflate: inflateSync } as const

/** A built web app of two files: a page and a hashed script, both well over the 1 KiB threshold. */
const webDir = join(TEST_ROOT, `web-${randomUUID().slice(0, 8)}`)
const PAGE = `<!doctype html><title>Crosswatch</title>${'<p>the map of the route</p>'.repeat(200)}`
const SCRIPT = `export const layers = ${JSON.stringify(Array.from({ length: 300 }, (_, i) => ({ id: i })))}\n`

describe.each(engines)('compression on %s', (engine) => {
  const database = useTestDatabase(engine)
  let hub: EventHub
  beforeAll(async () => {
    hub = await EventHub.start(database.current)
    mkdirSync(join(webDir, 'assets'), { recursive: true })
    writeFileSync(join(webDir, 'index.html'), PAGE)
    writeFileSync(join(webDir, 'assets', 'index-3f2a1c.js'), SCRIPT)
    writeFileSync(join(webDir, 'small.txt'), 'small\n')
  })
  afterAll(async () => {
    await hub?.stop()
    rmSync(webDir, { recursive: true, force: true })
  })
  const app = () => testApp({ database: database.current, events: hub, config: { webDir } })

  it.each([
    ['/api/layers/border-posts', 'application/geo+json', 'gzip, deflate, br', 'br'],
    ['/api/layers/border-posts', 'application/geo+json', 'gzip, deflate', 'gzip'],
    ['/api/layers/border-posts', 'application/geo+json', 'deflate', 'deflate'],
    ['/api/layers/border-posts', 'application/geo+json', 'br;q=0.5, gzip;q=0.8', 'gzip'],
    ['/api/layers/border-posts', 'application/geo+json', '*', 'br'],
    ['/api/layers/border-posts?format=csv', 'text/csv', 'gzip, deflate, br', 'br'],
    ['/api/layers/border-posts?format=csv', 'text/csv', 'gzip', 'gzip'],
    ['/api/layers/incidents?from=2024-01-01', 'application/geo+json', 'br', 'br'],
    ['/api/layers/incidents?from=2024-01-01&format=csv', 'text/csv', 'br', 'br'],
    ['/api/openapi.json', 'application/json', 'gzip, deflate, br', 'br'],
    ['/', 'text/html', 'gzip, deflate, br', 'br'],
    ['/assets/index-3f2a1c.js', 'javascript', 'gzip, deflate, br', 'br'],
    ['/assets/index-3f2a1c.js', 'javascript', 'gzip', 'gzip'],
  ] as const)(
    'sends %s (%s) asked with %j as %s, the same body once decoded',
    async (path, type, accept, encoding) => {
      const plain = await app().request(path)
      const zipped = await app().request(path, { headers: { 'accept-encoding': accept } })
      expect(zipped.status).toBe(200)
      expect(zipped.headers.get('content-type')).toContain(type)
      expect(zipped.headers.get('content-encoding')).toBe(encoding)
      expect(zipped.headers.get('content-length')).toBeNull()
      expect(zipped.headers.get('vary')).toMatch(/accept-encoding/i)
      const bytes = Buffer.from(await zipped.arrayBuffer())
      const text = await plain.text()
      expect(DECODE[encoding](bytes).toString('utf8')).toBe(text)
      expect(bytes.byteLength).toBeLessThan(Buffer.byteLength(text) / 3)
    },
  )

  it('keeps the static files as they are on disk, and hashed ones immutable', async () => {
    const response = await app().request('/assets/index-3f2a1c.js', { headers: { 'accept-encoding': 'br' } })
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const decoded = brotliDecompressSync(Buffer.from(await response.arrayBuffer())).toString('utf8')
    expect(decoded).toBe(readFileSync(join(webDir, 'assets', 'index-3f2a1c.js'), 'utf8'))
  })

  it('packs the incidents smaller with brotli than with gzip', async () => {
    const size = async (encoding: string) => {
      const response = await app().request('/api/layers/incidents', {
        headers: { 'accept-encoding': encoding },
      })
      expect(response.headers.get('content-encoding')).toBe(encoding)
      return (await response.arrayBuffer()).byteLength
    }
    expect(await size('br')).toBeLessThan(await size('gzip'))
  })

  it.each([
    ['no Accept-Encoding', undefined],
    ['identity only', 'identity'],
    ['every encoding refused', 'br;q=0, gzip;q=0, deflate;q=0'],
    ['an unknown one', 'zstd'],
  ])('sends nothing compressed to a client that asks %s', async (_, accept) => {
    const headers: Record<string, string> = accept ? { 'accept-encoding': accept } : {}
    const response = await app().request('/api/layers/border-posts', { headers })
    expect(response.headers.get('content-encoding')).toBeNull()
    expect((await response.json()).features.length).toBeGreaterThan(40)
  })

  it('leaves a file under 1 KiB as it is', async () => {
    const response = await app().request('/small.txt', { headers: { 'accept-encoding': 'br' } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-encoding')).toBeNull()
    expect(await response.text()).toBe('small\n')
  })

  it("answers a compressed layer's ETag with a 304 and no body", async () => {
    for (const encoding of ['gzip', 'br']) {
      const headers = { 'accept-encoding': encoding }
      const first = await app().request('/api/layers/border-posts', { headers })
      const tag = first.headers.get('etag')
      expect(tag).toMatch(/^W\/"/)
      const again = await app().request('/api/layers/border-posts', {
        headers: { ...headers, 'if-none-match': tag ?? '' },
      })
      expect(again.status).toBe(304)
      expect(again.headers.get('content-encoding')).toBeNull()
      expect(await again.text()).toBe('')
    }
  })

  it('never compresses the live stream', async () => {
    const response = await app().request('/api/stream', { headers: { 'accept-encoding': 'br, gzip' } })
    expect(response.headers.get('content-type')).toContain('text/event-stream')
    expect(response.headers.get('content-encoding')).toBeNull()
    const events = sseReader(response)
    expect((await events.next()).event).toBe('ready')
    await events.cancel()
  })

  it("never compresses an import's NDJSON progress", async () => {
    // Rows that are no crossing counts: read, each rejected on a line of its own, nothing kept.
    const rows = Array.from({ length: 50 }, (_, i) => `post-${i},not a date,in,many`).join('\n')
    const response = await app().request('/api/imports/crossings?dryRun=1', {
      method: 'POST',
      headers: { 'accept-encoding': 'br, gzip', 'content-type': 'text/csv' },
      body: `site,periodStart,direction,count\n${rows}\n`,
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('application/x-ndjson')
    expect(response.headers.get('content-encoding')).toBeNull()
    const lines = (await response.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines.length).toBeGreaterThan(1)
    expect(['report', 'failed']).toContain(lines.at(-1).type)
  })
})
