// The `crossings` importer: a CSV of crossings counted at border posts and flow points per hour, day or
// month (docs/import.md#crossings): the parser, every bad cell named, and the rules a count's cells follow.
// Loading them is crossings-load.ts; a second import of a file changes nothing.
import type { Readable } from 'node:stream'
import type { CountDirection, CountPeriod } from '../../db/vocabulary.ts'
import { type CountRow, loadCrossings, prepareCounts } from './crossings-load.ts'
import { readCsvTable } from './csv.ts'
import type { Importer, Parsed, RowError } from './types.ts'

const REQUIRED = ['site', 'period_start', 'period', 'direction', 'count'] as const
const BREAKDOWNS = ['nationality', 'sex', 'age_group', 'purpose'] as const
const OPTIONAL = [...BREAKDOWNS, 'source'] as const

const SITE = /^[a-z]{2}-[a-z0-9-]+$/
const SOURCE_ID = /^[a-z0-9][a-z0-9._-]*$/
const MAX_COUNT = 2_147_483_647
const KEYS: Record<(typeof BREAKDOWNS)[number], { json: string; key: RegExp; example: string }> = {
  nationality: { json: 'nationality', key: /^[A-Z]{3}$/, example: 'NGA=12;NER=30 (ISO 3166-1 alpha-3)' },
  sex: { json: 'sex', key: /^[fm]$/, example: 'f=3;m=9' },
  age_group: { json: 'ageGroup', key: /^\d+(-\d+|\+)$/, example: '0-17=4;18-59=20;60+=1' },
  purpose: { json: 'purpose', key: /^[a-z][a-z0-9_]*$/, example: 'work=10;family=2' },
}

/** Streams the CSV into count rows; every bad cell is reported, and a key given twice is an error. */
export async function* parseCrossings(input: Readable): AsyncGenerator<Parsed<CountRow>> {
  // Lines by key, to name the first line of a duplicate; minutes since 1970 keep the maps small.
  const seen = new Map<string, Map<number, number>>()
  for await (const record of readCsvTable(input, { required: REQUIRED, optional: OPTIONAL })) {
    if ('errors' in record) {
      yield record
      continue
    }
    const { line, raw } = record
    const parsed = parseCountCells(record.cells, line)
    if (!('errors' in parsed)) {
      const { row, start } = parsed
      const key = `${row.site}|${row.period}|${row.direction}|${row.source ?? ''}`
      let lines = seen.get(key)
      if (!lines) {
        lines = new Map()
        seen.set(key, lines)
      }
      const first = lines.get(start / 60_000)
      if (first === undefined) {
        lines.set(start / 60_000, line)
        yield { line, raw, row }
        continue
      }
      const reason = `same site, period, period_start and direction as line ${first}`
      yield { line, raw, errors: [{ line, column: 'row', reason }] }
      continue
    }
    yield { line, raw, errors: parsed.errors }
  }
}

/**
 * One record's cells → a row (and its start in ms), or every error in column order. Also validates the
 * items of `POST /api/crossings` (server/crossings.ts), so that both ways in accept the same counts.
 */
export function parseCountCells(
  cells: Record<string, string>,
  line: number,
): { row: CountRow; start: number } | { errors: RowError[] } {
  const errors: RowError[] = []
  const site = (cells.site ?? '').trim()
  if (!SITE.test(site)) {
    errors.push({
      line,
      column: 'site',
      reason: 'expected a border post id such as ne-assamaka or a flow point id such as fp-agadez',
    })
  }
  const period = (cells.period ?? '').trim()
  const known = period === 'hour' || period === 'day' || period === 'month'
  const start = parseInstant((cells.period_start ?? '').trim())
  const misaligned = typeof start === 'string' ? start : known ? alignment(start, period) : null
  if (misaligned) errors.push({ line, column: 'period_start', reason: misaligned })
  if (!known) errors.push({ line, column: 'period', reason: 'expected hour, day or month' })
  const direction = (cells.direction ?? '').trim()
  if (direction !== 'in' && direction !== 'out')
    errors.push({ line, column: 'direction', reason: 'expected in or out' })
  const count = wholeNumber((cells.count ?? '').trim())
  if (count === null) errors.push({ line, column: 'count', reason: 'expected a whole number, 0 or more' })
  let breakdown: Record<string, Record<string, number>> | null = null
  for (const column of BREAKDOWNS) {
    const text = cells[column]?.trim()
    if (!text) continue
    const parts = parseBreakdown(text, column, count)
    if (typeof parts === 'string') errors.push({ line, column, reason: parts })
    else {
      breakdown ??= {}
      breakdown[KEYS[column].json] = parts
    }
  }
  const source = cells.source?.trim() || null
  if (source !== null && !SOURCE_ID.test(source)) {
    errors.push({ line, column: 'source', reason: 'expected a sources id such as iom-dtm-fmr-wca' })
  }
  if (errors.length) return { errors }
  const row: CountRow = {
    site,
    periodStart: new Date(start as number).toISOString(),
    period: period as CountPeriod,
    direction: direction as CountDirection,
    count: count as number,
    breakdown: breakdown && JSON.stringify(breakdown),
    source,
  }
  return { row, start: start as number }
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000
const pad = (n: number) => String(n).padStart(2, '0')
const ISO_EXAMPLE = 'expected an ISO 8601 date or time such as 2024-03-01 or 2024-03-01T05:00:00Z'

/** The number written by `length` digits at `at`, or -1. Read by hand: a regex is the slowest part here. */
function digitsAt(text: string, at: number, length: number): number {
  let n = 0
  for (let i = at; i < at + length; i++) {
    const c = text.charCodeAt(i) - 48
    if (!(c >= 0 && c <= 9)) return -1
    n = n * 10 + c
  }
  return n
}

/**
 * Milliseconds since 1970 of an ISO 8601 date or date-time, or why not: `2024-03`, `2024-03-01`,
 * `2024-03-01T05:00`, `…T05:00:00`, `…T05:00:00.000`, each with `Z`, `+01:00`, `+0100`, `+01` or no offset
 * (read as UTC); a space may stand for the T.
 */
export function parseInstant(text: string): number | string {
  const year = digitsAt(text, 0, 4)
  const month = text[4] === '-' ? digitsAt(text, 5, 2) : -1
  if (year < 0 || month < 0) return ISO_EXAMPLE
  let day = 1
  let hour = 0
  let minute = 0
  let second = 0
  let ms = 0
  let offset = 0
  let at = 7
  if (text.length > 7) {
    day = text[7] === '-' ? digitsAt(text, 8, 2) : -1
    if (day < 0) return ISO_EXAMPLE
    at = 10
  }
  if (text.length > 10) {
    const t = text[10]
    hour = t === 'T' || t === ' ' ? digitsAt(text, 11, 2) : -1
    minute = text[13] === ':' ? digitsAt(text, 14, 2) : -1
    if (hour < 0 || minute < 0) return ISO_EXAMPLE
    at = 16
    if (text[at] === ':') {
      second = digitsAt(text, 17, 2)
      if (second < 0) return ISO_EXAMPLE
      at = 19
      if (text[at] === '.') {
        let end = at + 1
        while (end < text.length && digitsAt(text, end, 1) >= 0) end++
        if (end === at + 1) return ISO_EXAMPLE
        ms = Math.round(Number(text.slice(at, end)) * 1000)
        at = end
      }
    }
    if (text[at] === 'Z') at++
    else if (text[at] === '+' || text[at] === '-') {
      const sign = text[at] === '-' ? -1 : 1
      const oh = digitsAt(text, at + 1, 2)
      const colon = text[at + 3] === ':' ? 1 : 0
      const om = at + 3 === text.length ? 0 : digitsAt(text, at + 3 + colon, 2)
      if (oh < 0 || om < 0) return ISO_EXAMPLE
      offset = sign * (oh * 60 + om)
      at = at + 3 === text.length ? at + 3 : at + 5 + colon
    }
  }
  if (at !== text.length) return ISO_EXAMPLE
  if (year < 1900 || year > 2100) return `year ${year} is out of range (1900–2100)`
  if (month < 1 || month > 12) return `month ${pad(month)} does not exist`
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  if (day < 1 || day > (month === 2 && leap ? 29 : (DAYS[month - 1] as number))) {
    return `${year}-${pad(month)}-${pad(day)} does not exist`
  }
  if (hour > 23 || minute > 59 || second > 59)
    return `${pad(hour)}:${pad(minute)}:${pad(second)} is not a time of day`
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset * 60_000
}

/** Why `ms` is not the start of an hour, day or month in UTC, or null when it is. */
export function alignment(ms: number, period: CountPeriod): string | null {
  const offHour = ms % HOUR_MS !== 0
  if (
    !offHour &&
    (period === 'hour' || (ms % DAY_MS === 0 && (period === 'day' || new Date(ms).getUTCDate() === 1)))
  ) {
    return null
  }
  const at = new Date(ms).toISOString().replace('.000Z', 'Z')
  if (offHour) return `${at} is not the start of an hour (UTC)`
  if (ms % DAY_MS !== 0) return `${at} is not the start of a day (UTC)`
  return `${at} is not the first of a month (UTC)`
}

function wholeNumber(text: string): number | null {
  if (!/^\d{1,10}$/.test(text)) return null
  const n = Number(text)
  return n <= MAX_COUNT ? n : null
}

/** `NGA=12;NER=30` → { NGA: 12, NER: 30 }, or why not; the parts may not add up to more than the count. */
function parseBreakdown(
  text: string,
  column: (typeof BREAKDOWNS)[number],
  count: number | null,
): Record<string, number> | string {
  const { key: keyPattern, example } = KEYS[column]
  const parts: Record<string, number> = {}
  let sum = 0
  for (const part of text.split(';')) {
    const [key = '', value = '', ...rest] = part.split('=').map((s) => s.trim())
    const n = wholeNumber(value)
    if (!keyPattern.test(key) || n === null || rest.length)
      return `expected key=number pairs such as ${example}`
    if (key in parts) return `${key} is given twice`
    parts[key] = n
    sum += n
  }
  if (count !== null && sum > count) return `adds up to ${sum}, more than the count ${count}`
  return parts
}

export const crossings: Importer<CountRow> = {
  format: 'crossings',
  description: 'crossings counted at border posts and flow points per hour, day or month (CSV)',
  parse: parseCrossings,
  prepare: prepareCounts,
  load: loadCrossings,
  // Large batches: each costs a few statements, and the next one is read while the server writes it.
  batchSize: 20_000,
}
