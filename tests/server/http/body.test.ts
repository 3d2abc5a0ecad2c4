// Request bodies are counted as they arrive: a chunked body (no Content-Length) is refused with a 413 as
// soon as it passes the limit, and the rest is not read; a body within it is read whole, in any chunks.
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../../server/app.ts'
import { readJson } from '../../../server/http/body.ts'
import { type Problem, problemResponse } from '../../../server/http/problem.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'

/** A body of `count` chunks, made only when the reader asks: `pulled` says how many it asked for. */
function chunked(chunks: (i: number) => Uint8Array, count: number) {
  const seen = { pulled: 0, cancelled: false }
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled === count) return controller.close()
      controller.enqueue(chunks(seen.pulled++))
    },
    cancel() {
      seen.cancelled = true
    },
  })
  return { body, seen }
}

type App = { request(path: string, init: RequestInit): Response | Promise<Response> }

const post = (app: App, path: string, body: ReadableStream<Uint8Array>) =>
  app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    duplex: 'half',
  } as RequestInit)

/** `{"pad":"xxx…` and more x for ever: JSON that never ends. */
const endless = (size: number) => (i: number) =>
  new TextEncoder().encode(i === 0 ? `{"pad":"${'x'.repeat(size - 8)}` : 'x'.repeat(size))

describe('readJson', () => {
  const app = new Hono()
  app.post('/', async (c) => c.json({ read: await readJson(c, 1000) }))
  app.onError((error, c) => problemResponse(c, error as Problem))

  it('refuses a chunked body with a 413 once it passes the limit, and reads no further', async () => {
    const { body, seen } = chunked(endless(100), 1000)
    const response = await post(app, '/', body)
    expect(response.status).toBe(413)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(seen.cancelled).toBe(true)
    expect(seen.pulled).toBeLessThan(20) // of 1,000 (100 KB)
  })

  it('reads a chunked body within the limit, a character split between two chunks included', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ place: 'Ṣabrātah, Lībiyā' }))
    const { body } = chunked((i) => bytes.subarray(i * 11, (i + 1) * 11), Math.ceil(bytes.length / 11))
    const response = await post(app, '/', body)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ read: { place: 'Ṣabrātah, Lībiyā' } })
  })

  it('refuses at once a body that says it is longer than the limit', async () => {
    const response = await app.request('/', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '1001' },
      body: `{"pad":"${'x'.repeat(991)}"}`,
    })
    expect(response.status).toBe(413)
  })
})

describe.each(engines)('a chunked sign-in on %s', (engine) => {
  const database = useTestDatabase(engine)

  it('is refused with a 413 past its 4 KiB, without the rest being read', async () => {
    const app = createApp({ database: database.current, config: { webDir: 'no-web' } })
    const { body, seen } = chunked(endless(1024), 1000)
    const response = await post(app, '/api/auth/login', body)
    expect(response.status).toBe(413)
    expect(seen.cancelled).toBe(true)
    expect(seen.pulled).toBeLessThan(20) // of 1,000 (1 MB)
  })
})
