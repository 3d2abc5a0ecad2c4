// Answers leave compressed when the client accepts it, and a 304 still costs no body; the live stream is
// never compressed, since a compressor holds events back until its buffer fills.
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EventHub } from '../../../server/events.ts'
import { testApp } from '../../helpers/app.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'
import { sseReader } from '../../helpers/sse.ts'

describe.each(engines)('compression on %s', (engine) => {
  const database = useTestDatabase(engine)
  let hub: EventHub
  beforeAll(async () => {
    hub = await EventHub.start(database.current)
  })
  afterAll(() => hub?.stop())
  const app = () => testApp({ database: database.current, events: hub })

  it.each([
    ['/api/layers/border-posts', 'application/geo+json'],
    ['/api/layers/border-posts?format=csv', 'text/csv'],
    ['/api/openapi.json', 'application/json'],
  ])('gzips %s, the same body once unzipped', async (path, type) => {
    const plain = await app().request(path)
    const zipped = await app().request(path, { headers: { 'accept-encoding': 'gzip, deflate, br' } })
    expect(zipped.status).toBe(200)
    expect(zipped.headers.get('content-type')).toContain(type)
    expect(zipped.headers.get('content-encoding')).toBe('gzip')
    expect(zipped.headers.get('vary')).toMatch(/accept-encoding/i)
    const bytes = Buffer.from(await zipped.arrayBuffer())
    const text = await plain.text()
    expect(gunzipSync(bytes).toString('utf8')).toBe(text)
    expect(bytes.byteLength).toBeLessThan(Buffer.byteLength(text) / 3)
  })

  it('sends nothing compressed to a client that does not ask', async () => {
    const response = await app().request('/api/layers/border-posts')
    expect(response.headers.get('content-encoding')).toBeNull()
  })

  it("answers a compressed layer's ETag with a 304 and no body", async () => {
    const gzip = { 'accept-encoding': 'gzip' }
    const first = await app().request('/api/layers/border-posts', { headers: gzip })
    const tag = first.headers.get('etag')
    expect(tag).toMatch(/^W\/"/)
    const again = await app().request('/api/layers/border-posts', {
      headers: { ...gzip, 'if-none-match': tag ?? '' },
    })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
  })

  it('never compresses the live stream', async () => {
    const response = await app().request('/api/stream', { headers: { 'accept-encoding': 'gzip' } })
    expect(response.headers.get('content-type')).toContain('text/event-stream')
    expect(response.headers.get('content-encoding')).toBeNull()
    const events = sseReader(response)
    expect((await events.next()).event).toBe('ready')
    await events.cancel()
  })
})
