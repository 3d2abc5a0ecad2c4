// The `hxl` importer: HXL-tagged CSV as published on HDX, its columns found by hashtag. Displacement
// figures per admin-1 P-code become displacement_counts; the OCHA P-code list sets admin_areas.pcode.
// What is kept, summed or rejected, and why: docs/import.md.
import type { Readable } from 'node:stream'
import { readCsv } from './csv.ts'
import { type Cells, Groups, level, type Names, routeCountry } from './hxl-figures.ts'
import { HXL_SOURCES, type HxlRow, loadHxl } from './hxl-load.ts'
import { findColumn, findFirst, hashtagRow, type Pattern, show, type Tag } from './hxl-tags.ts'
import type { Importer, Parsed, RowError } from './types.ts'

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

export const hxl: Importer<HxlRow> = {
  format: 'hxl',
  description:
    'HXL-tagged CSV from HDX: admin-1 displacement figures (#adm1+code, #date, #affected+idps) or the OCHA P-code list',
  parse: parseHxl,
  load: loadHxl,
  batchSize: 1000,
}
