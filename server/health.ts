// GET /api/health: is the server up, which engine it runs on, which PostGIS, and how far behind its
// standby is when it has one. Anyone may ask.
import { createRoute, z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import type { Database, Engine } from '../db/client.ts'
import type { ReadCounts } from '../db/replica.ts'
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
    standby: z
      .object({
        reachable: z.boolean(),
        lagBytes: z.number().int().nullable().openapi({
          description: 'WAL bytes the standby has still to replay; null when it cannot be reached',
        }),
        reads: z
          .object({ standby: z.number().int(), primary: z.number().int() })
          .openapi({ description: "this process's map reads since it started, by where they ran" }),
      })
      .optional()
      .openapi({ description: 'only when the map reads from a hot standby (DATABASE_READ_URL)' }),
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

export function healthRoutes(database: Database, standby?: { database: Database; counts: ReadCounts }) {
  return apiApp().openapi(route, async (c) => {
    const [row] = await database.rows<{ postgis: string; lsn: string | null }>(
      sql`SELECT postgis_lib_version() AS postgis,
                 CASE WHEN ${Boolean(standby)} THEN pg_current_wal_lsn()::text END AS lsn`,
    )
    const answer = {
      status: 'ok' as const,
      database: { engine: database.engine, postgis: row?.postgis ?? 'unknown' },
    }
    if (!standby) return c.json(answer, 200)
    const reads = { standby: standby.counts.standby, primary: standby.counts.primary }
    const lag = await standby.database
      .rows<{ lag: number | null }>(
        sql`SELECT pg_wal_lsn_diff(${row?.lsn ?? null}::pg_lsn, pg_last_wal_replay_lsn())::int8 AS lag`,
      )
      .then(
        ([r]) => ({
          reachable: true,
          lagBytes: r?.lag === null || r?.lag === undefined ? null : Math.max(0, Number(r.lag)),
        }),
        () => ({ reachable: false, lagBytes: null }),
      )
    return c.json({ ...answer, standby: { ...lag, reads } }, 200)
  })
}
