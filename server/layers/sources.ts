// The datasets behind aggregated features (a total may sum several sources): their names, licences
// and whether they are modelled, looked up once per response.
import { sql } from 'drizzle-orm'
import type { Database } from '../../db/client.ts'
import type { Dataset } from './dataset.ts'
import { oneOf } from './filters.ts'

export async function datasetsOf(
  database: Pick<Database, 'rows'>,
  ids: string[],
): Promise<Map<string, Dataset>> {
  const unique = [...new Set(ids)]
  if (!unique.length) return new Map()
  const rows = await database.rows<Dataset>(sql`
    SELECT id, name, licence, modelled, citation FROM sources
    WHERE ${oneOf(sql`id`, unique)}`)
  return new Map(rows.map((r) => [r.id, r]))
}

/** The datasets of `ids` that were found, in order. */
export function lookUp(datasets: Map<string, Dataset>, ids: readonly string[]): Dataset[] {
  return ids.map((id) => datasets.get(id)).filter((d) => d !== undefined)
}

/** Each row with the datasets of its `sources`, in order, looked up for all the rows in one query. */
export async function withDatasets<R extends { sources: readonly string[] | null }>(
  database: Pick<Database, 'rows'>,
  rows: R[],
): Promise<[R, Dataset[]][]> {
  const datasets = await datasetsOf(
    database,
    rows.flatMap((r) => r.sources ?? []),
  )
  return rows.map((r) => [r, lookUp(datasets, r.sources ?? [])])
}
