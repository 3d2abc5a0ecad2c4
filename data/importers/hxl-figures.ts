// HXL cells read as admin-1 figures of the route: the country and level checks both kinds of file share,
// the two forms of a P-code, and displacement lines summed per area and date (a figure split by reason
// is summed, a repeated line refused).
import { iso2FromIso3, iso3FromIso2, ROUTE_COUNTRIES } from './country-codes.ts'
import type { HxlRow } from './hxl-load.ts'
import type { Parsed, RowError } from './types.ts'

export type Cells = (column: number) => string
export type Names = (column: number) => string

/** ISO2 of a country cell (ISO3 as HDX writes it, or ISO2); error text when not a route country. */
export function routeCountry(code: string): { iso2: string } | { error: string } {
  const iso2 = code.length === 3 ? iso2FromIso3(code) : code.toUpperCase()
  if (iso2 && (ROUTE_COUNTRIES as readonly string[]).includes(iso2)) return { iso2 }
  return {
    error: `${code || 'no country'}: not a country of the route (Crosswatch holds admin areas of ${ROUTE_COUNTRIES.join(', ')})`,
  }
}

export function level(text: string): string | null {
  if (!text || text === '1') return null
  return `admin level ${text}: Crosswatch keeps admin-1 areas only`
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
export class Groups {
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
