// What every importer is: a pure, streaming parser that reports each bad cell, and a loader that
// upserts a batch of valid rows inside the import's transaction. The runner (data/importers/run.ts)
// ties them together: dry runs, --skip-invalid, progress, one transaction per file.
import type { Readable } from 'node:stream'
import type { Tx } from '../../db/client.ts'
import type { Upserted } from '../../db/upsert.ts'

/** One reason a row was rejected. `line` is the line in the file (the header is line 1). */
export interface RowError {
  line: number
  /** The column (CSV), property path (GeoJSON, e.g. `properties.kind`) or `row` for the whole row. */
  column: string
  reason: string
}

export type Parsed<Row> =
  | { line: number; row: Row; raw?: string }
  | { line: number; errors: RowError[]; raw?: string }

/** What `load` did with a batch; `unchanged` rows were there already, identical, so a second import changes nothing. */
export type LoadResult = Upserted

/** What the runner knows about one import; importers that need none of it ignore the argument. */
export interface ImportContext {
  /** The file's name without its folder, e.g. `counts-2024.csv` (`stdin` when it has none). */
  fileName: string
  /** `--source <id>`: the `sources` row to file the records under, for formats that let the user choose. */
  source?: string | undefined
}

/** One row of a batch the database refuses: `index` is its place in the rows given to `load`. */
export interface RowProblem {
  index: number
  column: string
  reason: string
}

/**
 * Thrown by `load` for rows it finds it cannot store (e.g. a site that is not in the database), before
 * writing anything. The runner rolls the batch back, rejects those rows (with their lines) and loads the
 * rest again.
 */
export class RowErrors extends Error {
  override name = 'RowErrors'
  constructor(readonly problems: RowProblem[]) {
    super(`${problems.length} rows refused`)
  }
}

export interface Importer<Row> {
  /** The CLI name, e.g. `mmp`. */
  format: string
  /** One line for `npm run import -- --help`. */
  description: string
  /** Streams the file into rows or errors, in file order. Pure: no database. */
  parse(input: Readable): AsyncIterable<Parsed<Row>>
  /** Runs once per import, in the transaction, before the first batch (e.g. upsert the source record). */
  prepare?(tx: Tx, context: ImportContext): Promise<void>
  /** Upserts a batch of valid rows on the source's own ids; may throw RowErrors (see there). */
  load(tx: Tx, rows: Row[], context: ImportContext): Promise<LoadResult>
  /** Rows per batch. @default 1000 */
  batchSize?: number
}
