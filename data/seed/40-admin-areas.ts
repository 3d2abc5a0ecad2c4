// Seed step: the admin-1 areas of data/admin-areas/admin-areas.geojson (built by data/admin-areas/build.ts
// from Natural Earth), loaded through the GeoJSON importer when the table is empty.
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import type { Database } from '../../db/client.ts'
import { importGeoJson } from '../importers/geojson.ts'

export const ADMIN_AREAS_GEOJSON = fileURLToPath(
  new URL('../admin-areas/admin-areas.geojson', import.meta.url),
)

export async function seed(database: Database): Promise<string | null> {
  const [row] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM admin_areas`)
  if (row && row.n > 0) return null
  const { inserted } = await importGeoJson(
    database,
    await readFile(ADMIN_AREAS_GEOJSON, 'utf8'),
    ADMIN_AREAS_GEOJSON,
  )
  return `seeded ${inserted} admin areas`
}
