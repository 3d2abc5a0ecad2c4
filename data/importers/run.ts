// Runs one import: streams the file through the importer's parser and loads the valid rows in batches,
// all in one transaction that commits only when the file is accepted. Shared by the CLI and the server.
import type { Readable } from 'node:stream'
import type { Database, Tx } from '../../db/client.ts'
import { announceLayerChange } from '../../server/http/layer-changes.ts'
import { type ImportContext, type Importer, type RowError, RowErrors } from './types.ts'

export interface ImportOptions {
  /** Run everything, database checks included, then roll back. */
  dryRun?: boolean
  /** Land the valid rows even when others are rejected. */
  skipInvalid?: boolean
  context?: Partial<ImportContext>
  /** Told how far the import has got, every PROGRESS_EVERY rows and at the end. */
  onProgress?: (progress: Progress) => void
  /** Takes each rejected row, in line order a batch at a time; without it they are kept in `rejects`. */
  onReject?: (rejected: Rejected) => void
}

export interface Progress {
  rowsRead: number
  taken: number
  rejected: number
}

/** A row that was not loaded, with every reason and, where the parser kept it, its text in the file. */
export interface Rejected {
  line: number
  errors: RowError[]
  raw?: string | undefined
}

export interface ImportReport {
  format: string
  dryRun: boolean
  /** The file is (or, in a dry run, would be) committed: no rejects, or some valid rows with --skip-invalid. */
  accepted: boolean
  /** Records the parser gave: rows, and a header that could not be read. */
  rowsRead: number
  /** Rows the database took (or, rolled back, would have taken). */
  taken: number
  inserted: number
  updated: number
  unchanged: number
  /** Rows rejected, by the parser or by the database. */
  rejected: number
  /** The first MAX_ERRORS errors, in line order; errorCount says how many there were. */
  errors: RowError[]
  errorCount: number
  /** Every rejected row, unless `onReject` took them. */
  rejects: Rejected[]
}

/**
 * A wholly wrong file (the wrong format, say) can give millions of errors: the first thousand show the
 * pattern, and every rejected row still reaches `onReject` (the rejects file) in full.
 */
export const MAX_ERRORS = 1000
const PROGRESS_EVERY = 5000

/** A failure that is not about a row (a broken stream, a lost connection): nothing was changed. */
export class ImportFailed extends Error {
  override name = 'ImportFailed'
}

type Accepted<Row> = { line: number; row: Row; raw?: string | undefined }

class Rollback extends Error {}

export async function runImport<Row>(
  database: Database,
  importer: Importer<Row>,
  input: Readable,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const context: ImportContext = { fileName: 'stdin', ...options.context }
  const report: ImportReport = {
    format: importer.format,
    dryRun: options.dryRun ?? false,
    accepted: false,
    rowsRead: 0,
    taken: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    errors: [],
    errorCount: 0,
    rejects: [],
  }
  const progress = () =>
    options.onProgress?.({ rowsRead: report.rowsRead, taken: report.taken, rejected: report.rejected })
  // Rejects are handed out a batch at a time, in line order: the parser's with the batch whose lines
  // they fall among, the database's when that batch is loaded.
  const handOut = (rejects: Rejected[]) => {
    rejects.sort((a, b) => a.line - b.line)
    for (const rejected of rejects) {
      report.errorCount += rejected.errors.length
      for (const error of rejected.errors) if (report.errors.length < MAX_ERRORS) report.errors.push(error)
      if (options.onReject) options.onReject(rejected)
      else report.rejects.push(rejected)
    }
  }

  const loadBatch = async (tx: Tx, batch: Accepted<Row>[], rejects: Rejected[]) => {
    let rows = batch
    while (rows.length) {
      try {
        const result = await tx.transaction((savepoint) =>
          importer.load(
            savepoint,
            rows.map((r) => r.row),
            context,
          ),
        )
        report.taken += rows.length
        report.inserted += result.inserted
        report.updated += result.updated
        report.unchanged += result.unchanged
        return
      } catch (error) {
        // The savepoint is rolled back: refuse the rows at fault and load the others again.
        const refused = await refusedRows(tx, importer, context, rows, error)
        for (const [index, errors] of refused) {
          const { line, raw } = rows[index] as Accepted<Row>
          report.rejected++
          rejects.push({ line, errors, raw })
        }
        rows = rows.filter((_, index) => !refused.has(index))
      }
    }
  }

  try {
    await database.db.transaction(async (tx) => {
      await importer.prepare?.(tx, context)
      const size = importer.batchSize ?? 1000
      // One batch loads while the next is parsed: on a server the two run side by side.
      let loading: Promise<void> = Promise.resolve()
      const load = (batch: Accepted<Row>[], rejects: Rejected[]) => {
        const previous = loading
        loading = previous.then(async () => {
          if (batch.length) await loadBatch(tx, batch, rejects)
          handOut(rejects)
        })
        loading.catch(() => {}) // awaited below; this only keeps it from counting as unhandled meanwhile
      }
      let batch: Accepted<Row>[] = []
      let rejects: Rejected[] = []
      for await (const parsed of importer.parse(input)) {
        report.rowsRead++
        if ('errors' in parsed) {
          report.rejected++
          rejects.push(parsed)
        } else batch.push(parsed)
        if (batch.length >= size) {
          await loading
          load(batch, rejects)
          batch = []
          rejects = []
        }
        if (report.rowsRead % PROGRESS_EVERY === 0) progress()
        // A parser fed from a buffered stream never gives the event loop a turn: let the database's
        // answers in, so that the batch in flight moves on.
        if (report.rowsRead % 256 === 0) await new Promise(setImmediate)
      }
      load(batch, rejects)
      await loading
      report.accepted = report.rejected === 0 || (options.skipInvalid === true && report.taken > 0)
      if (report.dryRun || !report.accepted) throw new Rollback()
      // Published data changed: every server process's layer ETags change when this commits.
      await announceLayerChange(tx)
    })
  } catch (error) {
    if (!(error instanceof Rollback)) {
      input.destroy()
      if (error instanceof ImportFailed) throw error
      throw new ImportFailed(`${describeError(error)}; nothing was changed`, { cause: error })
    }
  }
  progress()
  return report
}

/** The rows of a failed batch that are at fault, by their index in `rows`, with their errors. */
async function refusedRows<Row>(
  tx: Tx,
  importer: Importer<Row>,
  context: ImportContext,
  rows: Accepted<Row>[],
  error: unknown,
): Promise<Map<number, RowError[]>> {
  const refused = new Map<number, RowError[]>()
  const add = (index: number, column: string, reason: string) => {
    const line = (rows[index] as Accepted<Row>).line
    refused.set(index, [...(refused.get(index) ?? []), { line, column, reason }])
  }
  const fromRowErrors = (e: RowErrors, offset: number) => {
    for (const p of e.problems) add(offset + p.index, p.column, p.reason)
  }
  // A database error does not say which row caused it: halve the batch until single rows fail, each
  // try in a savepoint that is rolled back.
  const bisect = async (start: number, end: number, e: unknown): Promise<void> => {
    if (e instanceof RowErrors) return fromRowErrors(e, start)
    if (!isRowError(e)) throw e
    if (end - start === 1) return add(start, errorColumn(e), describeError(e))
    const middle = start + Math.floor((end - start) / 2)
    for (const [a, b] of [
      [start, middle],
      [middle, end],
    ] as const) {
      const failure = await tryLoad(tx, importer, context, rows.slice(a, b))
      if (failure) await bisect(a, b, failure)
    }
  }
  await bisect(0, rows.length, error)
  if (refused.size === 0) {
    // Each half loads alone: the rows fail only together (e.g. two rows with the same key).
    const reason = `${describeError(error)} (with other rows of lines ${rows[0]?.line}–${rows.at(-1)?.line})`
    for (let i = 0; i < rows.length; i++) add(i, 'row', reason)
  }
  return refused
}

const PROBE = new Rollback()

async function tryLoad<Row>(
  tx: Tx,
  importer: Importer<Row>,
  context: ImportContext,
  rows: Accepted<Row>[],
): Promise<unknown> {
  try {
    await tx.transaction(async (savepoint) => {
      await importer.load(
        savepoint,
        rows.map((r) => r.row),
        context,
      )
      throw PROBE
    })
  } catch (error) {
    return error === PROBE ? null : error
  }
  return null
}

/** The PostgreSQL error behind a driver's wrapper (drizzle wraps it as `cause`), if any. */
function pgError(error: unknown): Record<string, unknown> | null {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return e as Record<string, unknown>
    e = (e as { cause?: unknown }).cause
  }
  return null
}

/** Errors a row can cause: bad data (class 22), a broken constraint (23), a row hit twice (21). */
function isRowError(error: unknown): boolean {
  const code = pgError(error)?.code as string | undefined
  return code !== undefined && /^2[123]/.test(code)
}

function errorColumn(error: unknown): string {
  const e = pgError(error)
  const column = e?.column ?? e?.column_name
  return typeof column === 'string' && column ? column : 'row'
}

/** One line for a person: the database's message and detail, never a stack or the SQL. */
function describeError(error: unknown): string {
  const e = pgError(error)
  if (e) {
    const detail = typeof e.detail === 'string' && e.detail ? ` (${e.detail})` : ''
    return `${String(e.message).split('\n')[0]}${detail}`
  }
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name
  return String(error)
}
