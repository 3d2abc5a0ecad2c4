import { describe, expect, it } from 'vitest'
import type { Database } from '../../db/client.ts'
import { createApp } from '../../server/app.ts'
import { useTestDatabase } from '../helpers/database.ts'
import { engines } from '../helpers/engines.ts'

describe.each(engines)('the API on %s', (engine) => {
  const database = useTestDatabase(engine)
  const app = () => createApp({ database: database.current, config: { webDir: 'no-web' } })

  it('reports its engine and PostGIS version at /api/health', async () => {
    const response = await app().request('/api/health')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      status: 'ok',
      database: { engine, postgis: expect.stringMatching(/^3\.\d+\.\d+/) },
    })
  })

  it('answers an unknown API path with 404 problem+json', async () => {
    const response = await app().request('/api/nothing-here')
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
  })

  it('answers an unexpected failure with a 500 problem that leaks nothing', async () => {
    // Every query of a request runs in a transaction as its caller (db/scope.ts): break that.
    const fail = () => Promise.reject(new Error('secret detail'))
    const broken = { ...database.current, rows: fail, db: { transaction: fail } } as unknown as Database
    const response = await createApp({
      database: broken,
      config: { webDir: 'no-web' },
    }).request('/api/health')
    expect(response.status).toBe(500)
    const text = await response.text()
    expect(text).not.toContain('secret')
    expect(JSON.parse(text)).toMatchObject({ status: 500, title: 'Internal error' })
  })
})
