// GET /api/health: is the server up, which engine it runs on, which PostGIS. Anyone may ask.
import { createRoute, z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import type { Database, Engine } from '../db/client.ts'
import { apiApp, PUBLIC, problems } from './http/openapi.ts'

export const healthSchema = z
  .object({
    status: z.literal('ok'),
    database: z.object({
      engine: z
        .enum(['pglite', 'postgres'] as const satisfies readonly Engine[])
        .openapi({ description: 'the embedded engine (PGlite) or a PostgreSQL server' }),
      postgis: z.string().openapi({ example: '3.5.2' }),
    }),
  })
  .openapi('Health')

const route = createRoute({
  method: 'get',
  path: '/',
  operationId: 'health',
  summary: 'Whether the server is up, and which database engine and PostGIS it runs on',
  tags: ['health'],
  security: PUBLIC,
  // No parameter is taken: an unknown one is a 400, as everywhere.
  request: { query: z.strictObject({}) },
  responses: {
    200: { description: 'up', content: { 'application/json': { schema: healthSchema } } },
    ...problems(),
  },
})

export function healthRoutes(database: Database) {
  return apiApp().openapi(route, async (c) => {
    const [row] = await database.rows<{ postgis: string }>(sql`SELECT postgis_lib_version() AS postgis`)
    return c.json(
      { status: 'ok' as const, database: { engine: database.engine, postgis: row?.postgis ?? 'unknown' } },
      200,
    )
  })
}
