// The rejects file of `npm run import -- … --skip-invalid`: every refused row with its reasons, beside the
// file (or in the temporary folder when that folder is read-only), written as the rows are refused.
import {
  accessSync,
  constants,
  createReadStream,
  createWriteStream,
  rmSync,
  statSync,
  type WriteStream,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, extname, join } from 'node:path'
import { csvField, REJECT_COLUMNS, readCsv, splitCsvRecord } from '../importers/csv.ts'
import type { Rejected } from '../importers/run.ts'

/**
 * Where --skip-invalid writes the rejected rows: `<name>.rejects.csv` beside the file, or in the system's
 * temporary folder when that folder is read-only (a shared or mounted dataset must never gain files).
 */
export function rejectsPath(file: string): string {
  const name = `${basename(file, extname(file))}.rejects.csv`
  return writableFolder(dirname(file)) ? join(dirname(file), name) : join(tmpdir(), name)
}

/** Writable for us and meant to be: root may write anywhere, so a folder without any write bit counts as read-only. */
function writableFolder(folder: string): boolean {
  try {
    accessSync(folder, constants.W_OK)
    return (statSync(folder).mode & 0o222) !== 0
  } catch {
    return false
  }
}

/**
 * Writes rejected rows as they come. For CSV input: the original header and lines plus `line,column,reason`,
 * so the file can be corrected and imported again; otherwise `line,column,reason,record`.
 */
export class RejectsFile {
  private out: WriteStream | null = null
  count = 0
  constructor(
    readonly path: string,
    private readonly header: string | null,
  ) {}

  /** A header that ends with the reject columns already: the input was a rejects file. */
  private get rewrites(): boolean {
    return this.header !== null && this.header.split(',').slice(-3).join() === REJECT_COLUMNS.join()
  }

  add({ line, errors, raw = '' }: Rejected) {
    if (!this.out) {
      this.out = createWriteStream(this.path)
      const header = this.header === null ? 'line,column,reason,record' : this.header
      this.out.write(
        `${this.rewrites || this.header === null ? header : `${header},${REJECT_COLUMNS.join(',')}`}\n`,
      )
    }
    const why = [line, errors.map((e) => e.column).join('; '), errors.map((e) => e.reason).join('; ')].map(
      csvField,
    )
    let record = raw
    if (this.header !== null && this.rewrites) {
      const width = this.header.split(',').length - 3
      record = splitCsvRecord(raw).slice(0, width).map(csvField).join(',')
    }
    this.out.write(
      this.header === null ? `${why.join(',')},${csvField(raw)}\n` : `${record},${why.join(',')}\n`,
    )
    this.count++
  }

  /** Finishes the file; without rejects (or when discarded) removes it, as one from an earlier run would mislead. */
  async close(discard = false) {
    const out = this.out
    if (out) await new Promise((resolve) => out.end(resolve))
    if (!out || discard) rmSync(this.path, { force: true })
  }
}

/** The header line of a CSV file (kept in its rejects file), or null for another format. */
export async function csvHeader(file: string): Promise<string | null> {
  if (extname(file).toLowerCase() !== '.csv') return null
  for await (const record of readCsv(createReadStream(file))) return record.raw
  return ''
}
