import { describe, expect, it } from 'vitest'
import { createApp } from '../../server/app.ts'
import { useTestDatabase } from '../helpers/database.ts'

describe('GET /api/openapi.json', () => {
  const database = useTestDatabase('pglite')

  it('describes every layer with the parameters its schema validates', async () => {
    const app = createApp({ database: database.current, config: { webDir: 'no-web' } })
    const response = await app.request('/api/openapi.json')
    expect(response.status).toBe(200)
    const document = await response.json()
    expect(document.openapi).toBe('3.1.0')
    const get = document.paths['/api/layers/border-posts'].get
    expect(get.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['bbox', 'format'])
    expect(Object.keys(get.responses)).toEqual(expect.arrayContaining(['200', '304', '400']))
  })
})
