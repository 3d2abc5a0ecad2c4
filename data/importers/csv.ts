// A small streaming CSV reader (RFC 4180: quotes, doubled quotes, quoted line breaks, CRLF, BOM) that
// gives each record with its line number and raw text. csv-parse with `info` and `raw` reads about
// 125,000 lines/s here; this reads about a million, which a 1,000,000-row import needs.
import type { Readable } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import type { RowError } from './types.ts'

export interface CsvRecord {
  /** The line the record starts on (the header is line 1). */
  line: number
  fields: string[]
  /** The record as it stands in the file, without its line break. */
  raw: string
}

/** Yields every non-empty record of the stream, the header included, in file order. */
export async function* readCsv(input: Readable): AsyncGenerator<CsvRecord> {
  for await (const records of readCsvChunks(input)) yield* records
}

/** The records of the stream a chunk at a time: one await per chunk, not per record, for speed. */
async function* readCsvChunks(input: Readable): AsyncGenerator<CsvRecord[]> {
  const decoder = new StringDecoder('utf8')
  let buffer = ''
  let line = 1
  let first = true
  let atEnd = false
  const chunks = input[Symbol.asyncIterator]()
  try {
    while (!atEnd) {
      const next = await chunks.next()
      if (next.done) {
        buffer += decoder.end()
        atEnd = true
      } else buffer += typeof next.value === 'string' ? next.value : decoder.write(next.value as Buffer)
      if (first && buffer.length) {
        if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1)
        first = false
      }
      const records: CsvRecord[] = []
      let start = 0
      while (start < buffer.length) {
        const record = nextRecord(buffer, start, atEnd)
        if (!record) break
        start = record.end
        if (record.raw !== '') records.push({ line, fields: record.fields, raw: record.raw })
        line += record.lines
      }
      buffer = buffer.slice(start)
      if (records.length) yield records
    }
  } finally {
    await chunks.return?.() // a reader that stops early closes the stream
  }
}

interface Scanned {
  fields: string[]
  raw: string
  /** Where the next record starts. */
  end: number
  /** Line breaks consumed, the terminating one included. */
  lines: number
}

/** The record starting at `start`, or null when the buffer ends inside it and more may come. */
function nextRecord(buffer: string, start: number, atEnd: boolean): Scanned | null {
  const newline = buffer.indexOf('\n', start)
  if (newline < 0 && !atEnd) return null
  const stop = newline < 0 ? buffer.length : newline
  let raw = buffer.slice(start, stop)
  if (raw.endsWith('\r')) raw = raw.slice(0, -1)
  // The common case: no quotes, one line.
  if (!raw.includes('"')) return { fields: raw.split(','), raw, end: stop + 1, lines: 1 }
  return quotedRecord(buffer, start, atEnd)
}

function quotedRecord(buffer: string, start: number, atEnd: boolean): Scanned | null {
  const fields: string[] = []
  let field = ''
  let quoted = false
  let lines = 0
  let i = start
  for (; i < buffer.length; i++) {
    const c = buffer[i]
    if (quoted) {
      if (c === '"') {
        if (buffer[i + 1] === '"') {
          field += '"'
          i++
        } else if (i + 1 === buffer.length && !atEnd) {
          return null // a doubled quote may continue in the next chunk
        } else quoted = false
      } else {
        if (c === '\n') lines++
        field += c
      }
    } else if (c === '"' && field === '') quoted = true
    else if (c === ',') {
      fields.push(field)
      field = ''
    } else if (c === '\n') break
    else if (c === '\r' && (buffer[i + 1] === '\n' || i + 1 === buffer.length)) {
      // the CR of a CRLF
    } else field += c
  }
  if (i === buffer.length && !atEnd) return null
  fields.push(field)
  let raw = buffer.slice(start, i)
  if (raw.endsWith('\r')) raw = raw.slice(0, -1)
  return { fields, raw, end: i + 1, lines: lines + 1 }
}

/** A record of a CSV file with a header: its cells by column name, or why it cannot be read. */
export type TableRecord =
  | { line: number; raw: string; cells: Record<string, string> }
  | { line: number; raw: string; errors: RowError[] }

export interface TableColumns {
  required: readonly string[]
  optional?: readonly string[]
}

/** The columns a rejects file adds after the original ones (see data/cli/import.ts); ignored on reading. */
export const REJECT_COLUMNS = ['line', 'column', 'reason'] as const

/**
 * Reads a CSV file whose first record names its columns. A header with a missing, unknown or repeated
 * column gives one record of errors (line 1) and nothing more: every row would be wrong.
 */
export async function* readCsvTable(input: Readable, columns: TableColumns): AsyncGenerator<TableRecord> {
  let header: string[] | null = null
  let extra = 0
  for await (const records of readCsvChunks(input)) {
    for (const { line, fields, raw } of records) {
      if (!header) {
        header = fields.map((f) => f.trim())
        if (header.slice(-3).join() === REJECT_COLUMNS.join()) {
          header = header.slice(0, -3)
          extra = 3
        }
        const errors = headerErrors(header, columns)
        if (errors.length) {
          yield { line, raw, errors }
          return
        }
        continue
      }
      if (fields.length !== header.length && fields.length !== header.length + extra) {
        const reason = `has ${fields.length} fields, the header has ${header.length + extra}`
        yield { line, raw, errors: [{ line, column: 'row', reason }] }
        continue
      }
      const cells: Record<string, string> = {}
      for (let i = 0; i < header.length; i++) cells[header[i] as string] = fields[i] as string
      yield { line, raw, cells }
    }
  }
}

function headerErrors(header: string[], { required, optional = [] }: TableColumns): RowError[] {
  const known = new Set([...required, ...optional])
  const errors: RowError[] = []
  const seen = new Set<string>()
  for (const name of header) {
    if (!known.has(name)) {
      errors.push({
        line: 1,
        column: name || '(empty)',
        reason: `unknown column; expected ${[...known].join(', ')}`,
      })
    } else if (seen.has(name)) errors.push({ line: 1, column: name, reason: 'column given twice' })
    seen.add(name)
  }
  for (const name of required)
    if (!seen.has(name)) errors.push({ line: 1, column: name, reason: 'column missing' })
  return errors
}

/** The fields of one record's text, as `raw` gives it. */
export function splitCsvRecord(raw: string): string[] {
  return (nextRecord(`${raw}\n`, 0, true) as Scanned).fields
}

/** One CSV field, quoted when it must be. */
export function csvField(value: string | number): string {
  const text = String(value)
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text
}
