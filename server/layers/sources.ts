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

/** How long a dataset's description is reused by cachedDatasetsOf. @default 60 s */
const DATASET_TTL_MS = 60_000
const cached = new WeakMap<object, Map<string, { dataset: Dataset; at: number }>>()

/**
 * datasetsOf for the hot paths (a tile a request): descriptions are public and change only with an
 * import, so each is reused for a minute; an id not seen before is looked up at once.
 */
export async function cachedDatasetsOf(
  database: Pick<Database, 'rows'>,
  ids: string[],
  now = Date.now(),
): Promise<Map<string, Dataset>> {
  const known = cached.get(database) ?? new Map<string, { dataset: Dataset; at: number }>()
  cached.set(database, known)
  const fresh = (id: string) => (known.get(id)?.at ?? Number.NEGATIVE_INFINITY) > now - DATASET_TTL_MS
  const missing = ids.filter((id) => !fresh(id))
  for (const [id, dataset] of await datasetsOf(database, missing)) known.set(id, { dataset, at: now })
  const found = new Map<string, Dataset>()
  for (const id of ids) {
    const entry = known.get(id)
    if (entry) found.set(id, entry.dataset)
  }
  return found
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
