// One line of each file of the Cruscotto statistico → figures: a day's landings, arrivals by declared
// nationality, people in reception by region, or a report's URL. Every bad cell is named; a key given
// twice is refused with the line that had it.
import { iso3FromIso2 } from './country-codes.ts'
import { regionByIstat, regionByName } from './italy-regions.ts'
import { isoDay, type ReportedRow, wholeCount } from './reported.ts'
import type { RowError } from './types.ts'

export type ItalyLayout = 'arrivals' | 'nationalities' | 'reception' | 'reports'

/** What a line gives: figures for reported_counts, a report's URL, or nothing (a placeholder day). */
export interface ItalyRow {
  counts: ReportedRow[]
  report?: { reportedOn: string; url: string }
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

export const PARSERS: Record<ItalyLayout, LineParser> = { arrivals, nationalities, reception, reports }
