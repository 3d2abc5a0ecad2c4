// The datasets behind aggregated features (a total may sum several sources): their names, licences
// and whether they are modelled, looked up once per response.
import { sql } from 'drizzle-orm'
import type { Database } from '../../db/client.ts'
import { oneOf } from './filters.ts'

export type SourceSummary = {
  id: string
  name: string
  licence: string
  modelled: boolean
  citation: string | null
}

export async function datasetsOf(database: Database, ids: string[]): Promise<Map<string, SourceSummary>> {
  const unique = [...new Set(ids)]
  if (!unique.length) return new Map()
  const rows = await database.rows<SourceSummary>(sql`
    SELECT id, name, licence, modelled, citation FROM sources
    WHERE ${oneOf(sql`id`, unique)}`)
  return new Map(rows.map((r) => [r.id, r]))
}
