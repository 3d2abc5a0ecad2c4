// GET /api/health: is the server up, which engine it runs on, which PostGIS.
import { sql } from 'drizzle-orm'
import { Hono } from 'hono'
import type { Database } from '../db/client.ts'
import { queryParams } from './http/params.ts'

export function healthRoutes(database: Database) {
  return new Hono().get('/', async (c) => {
    queryParams(c.req.url, [])
    const [row] = await database.rows<{ postgis: string }>(sql`SELECT postgis_lib_version() AS postgis`)
    return c.json({ status: 'ok', database: { engine: database.engine, postgis: row?.postgis ?? 'unknown' } })
  })
}
