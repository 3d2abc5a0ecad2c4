// The request log: one JSON line a request with its id, method, route pattern, status, time and role, and
// never a token, a cookie or a body; an unexpected error is logged under the id its 500 problem returns.
import { describe, expect, it } from 'vitest'
import type { Database } from '../../../db/client.ts'
import { createApp } from '../../../server/app.ts'
import { createLogger } from '../../../server/log.ts'

const LOCAL_TOKEN = 'local-token-do-not-log-0123456789'
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** Every query fails, as a database gone away would: any route that reads answers 500. */
const fail = () => Promise.reject(new Error('connection lost'))
const broken = { rows: fail, db: { transaction: fail } } as unknown as Database

function loggedApp() {
  const lines: string[] = []
  const logger = createLogger('info', { write: (line: string) => lines.push(line) })
  const app = createApp({ database: broken, config: { webDir: 'no-web' }, localToken: LOCAL_TOKEN, logger })
  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>)
  return { app, lines, entries }
}

describe('the request log', () => {
  it('writes one JSON line a request: id, method, route pattern, status, ms, role', async () => {
    const { app, lines, entries } = loggedApp()
    const response = await app.request('/api/nothing/42?since=2026-01-01')
    expect(response.status).toBe(404)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^\{.*\}\n$/)
    expect(entries()[0]).toEqual({
      level: 'info',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      pid: process.pid,
      msg: 'request',
      requestId: response.headers.get('x-request-id'),
      method: 'GET',
      route: '/api/*',
      status: 404,
      ms: expect.any(Number),
      role: 'none',
    })
    expect(response.headers.get('x-request-id')).toMatch(UUID)
  })

  it('logs the route pattern, the status and the role, and no token, cookie, query or body', async () => {
    const { app, lines, entries } = loggedApp()
    const response = await app.request('/api/users/12345?token=query-secret', {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${LOCAL_TOKEN}`,
        cookie: 'crosswatch_session=cookie-secret',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ password: 'body-secret', name: 'x' }),
    })
    expect(entries()).toEqual([
      expect.objectContaining({
        method: 'PATCH',
        route: '/api/users/:id',
        status: response.status,
        role: 'local',
      }),
    ])
    const text = lines.join('')
    for (const secret of [LOCAL_TOKEN, 'cookie-secret', 'query-secret', 'body-secret', '12345'])
      expect(text).not.toContain(secret)
  })

  it('keeps a short, plain X-Request-Id from the caller and replaces any other', async () => {
    const { app, entries } = loggedApp()
    const given = async (id: string) =>
      (await app.request('/api/nothing', { headers: { 'x-request-id': id } })).headers.get('x-request-id')
    expect(await given('trace-4bf92f3577b34da6')).toBe('trace-4bf92f3577b34da6')
    expect(await given('x'.repeat(65))).toMatch(UUID)
    expect(await given('a b<script>')).toMatch(UUID)
    expect(entries().map((e) => e.requestId)).toEqual([
      'trace-4bf92f3577b34da6',
      expect.stringMatching(UUID),
      expect.stringMatching(UUID),
    ])
  })

  it('logs an unexpected error under the request id that the 500 problem returns', async () => {
    const { app, entries } = loggedApp()
    const response = await app.request('/api/health')
    expect(response.status).toBe(500)
    const problem = (await response.json()) as { requestId?: string; detail?: string }
    expect(problem.requestId).toMatch(UUID)
    expect(problem.requestId).toBe(response.headers.get('x-request-id'))
    expect(JSON.stringify(problem)).not.toContain('connection lost')

    const error = entries().find((e) => e.level === 'error')
    expect(error).toMatchObject({
      msg: 'unexpected error',
      requestId: problem.requestId,
      err: { type: 'Error', message: 'connection lost', stack: expect.stringContaining('connection lost') },
    })
    expect(entries().find((e) => e.msg === 'request')).toMatchObject({
      requestId: problem.requestId,
      route: '/api/health',
      status: 500,
    })
  })

  it('logs nothing below its level, and drops secret keys a log call names by mistake', () => {
    const lines: string[] = []
    const logger = createLogger('warn', { write: (line: string) => lines.push(line) })
    logger.info('not shown')
    logger.warn({ authorization: 'Bearer abc', user: { password: 'pw', name: 'Ana' } }, 'shown')
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ level: 'warn', msg: 'shown', user: { name: 'Ana' } }),
    ])
    expect(lines.join('')).not.toMatch(/abc|pw/)
  })
})
