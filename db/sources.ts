// The `sources` row a record is filed under (the dataset, who published it, its licence and citation):
// one upsert for the importers, the seeds and the API's own write sources.
import type { Tx } from './client.ts'
import { sources } from './schema.ts'
import { upsertRows } from './upsert.ts'

export type SourceRecord = typeof sources.$inferInsert

/**
 * What a `sources` row that is there already takes from the record: `all` (the record is the project's
 * description of the dataset: correct whatever differs), `none` (create it when missing, and leave a row a
 * person may have filled in as it is), or the fields to put back.
 */
export type SourceUpdate = 'all' | 'none' | readonly (keyof SourceRecord & string)[]

/** Creates the row, or brings it in line as `update` says; writes nothing when it is already so. */
export async function upsertSource(
  tx: Tx,
  record: SourceRecord,
  update: SourceUpdate = 'all',
): Promise<void> {
  await upsertRows(tx, sources, ['id'], [record], {
    update: update === 'all' ? undefined : update === 'none' ? [] : update,
  })
}
