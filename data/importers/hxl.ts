// The `hxl` importer: HXL-tagged CSV as published on HDX, its columns found by hashtag. Displacement
// figures per admin-1 P-code become displacement_counts; the OCHA P-code list sets admin_areas.pcode.
// What is kept, summed or rejected, and why: docs/import.md.
import type { Readable } from 'node:stream'
import { iso2FromIso3, iso3FromIso2, ROUTE_COUNTRIES } from './country-codes.ts'
import { readCsv } from './csv.ts'
import { HXL_SOURCES, loadHxl } from './hxl-load.ts'
import { findColumn, findFirst, hashtagRow, type Pattern, show, type Tag } from './hxl-tags.ts'
import type { Importer, Parsed, RowError } from './types.ts'

export { HXL_SOURCES, loadHxl, looseName } from './hxl-load.ts'

/** The figures of one admin-1 area on one date: the file's lines for it, summed over reasons. */
export interface DisplacementRow {
  kind: 'displacement'
  /** IOM DTM when the file has DTM's hashtags; null when the file does not say (then --source must). */
  sourceId: string | null
  /** The P-code as written, and the same code with the other country prefix (TD07 ↔ TCD07). */
  pcodes: string[]
  date: string
  internallyDisplaced: number | null
  returnees: number | null
  peopleInSites: number | null
  lines: number[]
}

/** One admin-1 entry of the OCHA P-code list. */
export interface PcodeRow {
  kind: 'pcode'
  country: string
  pcode: string
  name: string
}

export type HxlRow = DisplacementRow | PcodeRow

const P = {
  adm1Code: { tag: 'adm1', with: ['code'], without: ['origin', 'dest', 'parent'] },
  adm2Code: { tag: 'adm2', with: ['code'], without: ['origin', 'dest', 'parent'] },
  idps: { tag: 'affected', with: ['idps'], only: ['ind', 'total'] },
  returnees: { tag: 'affected', with: ['returnees'], only: ['ind', 'total'] },
  assessment: { tag: 'assessment', with: ['type'] },
  reason: { tag: 'cause', with: ['type'] },
  country: { tag: 'country', with: ['code'], without: ['origin', 'dest'] },
  admCode: { tag: 'adm', with: ['code'], without: ['parent', 'origin', 'dest'] },
  admName: { tag: 'adm', with: ['name'], without: ['parent', 'origin', 'dest'] },
} satisfies Record<string, Pattern>
const DATES: Pattern[] = [
  { tag: 'date', with: ['reported'], without: ['year', 'month'] },
  { tag: 'date', without: ['year', 'month', 'start', 'end'] },
]
const LEVELS: Pattern[] = [
  { tag: 'adm', with: ['level'] },
  { tag: 'geo', with: ['admin_level'] },
]

type Kind =
  | { kind: 'displacement'; sourceId: string | null; columns: Record<string, number> }
  | { kind: 'pcode'; columns: Record<string, number> }

/** Streams the file: rows, or errors naming line, hashtag and reason. Displacement rows come at the end. */
export async function* parseHxl(input: Readable): AsyncGenerator<Parsed<HxlRow>> {
  let tags: (Tag | null)[] | null = null
  let kind: Kind | undefined
  let headerLines = 0
  const groups = new Groups()
  for await (const { line, fields, raw } of readCsv(input)) {
    if (!tags) {
      tags = hashtagRow(fields)
      if (!tags) {
        if (++headerLines >= 25) {
          yield fileError(line, 'no HXL hashtag row (like #adm1+code,#date,…) in the first 25 rows')
          return
        }
        continue
      }
      const found = detect(tags)
      if ('error' in found) {
        yield fileError(line, found.error)
        return
      }
      kind = found
      continue
    }
    const cells = (column: number) => (column >= 0 ? (fields[column] ?? '').trim() : '')
    const name = (column: number) => tagName(tags?.[column])
    if (kind?.kind === 'pcode') yield pcodeRow(line, cells, name, kind.columns, raw)
    else if (kind) {
      const errors = groups.add(line, cells, name, kind.columns)
      if (errors.length) yield { line, errors, raw }
    }
  }
  if (!tags) {
    yield fileError(1, 'no HXL hashtag row (like #adm1+code,#date,…): is this an HXL file?')
    return
  }
  if (kind?.kind === 'displacement') yield* groups.finish(kind.sourceId)
}

function fileError(line: number, reason: string): Parsed<HxlRow> {
  return { line, errors: [{ line, column: 'hashtags', reason }] }
}

function tagName(tag: Tag | null | undefined): string {
  return tag ? `#${tag.tag}${[...tag.attributes].map((a) => `+${a}`).join('')}` : 'row'
}

function detect(tags: (Tag | null)[]): Kind | { error: string } {
  const at = (pattern: Pattern) => findColumn(tags, pattern)
  const date = findFirst(tags, DATES)
  const level = findFirst(tags, LEVELS)
  if (at(P.adm1Code) >= 0 && at(P.idps) >= 0 && date >= 0) {
    const dtm = tags.some((t) => t && ['operation', 'round', 'assessment'].includes(t.tag))
    return {
      kind: 'displacement',
      sourceId: dtm ? HXL_SOURCES.dtm.id : null,
      columns: {
        pcode: at(P.adm1Code),
        adm2: at(P.adm2Code),
        idps: at(P.idps),
        returnees: at(P.returnees),
        assessment: at(P.assessment),
        reason: at(P.reason),
        country: at(P.country),
        date,
        level,
      },
    }
  }
  if (at(P.admCode) >= 0 && at(P.admName) >= 0 && at(P.country) >= 0 && level >= 0) {
    return {
      kind: 'pcode',
      columns: { pcode: at(P.admCode), name: at(P.admName), country: at(P.country), level },
    }
  }
  return {
    error:
      `no hashtags this importer knows: displacement needs ${show(P.adm1Code)}, #date and ${show(P.idps)}; ` +
      `a P-code list needs #country+code, ${show(P.admCode)}, ${show(P.admName)} and #adm+level or #geo+admin_level`,
  }
}

type Cells = (column: number) => string
type Names = (column: number) => string

/** ISO2 of a country cell (ISO3 as HDX writes it, or ISO2); error text when not a route country. */
function routeCountry(code: string): { iso2: string } | { error: string } {
  const iso2 = code.length === 3 ? iso2FromIso3(code) : code.toUpperCase()
  if (iso2 && (ROUTE_COUNTRIES as readonly string[]).includes(iso2)) return { iso2 }
  return {
    error: `${code || 'no country'}: not a country of the route (Crosswatch holds admin areas of ${ROUTE_COUNTRIES.join(', ')})`,
  }
}

function level(text: string): string | null {
  if (!text || text === '1') return null
  return `admin level ${text}: Crosswatch keeps admin-1 areas only`
}

function pcodeRow(
  line: number,
  cells: Cells,
  name: Names,
  c: Record<string, number>,
  raw: string,
): Parsed<HxlRow> {
  const errors: RowError[] = []
  const fail = (column: number, reason: string) => errors.push({ line, column: name(column), reason })
  // A row of another level or country is refused for that reason alone.
  const levelError = cells(c.level as number) ? level(cells(c.level as number)) : 'no admin level'
  if (levelError)
    return { line, errors: [{ line, column: name(c.level as number), reason: levelError }], raw }
  const country = routeCountry(cells(c.country as number))
  if ('error' in country)
    return { line, errors: [{ line, column: name(c.country as number), reason: country.error }], raw }
  const pcode = cells(c.pcode as number).toUpperCase()
  if (!/^[A-Z]{2,3}\d+$/.test(pcode)) fail(c.pcode as number, `"${pcode}" is not a P-code like ML01`)
  const areaName = cells(c.name as number)
  if (!areaName) fail(c.name as number, 'is empty')
  if (errors.length) return { line, errors, raw }
  return { line, raw, row: { kind: 'pcode', country: country.iso2, pcode, name: areaName } }
}

/** The P-code as written and with its country prefix in the other form: DTM's TD07 is OCHA's TCD07. */
export function pcodeForms(pcode: string): string[] {
  const iso3 = /^([A-Z]{3})(\d.*)$/.exec(pcode)
  if (iso3) {
    const iso2 = iso2FromIso3(iso3[1] as string)
    return iso2 ? [pcode, iso2 + iso3[2]] : [pcode]
  }
  const iso2 = /^([A-Z]{2})(\d.*)$/.exec(pcode)
  const long = iso2 ? iso3FromIso2(iso2[1] as string) : null
  return long && iso2 ? [pcode, long + iso2[2]] : [pcode]
}

const has = (column: number | undefined): column is number => column !== undefined && column >= 0

/** The country letters a P-code starts with: TCD of TCD07, TD of TD07. */
function countryPrefix(pcode: string): string {
  return (/^[A-Z]{3}(?=\d)/.exec(pcode) ?? /^[A-Z]{2}/.exec(pcode))?.[0] ?? ''
}

/**
 * Why a row is not an admin-1 figure of a route country, when it is not: then that is its only
 * error, since nothing else about the row matters here.
 */
function outOfScope(
  cells: Cells,
  c: Record<string, number>,
  pcode: string,
): { column: number; reason: string } | null {
  const levelError = has(c.level) ? level(cells(c.level)) : null
  if (levelError) return { column: c.level as number, reason: levelError }
  if (has(c.adm2) && cells(c.adm2)) {
    return { column: c.adm2, reason: 'an admin-2 figure: Crosswatch keeps admin-1 areas only' }
  }
  const code = has(c.country) ? cells(c.country) : countryPrefix(pcode)
  const country = code ? routeCountry(code) : null
  if (!country || !('error' in country)) return null
  return { column: has(c.country) ? c.country : (c.pcode as number), reason: country.error }
}

interface Group {
  pcode: string
  date: string
  lines: number[]
  parts: Map<string, number>
  idps: number | null
  inSites: number | null
  returnees: number | null
  bad: number | null
}

/** Displacement lines by area and date: a figure split by reason is summed, a repeated line refused. */
class Groups {
  groups = new Map<string, Group>()

  add(line: number, cells: Cells, name: Names, c: Record<string, number>): RowError[] {
    const errors: RowError[] = []
    const fail = (column: number, reason: string) => errors.push({ line, column: name(column), reason })
    const pcode = cells(c.pcode as number).toUpperCase()
    const scope = outOfScope(cells, c, pcode)
    if (scope) return [{ line, column: name(scope.column), reason: scope.reason }]
    if (!pcode) fail(c.pcode as number, 'no P-code')
    else if (!/^[A-Z]{2,3}\d+$/.test(pcode)) fail(c.pcode as number, `"${pcode}" is not a P-code like TD07`)
    const date = dateOf(cells(c.date as number))
    if ('error' in date) fail(c.date as number, date.error)
    const assessment = has(c.assessment) ? cells(c.assessment).toUpperCase() : ''
    if (assessment && assessment !== 'BA' && assessment !== 'SA') {
      fail(c.assessment as number, `"${assessment}": expected BA (baseline) or SA (site assessment)`)
    }
    const idps = figure(cells(c.idps as number), true)
    if (typeof idps === 'string') fail(c.idps as number, idps)
    const returnees = has(c.returnees) ? figure(cells(c.returnees), false) : null
    if (typeof returnees === 'string') fail(c.returnees as number, returnees)
    if (!pcode || 'error' in date) return errors

    const key = `${pcode}|${date.date}`
    const group = this.groups.get(key) ?? this.newGroup(key, pcode, date.date)
    if (errors.length) {
      group.bad ??= line
      return errors
    }
    const part = `${assessment}|${has(c.reason) ? cells(c.reason) : ''}`
    const earlier = group.parts.get(part)
    if (earlier !== undefined) {
      group.bad ??= line
      return [
        {
          line,
          column: name(c.idps as number),
          reason: `repeats line ${earlier} (same area, date, assessment and reason)`,
        },
      ]
    }
    group.parts.set(part, line)
    group.lines.push(line)
    const add = (a: number | null, b: number | null) => (b === null ? a : (a ?? 0) + b)
    if (assessment === 'SA') group.inSites = add(group.inSites, idps as number)
    else group.idps = add(group.idps, idps as number)
    group.returnees = add(group.returnees, returnees as number | null)
    return []
  }

  private newGroup(key: string, pcode: string, date: string): Group {
    const group: Group = {
      pcode,
      date,
      lines: [],
      parts: new Map(),
      idps: null,
      inSites: null,
      returnees: null,
      bad: null,
    }
    this.groups.set(key, group)
    return group
  }

  *finish(sourceId: string | null): Generator<Parsed<HxlRow>> {
    for (const g of this.groups.values()) {
      const [first] = g.lines
      if (first === undefined) continue
      if (g.bad !== null) {
        const reason = `not loaded: line ${g.bad} of the same area and date is invalid, and the sum would be short`
        for (const line of g.lines) yield { line, errors: [{ line, column: 'row', reason }] }
        continue
      }
      yield {
        line: first,
        row: {
          kind: 'displacement',
          sourceId,
          pcodes: pcodeForms(g.pcode),
          date: g.date,
          internallyDisplaced: g.idps,
          returnees: g.returnees,
          peopleInSites: g.inSites,
          lines: g.lines,
        },
      }
    }
  }
}

function dateOf(text: string): { date: string } | { error: string } {
  if (!text) return { error: 'no date' }
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text)
  const date = match?.[1]
  if (!date || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
    return { error: `"${text}": expected a date like 2024-06-30` }
  }
  return { date }
}

function figure(text: string, required: boolean): number | null | string {
  if (!text) return required ? 'no figure' : null
  if (/^\d+$/.test(text)) return Number(text)
  if (/^\d{1,3}(,\d{3})+$/.test(text)) return Number(text.replace(/,/g, ''))
  return `"${text}" is not a count of people (a whole number, 0 or more)`
}

export const hxl: Importer<HxlRow> = {
  format: 'hxl',
  description:
    'HXL-tagged CSV from HDX: admin-1 displacement figures (#adm1+code, #date, #affected+idps) or the OCHA P-code list',
  parse: parseHxl,
  load: loadHxl,
  batchSize: 1000,
}
