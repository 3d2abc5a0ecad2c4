// Seed step: the shelters, camps, transit and reception centres of data/resources/resources.geojson,
// loaded through the GeoJSON importer when the table is empty. Modelled capacities point at a modelled source.
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import type { Database } from '../../db/client.ts'
import { importGeoJson } from '../importers/geojson.ts'

export const RESOURCES_GEOJSON = fileURLToPath(new URL('../resources/resources.geojson', import.meta.url))

export async function seed(database: Database): Promise<string | null> {
  const [row] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM resources`)
  if (row && row.n > 0) return null
  const { inserted } = await importGeoJson(
    database,
    await readFile(RESOURCES_GEOJSON, 'utf8'),
    RESOURCES_GEOJSON,
  )
  return `seeded ${inserted} resources`
}
