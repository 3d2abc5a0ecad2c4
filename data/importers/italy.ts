// The `italy` importer: the Italian Ministry of the Interior's "Cruscotto statistico giornaliero" as
// extracted by Liberiamoli tutti! (docs/import.md#italy). Each file is recognised by its header: daily
// sea arrivals, year-to-date arrivals by nationality, people in reception by region, the list of reports
// (each line read by italy-lines.ts).
import type { Readable } from 'node:stream'
import { sql } from 'drizzle-orm'
import { arrayLiteral } from '../../db/arrays.ts'
import type { Tx } from '../../db/client.ts'
import { type SourceRecord, upsertSource } from '../../db/sources.ts'
import { countUpserted } from '../../db/upsert.ts'
import { readCsv } from './csv.ts'
import { type ItalyLayout, type ItalyRow, PARSERS } from './italy-lines.ts'
import { upsertReported } from './reported.ts'
import type { ImportContext, Importer, LoadResult, Parsed, RowError } from './types.ts'

export const ITALY_SOURCE: SourceRecord = {
  id: 'viminale-cruscotto',
  name: "Cruscotto statistico giornaliero, Ministero dell'Interno: sea arrivals, nationalities, reception (via Liberiamoli tutti!)",
  publisher:
    "Ministero dell'Interno (Dipartimento per le libertà civili e l'immigrazione; Dipartimento della Pubblica " +
    'Sicurezza); extracted from its PDFs by Liberiamoli tutti! (onData)',
  licence: 'CC BY 4.0',
  url: 'https://datibenecomune.substack.com/',
  retrievedAt: new Date('2026-08-22T00:00:00Z'),
  citation:
    "Fonte: Liberiamoli tutti! (https://datibenecomune.substack.com/), data of Italy's Ministry of the Interior",
  notes:
    'ondata/liberiamoli-tutti, sbarchi-migranti/dati, commit 04e6d28195bba97d728f11a056dcf9bac1a531f5 (data to ' +
    '2025-09-15). Twice-monthly PDF reports: daily landings (counted to 08:00 of the day), year-to-date ' +
    'arrivals by declared nationality, people in reception by region. Figures "suscettibili di successivo ' +
    'consolidamento" (provisional). source_reports lists each report PDF.',
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

/** Upserts a report list on (source, date): a changed URL is updated, an equal one left alone. */
async function upsertReports(
  tx: Tx,
  sourceId: string,
  reports: { reportedOn: string; url: string }[],
): Promise<LoadResult> {
  if (!reports.length) return { inserted: 0, updated: 0, unchanged: 0 }
  return countUpserted(
    tx,
    reports.length,
    sql`
    INSERT INTO source_reports AS s (source_id, reported_on, url)
    SELECT ${sourceId}, reported_on, url
    FROM unnest(${arrayLiteral(reports.map((r) => r.reportedOn))}::date[], ${arrayLiteral(reports.map((r) => r.url))}::text[])
         AS t(reported_on, url)
    ON CONFLICT (source_id, reported_on) DO UPDATE SET url = excluded.url WHERE s.url IS DISTINCT FROM excluded.url
    RETURNING (xmax = 0) AS inserted`,
  )
}

/** Files under `viminale-cruscotto`, or the `sources` row `--source` names (created as the Ministry's when missing). */
async function loadItaly(tx: Tx, rows: ItalyRow[], context?: ImportContext): Promise<LoadResult> {
  const sourceId = context?.source ?? ITALY_SOURCE.id
  await upsertSource(tx, { ...ITALY_SOURCE, id: sourceId }, 'none')
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
