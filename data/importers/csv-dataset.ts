// The small CSV datasets shipped in the repository (border posts, flow points): read whole with
// csv-parse, each row checked with its zod schema, every bad cell and repeated id named by its line.
import { parse as parseCsv } from 'csv-parse/sync'
import type { z } from 'zod'
import type { RowError } from './types.ts'

/**
 * The valid rows of `text` and the errors of the others (`line` is the line in the file, the header is
 * line 1). With `columns`, a header without one of them is the only error.
 */
export function parseCsvDataset<Row extends { id: string }>(
  text: string,
  schema: z.ZodType<Row>,
  columns: readonly string[] = [],
): { rows: Row[]; errors: RowError[] } {
  const records = parseCsv(text, { columns: true, skip_empty_lines: true, bom: true, info: true }) as {
    record: Record<string, string>
    info: { lines: number }
  }[]
  const header = Object.keys(records[0]?.record ?? {})
  const missing = columns.filter((c) => !header.includes(c))
  if (records.length && missing.length) {
    return { rows: [], errors: missing.map((column) => ({ line: 1, column, reason: 'column missing' })) }
  }
  const rows: Row[] = []
  const errors: RowError[] = []
  const seen = new Set<string>()
  for (const { record, info } of records) {
    const result = schema.safeParse(record)
    if (!result.success) {
      for (const issue of result.error.issues) {
        errors.push({ line: info.lines, column: String(issue.path[0] ?? ''), reason: issue.message })
      }
    } else if (seen.has(result.data.id)) {
      errors.push({ line: info.lines, column: 'id', reason: `duplicate id ${result.data.id}` })
    } else {
      seen.add(result.data.id)
      rows.push(result.data)
    }
  }
  return { rows, errors }
}
