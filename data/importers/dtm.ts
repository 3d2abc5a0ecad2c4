// The `dtm` importer: IOM DTM flow-monitoring counts per month, flow-monitoring point (FMP) and
// from/to country (docs/import.md#dtm). Each FMP is matched to a flow point by name; the counts of a
// point, month and direction are summed into one crossing count.
import type { Readable } from 'node:stream'
import { sql } from 'drizzle-orm'
import type { Tx } from '../../db/client.ts'
import { txRows } from '../../db/rows.ts'
import { upsertSource } from '../../db/sources.ts'
import type { CountDirection } from '../../db/vocabulary.ts'
import { iso2FromIso3 } from './country-codes.ts'
import { type CountRow, prepareCounts, upsertCounts } from './crossings-load.ts'
import { readCsvTable } from './csv.ts'
import { looseName } from './names.ts'
import {
  type ImportContext,
  type Importer,
  type LoadResult,
  type Parsed,
  type RowError,
  RowErrors,
  type RowProblem,
} from './types.ts'

const COLUMNS = ['month', 'fmp_country', 'fmp', 'from', 'to', 'n'] as const

/** One line of the file. Countries are ISO 3166-1 alpha-3 as DTM writes them; `OOO` is DTM's "unknown". */
export interface DtmRow {
  /** The first instant of the month, ISO 8601 UTC. */
  month: string
  fmpCountry: string
  fmp: string
  from: string
  to: string
  n: number
  direction: CountDirection
}

export const DTM_SOURCE = {
  id: 'iom-dtm-fmr-wca',
  name: 'IOM DTM Flow Monitoring Registry, West and Central Africa: monthly counts by flow-monitoring point',
  publisher: 'International Organization for Migration (IOM), Displacement Tracking Matrix (DTM)',
  licence: 'IOM DTM terms: non-commercial use only; no redistribution, resale or derivative works',
  url: 'https://dtm.iom.int/',
  citation: 'Source: International Organization for Migration (IOM), Displacement Tracking Matrix (DTM)',
  notes:
    'Imported with `npm run import -- dtm`; never shipped in the repository. Counts of people passing each ' +
    'flow-monitoring point, summed per month and direction over the from/to countries, which the ' +
    'breakdown keeps (docs/import.md#dtm).',
} as const

const UNKNOWN = 'OOO'
const ISO3 = /^[A-Z]{3}$/

/**
 * Direction at a flow point of country `c`: people heading into (or within) `c` come `in`; people heading
 * for another country go `out`. When the destination is unknown, people who came from abroad are `in`.
 */
export function directionOf(c: string, from: string, to: string): CountDirection | null {
  if (to === c) return 'in'
  if (to !== UNKNOWN) return 'out'
  if (from !== UNKNOWN && from !== c) return 'in'
  return null
}

export async function* parseDtm(input: Readable): AsyncGenerator<Parsed<DtmRow>> {
  const seen = new Map<string, number>()
  for await (const record of readCsvTable(input, { required: COLUMNS })) {
    if ('errors' in record) {
      yield record
      continue
    }
    const { line, raw, cells } = record
    const errors: RowError[] = []
    const fail = (column: string, reason: string) => errors.push({ line, column, reason })
    const month = /^(\d{4})-(0[1-9]|1[0-2])(-01)?$/.exec((cells.month ?? '').trim())
    if (!month) fail('month', 'expected a month such as 2024-03')
    const country = (column: 'fmp_country' | 'from' | 'to') => {
      const code = (cells[column] ?? '').trim().toUpperCase()
      if (!ISO3.test(code)) fail(column, 'expected an ISO 3166-1 alpha-3 code such as NER (OOO: unknown)')
      return code
    }
    const fmpCountry = country('fmp_country')
    const from = country('from')
    const to = country('to')
    const fmp = (cells.fmp ?? '').trim()
    if (!fmp) fail('fmp', 'is empty: the flow-monitoring point is not named')
    const n = (cells.n ?? '').trim()
    if (!/^\d{1,9}(\.0*)?$/.test(n)) fail('n', 'expected a whole number of people, 0 or more')
    const direction = directionOf(fmpCountry, from, to)
    if (!errors.length && !direction) {
      fail('to', `direction unknown: from ${from} to ${to} at a flow point in ${fmpCountry}`)
    }
    if (!errors.length) {
      const key = `${month?.[0]}|${fmpCountry}|${looseName(fmp)}|${from}|${to}`
      const first = seen.get(key)
      if (first !== undefined) fail('row', `same month, fmp, from and to as line ${first}`)
      else seen.set(key, line)
    }
    if (errors.length || !month || !direction) {
      yield { line, raw, errors }
      continue
    }
    const row = { month: `${month[1]}-${month[2]}-01T00:00:00.000Z`, fmpCountry, fmp, from, to }
    yield { line, raw, row: { ...row, n: Number(n), direction } }
  }
}

interface FlowPoint {
  id: string
  country: string
}

/**
 * The flow point an FMP name stands for, in its country when there are namesakes (Rosso: SN and MR). A
 * combined name such as "Seguedine/Madama" goes to the first of its parts that is a flow point.
 */
export function matchFlowPoint(
  byName: Map<string, FlowPoint[]>,
  fmp: string,
  fmpCountry: string,
): FlowPoint | null {
  const iso2 = iso2FromIso3(fmpCountry)
  for (const name of [fmp, ...fmp.split('/')]) {
    const candidates = byName.get(looseName(name)) ?? []
    const inCountry = candidates.filter((c) => c.country === iso2)
    const pick = inCountry.length ? inCountry : candidates
    if (pick.length === 1) return pick[0] as FlowPoint
  }
  return null
}

async function loadDtm(tx: Tx, rows: DtmRow[], context: ImportContext): Promise<LoadResult> {
  const points = await txRows<{ id: string; name: string; country: string }>(
    tx,
    sql`SELECT id, name, country FROM flow_points ORDER BY id`,
  )
  const byName = new Map<string, FlowPoint[]>()
  for (const p of points) {
    const key = looseName(p.name)
    byName.set(key, [...(byName.get(key) ?? []), { id: p.id, country: p.country }])
  }
  const problems: RowProblem[] = []
  const sums = new Map<
    string,
    CountRow & { sourceId: string; from: Record<string, number>; to: Record<string, number> }
  >()
  const sourceId = context.source ?? DTM_SOURCE.id
  rows.forEach((row, index) => {
    const point = matchFlowPoint(byName, row.fmp, row.fmpCountry)
    if (!point) {
      const reason = `unknown flow point "${row.fmp}" (${row.fmpCountry}): no flow point has this name`
      problems.push({ index, column: 'fmp', reason })
      return
    }
    const key = `${point.id}|${row.month}|${row.direction}`
    let sum = sums.get(key)
    if (!sum) {
      sum = {
        site: point.id,
        periodStart: row.month,
        period: 'month',
        direction: row.direction,
        count: 0,
        breakdown: null,
        source: null,
        sourceId,
        from: {},
        to: {},
      }
      sums.set(key, sum)
    }
    sum.count += row.n
    sum.from[row.from] = (sum.from[row.from] ?? 0) + row.n
    sum.to[row.to] = (sum.to[row.to] ?? 0) + row.n
  })
  if (problems.length) throw new RowErrors(problems)
  await upsertSource(tx, { ...DTM_SOURCE, id: sourceId, retrievedAt: new Date() }, 'none')
  const counts = [...sums.values()].map(({ from, to, ...count }) => ({
    ...count,
    breakdown: JSON.stringify({ from: sorted(from), to: sorted(to) }),
  }))
  return upsertCounts(tx, counts)
}

function sorted(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)))
}

export const dtm: Importer<DtmRow> = {
  format: 'dtm',
  description: 'IOM DTM flow monitoring, monthly by flow-monitoring point and from/to country (CSV)',
  parse: parseDtm,
  prepare: prepareCounts,
  load: loadDtm,
  // Counts of one point, month and direction are summed over the whole file, so it loads as one batch.
  batchSize: Number.POSITIVE_INFINITY,
}
