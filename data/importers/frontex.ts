// The `frontex` importer: Frontex's monthly detections of illegal border crossings by route, border type
// (land/sea) and nationality, as compiled in IOM's gdidata package (docs/import.md#frontex).
import type { Readable } from 'node:stream'
import type { Tx } from '../../db/client.ts'
import { type SourceRecord, upsertSource } from '../../db/sources.ts'
import { readCsvTable } from './csv.ts'
import { slug } from './names.ts'
import { monthEnd, type ReportedRow, upsertReported, wholeCount } from './reported.ts'
import type { ImportContext, Importer, LoadResult, Parsed, RowError } from './types.ts'

export const FRONTEX_SOURCE: SourceRecord = {
  id: 'frontex-detections',
  name: 'Frontex: monthly detections of illegal border crossings by route, border type and nationality',
  publisher: 'European Border and Coast Guard Agency (Frontex); compiled in the gdidata R package of IOM',
  licence: 'Frontex: reuse permitted with acknowledgement of the source',
  url: 'https://www.frontex.europa.eu/what-we-do/monitoring-and-risk-analysis/migratory-map/',
  retrievedAt: new Date('2025-06-19T00:00:00Z'),
  citation: 'Source: Frontex',
  notes:
    'iom/gdidata data/frontex.rda at c9e4cc69cebd91d6cfca5f4107e2406e4de2c6ff, written as CSV (route, type, nat, ' +
    'month, n), January 2009 to April 2025. Detections of illegal border crossing, not people: one person may ' +
    'be detected crossing more than once. Nationality codes as given, including OOO, OOS and STL, which are ' +
    'not ISO 3166 (gdidata does not document them) and XKX (Kosovo, under UNSCR 1244).',
}

const COLUMNS = ['route', 'type', 'nat', 'month', 'n'] as const

/** `Central Mediterranean Route` → `central-mediterranean`; the slug is the scope code. */
export function routeSlug(route: string): string {
  return slug(route.replace(/\broute\b/gi, ''))
}

export async function* parseFrontex(input: Readable): AsyncGenerator<Parsed<ReportedRow>> {
  const seen = new Map<string, number>()
  for await (const record of readCsvTable(input, { required: COLUMNS })) {
    if ('errors' in record) {
      yield record
      continue
    }
    const { line, raw, cells } = record
    const errors: RowError[] = []
    const fail = (column: string, reason: string) => errors.push({ line, column, reason })
    const route = (cells.route ?? '').trim()
    const scope = routeSlug(route)
    if (!scope) fail('route', 'is empty: the route is not named')
    const type = (cells.type ?? '').trim().toLowerCase()
    if (type !== 'land' && type !== 'sea') fail('type', 'expected Land or Sea')
    const nat = (cells.nat ?? '').trim().toUpperCase()
    if (!/^[A-Z]{3}$/.test(nat)) fail('nat', 'expected a three-letter nationality code such as NGA')
    const month = /^(\d{4})-(0[1-9]|1[0-2])(-01)?$/.exec((cells.month ?? '').trim())
    if (!month) fail('month', 'expected a month such as 2024-03')
    const n = wholeCount((cells.n ?? '').trim())
    if (n === null) fail('n', 'expected a whole number of detections, 0 or more')
    if (!errors.length) {
      const key = `${scope}|${type}|${nat}|${month?.[1]}-${month?.[2]}`
      const first = seen.get(key)
      if (first !== undefined) fail('row', `same route, type, nat and month as line ${first}`)
      else seen.set(key, line)
    }
    if (errors.length || !month || n === null) {
      yield { line, raw, errors }
      continue
    }
    const start = `${month[1]}-${month[2]}-01`
    yield {
      line,
      raw,
      row: {
        measure: 'illegal_border_crossings',
        scopeKind: 'route',
        scopeCode: scope,
        scopeName: route,
        country: null,
        areaId: null,
        period: 'month',
        periodStart: start,
        periodEnd: monthEnd(start),
        nationality: nat,
        borderType: type as 'land' | 'sea',
        reception: null,
        count: n,
        reportedOn: null,
        notes: null,
      },
    }
  }
}

/** Files under `frontex-detections`, or the `sources` row `--source` names (created as Frontex's when missing). */
async function loadFrontex(tx: Tx, rows: ReportedRow[], context?: ImportContext): Promise<LoadResult> {
  const sourceId = context?.source ?? FRONTEX_SOURCE.id
  await upsertSource(tx, { ...FRONTEX_SOURCE, id: sourceId }, 'none')
  return upsertReported(tx, sourceId, rows)
}

export const frontex: Importer<ReportedRow> = {
  format: 'frontex',
  description:
    'Frontex monthly detections of illegal border crossings by route, land/sea and nationality (CSV)',
  parse: parseFrontex,
  load: loadFrontex,
  batchSize: 5000,
}
