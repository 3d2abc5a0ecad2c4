// The `italy` importer: the Italian Ministry of the Interior's "Cruscotto statistico giornaliero" as
// extracted by Liberiamoli tutti! (docs/import.md#italy). Each file is recognised by its header: daily
// sea arrivals, year-to-date arrivals by nationality, people in reception by region, the list of reports.
import type { Readable } from 'node:stream'
import { sql } from 'drizzle-orm'
import { iso3FromIso2 } from './country-codes.ts'
import { pgArray } from './crossings.ts'
import { readCsv } from './csv.ts'
import { regionByIstat, regionByName } from './italy-regions.ts'
import {
  ensureSource,
  isoDay,
  type ReportedRow,
  type SourceRecord,
  upsertReported,
  wholeCount,
} from './reported.ts'
import { txRows } from './run.ts'
import type { ImportContext, Importer, LoadResult, Parsed, RowError, Tx } from './types.ts'

export const ITALY_SOURCE: SourceRecord = {
  id: 'viminale-cruscotto',
  name: "Cruscotto statistico giornaliero, Ministero dell'Interno: sea arrivals, nationalities, reception (via Liberiamoli tutti!)",
  publisher:
    "Ministero dell'Interno (Dipartimento per le libertà civili e l'immigrazione; Dipartimento della Pubblica " +
    'Sicurezza); extracted from its PDFs by Liberiamoli tutti! (onData)',
  licence: 'CC BY 4.0',
  url: 'https://datibenecomune.substack.com/',
  retrievedAt: '2026-08-22T00:00:00Z',
  citation:
    "Fonte: Liberiamoli tutti! (https://datibenecomune.substack.com/), data of Italy's Ministry of the Interior",
  notes:
    'ondata/liberiamoli-tutti, sbarchi-migranti/dati, commit 04e6d28195bba97d728f11a056dcf9bac1a531f5 (data to ' +
    '2025-09-15). Twice-monthly PDF reports: daily landings (counted to 08:00 of the day), year-to-date ' +
    'arrivals by declared nationality, people in reception by region. Figures "suscettibili di successivo ' +
    'consolidamento" (provisional). source_reports lists each report PDF.',
}

export type ItalyLayout = 'arrivals' | 'nationalities' | 'reception' | 'reports'

/** What a line gives: figures for reported_counts, a report's URL, or nothing (a placeholder day). */
export interface ItalyRow {
  counts: ReportedRow[]
  report?: { reportedOn: string; url: string }
}

const LAYOUTS: Record<ItalyLayout, { required: string[]; optional: string[] }> = {
  arrivals: { required: ['Data', 'Valore', 'Data_Report'], optional: ['Note', 'Fonte'] },
  nationalities: { required: ['Data_Report', 'Nazione', 'ISO_3166-1', 'Valore'], optional: [] },
  reception: {
    required: ['Regione', 'Data_Report', 'Migranti presenti nei centri di accoglienza'],
    optional: [
      'Migranti presenti negli hot spot',
      'Migranti presenti nei centri SIPROIMI',
      'Migranti presenti nei centri SAI',
      'CodiceRegione',
      'DenominazioneRegione',
    ],
  },
  reports: { required: ['Data_Report', 'URL'], optional: [] },
}

const RECEPTION_COLUMNS = [
  ['Migranti presenti negli hot spot', 'hotspot'],
  ['Migranti presenti nei centri di accoglienza', 'reception_centre'],
  ['Migranti presenti nei centri SIPROIMI', 'siproimi'],
  ['Migranti presenti nei centri SAI', 'sai'],
] as const

const ITALY = {
  scopeKind: 'country',
  scopeCode: 'IT',
  scopeName: 'Italia',
  country: 'IT',
  areaId: null,
} as const
const NOT_DATA =
  "a JSON file, such as the project's Frictionless data-package descriptor, not data: import the CSV files " +
  'it lists one by one (npm run import -- italy sbarchi-per-giorno.csv, nazionalita.csv, accoglienza.csv, ' +
  'anagrafica-report.csv)'

/** The layout a header is, or why none. */
export function detectLayout(header: string[]): ItalyLayout | { unknown: string } {
  const has = (names: string[]) => names.every((n) => header.includes(n))
  if (has(['Data', 'Data_Report'])) return 'arrivals'
  if (has(['Nazione'])) return 'nationalities'
  if (has(['Regione'])) return 'reception'
  if (has(['URL'])) return 'reports'
  return {
    unknown:
      'not a file of the Cruscotto statistico: expected the columns of sbarchi-per-giorno.csv (Data, Valore, ' +
      'Data_Report), nazionalita.csv (Data_Report, Nazione, ISO_3166-1, Valore), accoglienza.csv (Regione, ' +
      'Data_Report, Migranti presenti…) or anagrafica-report.csv (Data_Report, URL)',
  }
}

/** Streams one of the four files into figures; every bad cell is named by line and column. */
export async function* parseItaly(input: Readable): AsyncGenerator<Parsed<ItalyRow>> {
  let header: string[] | undefined
  let layout: ItalyLayout | undefined
  const seen = new Map<string, number>()
  for await (const { line, fields, raw } of readCsv(input)) {
    if (!header) {
      header = fields.map((f) => f.trim())
      if (/^\s*[{[]/.test(raw)) {
        yield { line, raw, errors: [{ line, column: 'file', reason: NOT_DATA }] }
        return
      }
      const detected = detectLayout(header)
      const errors: RowError[] = []
      if (typeof detected !== 'string') errors.push({ line, column: 'header', reason: detected.unknown })
      else {
        const { required, optional } = LAYOUTS[detected]
        const known = new Set([...required, ...optional])
        for (const name of header)
          if (!known.has(name)) errors.push({ line, column: name || '(empty)', reason: 'unknown column' })
        for (const name of required)
          if (!header.includes(name)) errors.push({ line, column: name, reason: 'column missing' })
        if (new Set(header).size !== header.length)
          errors.push({ line, column: 'header', reason: 'a column is given twice' })
        layout = detected
      }
      if (errors.length) {
        yield { line, raw, errors }
        return
      }
      continue
    }
    if (fields.length !== header.length) {
      const reason = `has ${fields.length} fields, the header has ${header.length}`
      yield { line, raw, errors: [{ line, column: 'row', reason }] }
      continue
    }
    const cells: Record<string, string> = {}
    header.forEach((name, i) => {
      cells[name] = (fields[i] as string).trim()
    })
    const parsed = PARSERS[layout as ItalyLayout](cells, line, seen)
    yield 'errors' in parsed ? { line, raw, errors: parsed.errors } : { line, raw, row: parsed.row }
  }
  if (!header) yield { line: 1, errors: [{ line: 1, column: 'file', reason: 'the file is empty' }] }
}

type LineResult = { row: ItalyRow } | { errors: RowError[] }
type LineParser = (cells: Record<string, string>, line: number, seen: Map<string, number>) => LineResult

/** Reads the report date; a `Data_Report` that is no date is an error of that column. */
function reportDate(cells: Record<string, string>, line: number, errors: RowError[]): string | null {
  const day = isoDay(cells.Data_Report ?? '')
  if ('reason' in day) {
    errors.push({ line, column: 'Data_Report', reason: day.reason })
    return null
  }
  return day.day
}

/** Refuses a key seen before, naming the line that had it. */
function once(seen: Map<string, number>, key: string, line: number, what: string): RowError | null {
  const first = seen.get(key)
  if (first !== undefined) return { line, column: 'row', reason: `same ${what} as line ${first}` }
  seen.set(key, line)
  return null
}

/**
 * A day's landings. Each report repeats its year's days: a line whose day is later than its report is a
 * placeholder of the report's template (its value is not read: 0, blank, or an unfilled `0[VALORE]0`, and
 * its day may not exist, e.g. 2024-04-31), unless it gives people, which would contradict the report.
 */
const arrivals: LineParser = (cells, line, seen) => {
  const errors: RowError[] = []
  const reportedOn = reportDate(cells, line, errors)
  const data = cells.Data ?? ''
  const shaped = /^\d{4}-\d{2}-\d{2}$/.test(data)
  if (reportedOn && shaped && data > reportedOn) {
    const n = wholeCount(cells.Valore ?? '')
    if (n) {
      const reason = `${data} is after its report (${reportedOn}), where only placeholders stand, yet gives ${n}`
      return { errors: [{ line, column: 'Valore', reason }] }
    }
    return { row: { counts: [] } }
  }
  const day = isoDay(data)
  if ('reason' in day) errors.push({ line, column: 'Data', reason: day.reason })
  const count = wholeCount(cells.Valore ?? '')
  if (count === null)
    errors.push({ line, column: 'Valore', reason: 'expected a whole number of people, 0 or more' })
  if (errors.length || !reportedOn || count === null) return { errors }
  const duplicate = once(seen, `${data}|${reportedOn}`, line, 'Data and Data_Report')
  if (duplicate) return { errors: [duplicate] }
  return {
    row: {
      counts: [
        {
          ...ITALY,
          measure: 'sea_arrivals',
          period: 'day',
          periodStart: data,
          periodEnd: data,
          nationality: null,
          borderType: null,
          reception: null,
          count,
          reportedOn,
          notes: arrivalNotes(data, reportedOn, cells.Note ?? ''),
        },
      ],
    },
  }
}

export const SAME_DAY_NOTE =
  'From the report of that same day, not repeated by a later report: may be incomplete (such days are 0 ' +
  'twice as often as others)'

/**
 * Caveats of a day's figure: the Ministry counts a day's landings to 08:00 of that day (a report that
 * counted otherwise says so in its Note), and a report's own date is counted early and often revised.
 */
export function arrivalNotes(day: string, reportedOn: string, note: string): string | null {
  const notes: string[] = []
  if (note && !note.includes('ore 8:00')) notes.push(note.replace(/^\*/, '').trim())
  if (day === reportedOn) notes.push(SAME_DAY_NOTE)
  return notes.length ? notes.join('. ') : null
}

/** Year-to-date arrivals of one declared nationality as of a report; `altre` (no code) is the rest. */
const nationalities: LineParser = (cells, line, seen) => {
  const errors: RowError[] = []
  const reportedOn = reportDate(cells, line, errors)
  const code = (cells['ISO_3166-1'] ?? '').toUpperCase()
  const name = cells.Nazione ?? ''
  let nationality: string | null = null
  if (!code) {
    if (/^altr[ei]$/i.test(name)) nationality = 'other'
    else
      errors.push({ line, column: 'ISO_3166-1', reason: `is empty for ${name || 'a nameless nationality'}` })
  } else if (/^[A-Z]{3}$/.test(code)) nationality = code
  else if (/^[A-Z]{2}$/.test(code)) {
    nationality = iso3FromIso2(code)
    if (!nationality) {
      const reason = `no ISO alpha-3 code known for ${code} (add it to data/importers/country-codes.ts)`
      errors.push({ line, column: 'ISO_3166-1', reason })
    }
  } else errors.push({ line, column: 'ISO_3166-1', reason: 'expected an ISO 3166-1 code such as BD or BGD' })
  const count = wholeCount(cells.Valore ?? '')
  if (count === null)
    errors.push({ line, column: 'Valore', reason: 'expected a whole number of people, 0 or more' })
  if (errors.length || !reportedOn || !nationality || count === null) return { errors }
  const duplicate = once(seen, `${reportedOn}|${nationality}`, line, 'Data_Report and nationality')
  if (duplicate) return { errors: [duplicate] }
  return {
    row: {
      counts: [
        {
          ...ITALY,
          measure: 'sea_arrivals',
          period: 'year_to_date',
          periodStart: `${reportedOn.slice(0, 4)}-01-01`,
          periodEnd: reportedOn,
          nationality,
          borderType: null,
          reception: null,
          count,
          reportedOn,
          notes: null,
        },
      ],
    },
  }
}

/** People in reception in one region on a report's date, one figure per kind given (blank: not given). */
const reception: LineParser = (cells, line, seen) => {
  const errors: RowError[] = []
  const reportedOn = reportDate(cells, line, errors)
  const byName = regionByName(cells.Regione ?? '')
  if (!byName)
    errors.push({ line, column: 'Regione', reason: `${cells.Regione || '(empty)'} is not an Italian region` })
  const istat = cells.CodiceRegione
  if (istat && byName && regionByIstat(istat) !== byName) {
    const reason = `${istat} is not the ISTAT code of ${byName.name} (${byName.istat})`
    errors.push({ line, column: 'CodiceRegione', reason })
  }
  const figures: [Exclude<ReportedRow['reception'], null>, number][] = []
  for (const [column, kind] of RECEPTION_COLUMNS) {
    const text = cells[column]
    if (!text) continue
    const n = wholeCount(text)
    if (n === null) errors.push({ line, column, reason: 'expected a whole number of people, 0 or more' })
    else figures.push([kind, n])
  }
  if (errors.length || !reportedOn || !byName) return { errors }
  const duplicate = once(seen, `${reportedOn}|${byName.iso}`, line, 'Data_Report and Regione')
  if (duplicate) return { errors: [duplicate] }
  const counts: ReportedRow[] = figures.map(([kind, count]) => ({
    measure: 'people_in_reception',
    scopeKind: 'region',
    scopeCode: byName.iso,
    scopeName: byName.name,
    country: 'IT',
    areaId: byName.areaId ?? null,
    period: 'on_date',
    periodStart: reportedOn,
    periodEnd: reportedOn,
    nationality: null,
    borderType: null,
    reception: kind,
    count,
    reportedOn,
    notes: null,
  }))
  return { row: { counts } }
}

/** One report: its date and the URL of its PDF. */
const reports: LineParser = (cells, line, seen) => {
  const errors: RowError[] = []
  const reportedOn = reportDate(cells, line, errors)
  const url = cells.URL ?? ''
  if (!/^https?:\/\/\S+$/.test(url)) errors.push({ line, column: 'URL', reason: 'expected an http(s) URL' })
  if (errors.length || !reportedOn) return { errors }
  const duplicate = once(seen, reportedOn, line, 'Data_Report')
  if (duplicate) return { errors: [duplicate] }
  return { row: { counts: [], report: { reportedOn, url } } }
}

const PARSERS: Record<ItalyLayout, LineParser> = { arrivals, nationalities, reception, reports }

/** Upserts a report list on (source, date): a changed URL is updated, an equal one left alone. */
async function upsertReports(
  tx: Tx,
  sourceId: string,
  reports: { reportedOn: string; url: string }[],
): Promise<LoadResult> {
  if (!reports.length) return { inserted: 0, updated: 0, unchanged: 0 }
  const [result] = await txRows<{ inserted: number; updated: number }>(
    tx,
    sql`WITH written AS (
      INSERT INTO source_reports AS s (source_id, reported_on, url)
      SELECT ${sourceId}, reported_on, url
      FROM unnest(${pgArray(reports.map((r) => r.reportedOn))}::date[], ${pgArray(reports.map((r) => r.url))}::text[])
           AS t(reported_on, url)
      ON CONFLICT (source_id, reported_on) DO UPDATE SET url = excluded.url WHERE s.url IS DISTINCT FROM excluded.url
      RETURNING (xmax = 0) AS inserted
    )
    SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated
    FROM written`,
  )
  const inserted = result?.inserted ?? 0
  const updated = result?.updated ?? 0
  return { inserted, updated, unchanged: reports.length - inserted - updated }
}

/** Files under `viminale-cruscotto`, or the `sources` row `--source` names (created as the Ministry's when missing). */
export async function loadItaly(tx: Tx, rows: ItalyRow[], context?: ImportContext): Promise<LoadResult> {
  const sourceId = context?.source ?? ITALY_SOURCE.id
  await ensureSource(tx, { ...ITALY_SOURCE, id: sourceId })
  const counts = await upsertReported(
    tx,
    sourceId,
    rows.flatMap((r) => r.counts),
  )
  const reportRows = rows.flatMap((r) => (r.report ? [r.report] : []))
  const listed = await upsertReports(tx, sourceId, reportRows)
  return {
    inserted: counts.inserted + listed.inserted,
    updated: counts.updated + listed.updated,
    unchanged: counts.unchanged + listed.unchanged,
  }
}

export const italy: Importer<ItalyRow> = {
  format: 'italy',
  description:
    "Italy's Ministry of the Interior via Liberiamoli tutti!: daily sea arrivals, nationalities, reception, reports (CSV)",
  parse: parseItaly,
  load: loadItaly,
  // A day is repeated in several reports and the latest wins: the whole file is one batch, so the report
  // counts each figure once (inserted, updated or unchanged), not once per report that repeats it.
  batchSize: Number.POSITIVE_INFINITY,
}
