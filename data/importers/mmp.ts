// The `mmp` importer: IOM Missing Migrants Project records → incidents. Reads the HDX API JSON arrays, the
// IOM website export and giocopp's curated CSV (told apart by their first character and header), fixes
// coordinates giocopp's audit lists, and upserts on the record's own id. Rules: docs/import.md.
import { Readable } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import { severityOf } from '../../db/severity.ts'
import { readCsv } from './csv.ts'
import { readJsonArray } from './json-array.ts'
import { applyCoordAudit, type CoordAudit, coordAudit } from './mmp-coord-audit.ts'
import { columnsOf, detectCsvLayout, LAYOUTS, type MmpLayout } from './mmp-layouts.ts'
import { loadMmp, type MmpRow } from './mmp-load.ts'
import {
  cell,
  checkPlaceInCountry,
  coordinates,
  count,
  countryInText,
  countryOfName,
  decodeEntities,
  exportDate,
  firstUrl,
  isoDate,
  sourceQuality,
} from './mmp-values.ts'
import type { Importer, Parsed, RowError } from './types.ts'

/** Streams the file into incident rows; every bad cell is named by line and column. */
export async function* parseMmp(
  input: Readable,
  audit: CoordAudit = coordAudit(),
): AsyncGenerator<Parsed<MmpRow>> {
  const { first, chunks } = await peek(textChunks(input))
  if (first === null) {
    yield { line: 1, errors: [{ line: 1, column: 'file', reason: 'the file is empty' }] }
    return
  }
  const ids = new Ids()
  if (first === '[') {
    for await (const item of readJsonArray(chunks)) {
      if ('error' in item) {
        yield {
          line: item.line,
          errors: [{ line: item.line, column: `[${item.index}]`, reason: item.error }],
        }
        return
      }
      let value: unknown
      try {
        value = JSON.parse(item.text)
      } catch (error) {
        const reason = `not valid JSON: ${(error as Error).message}`
        yield {
          line: item.line,
          errors: [{ line: item.line, column: `[${item.index}]`, reason }],
          raw: item.text,
        }
        continue
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        const reason = 'expected an object of MMP fields'
        yield {
          line: item.line,
          errors: [{ line: item.line, column: `[${item.index}]`, reason }],
          raw: item.text,
        }
        continue
      }
      const record = value as Record<string, unknown>
      const get = (key: string) => decodeEntities(cell(record[key]))
      const missingKeys = columnsOf('hdx-json').filter((key) => !(key in record))
      if (missingKeys.length) {
        const errors = missingKeys.map((key) => ({
          line: item.line,
          column: `[${item.index}].${key}`,
          reason: 'missing: not an HDX API record of MMP',
        }))
        yield { line: item.line, errors, raw: item.text }
        continue
      }
      yield toRow('hdx-json', item.line, get, (key) => `[${item.index}].${key}`, ids, audit, item.text)
    }
    return
  }
  let header: string[] | undefined
  let layout: MmpLayout | undefined
  let aggregate: string | undefined
  const index = new Map<string, number>()
  for await (const record of readCsv(Readable.from(chunks))) {
    const { line, fields, raw } = record
    if (!header) {
      header = fields.map((f) => f.trim())
      const detected = detectCsvLayout(header)
      if ('unknown' in detected) {
        yield { line, errors: [{ line, column: 'header', reason: detected.unknown }], raw }
        return
      }
      if ('aggregate' in detected) {
        aggregate = detected.aggregate
        continue
      }
      layout = detected.layout
      header.forEach((name, i) => {
        if (!index.has(name)) index.set(name, i)
      })
      const missing = columnsOf(layout).filter((c) => !index.has(c))
      if (missing.length) {
        yield { line, errors: missing.map((column) => ({ line, column, reason: 'column missing' })), raw }
        return
      }
      continue
    }
    if (aggregate || !layout) {
      yield { line, errors: [{ line, column: 'row', reason: aggregate ?? 'no header' }], raw }
      continue
    }
    if (fields.length !== header.length) {
      const reason = `has ${fields.length} fields where the header has ${header.length}`
      yield { line, errors: [{ line, column: 'row', reason }], raw }
      continue
    }
    const get = (name: string) => cell(fields[index.get(name) ?? -1])
    yield toRow(layout, line, get, (name) => name, ids, audit, raw)
  }
  if (!header) yield { line: 1, errors: [{ line: 1, column: 'file', reason: 'the file is empty' }] }
}

/** External ids seen in this file, and how many parts each HDX Main ID has had so far. */
class Ids {
  lines = new Map<string, number>()
  parts = new Map<string, number>()
}

/**
 * The record's stable id in its source. HDX gives no Incident ID, so the parts of a split incident
 * are <Main ID>, <Main ID>/2, <Main ID>/3… in file order: the same file gives the same ids every
 * time, and a part added later by IOM gets a new id instead of renaming the first. The export has
 * one row per part with its Incident ID; giocopp merges the parts into one row whose Incident ID
 * lists them, and that row keeps the Main ID.
 */
function externalIdOf(layout: MmpLayout, mainId: string, incidentId: string, ids: Ids): string {
  if (layout === 'hdx-json') {
    const part = (ids.parts.get(mainId) ?? 0) + 1
    ids.parts.set(mainId, part)
    return part === 1 ? mainId : `${mainId}/${part}`
  }
  if (!incidentId || incidentId.includes(',')) return mainId
  return incidentId
}

function toRow(
  layout: MmpLayout,
  line: number,
  get: (column: string) => string,
  label: (column: string) => string,
  ids: Ids,
  audit: CoordAudit,
  raw: string,
): Parsed<MmpRow> {
  const c = LAYOUTS[layout]
  const errors: RowError[] = []
  const fail = (column: string, reason: string) => {
    errors.push({ line, column: label(column), reason })
  }

  const mainId = get(c.mainId)
  if (!mainId) fail(c.mainId, 'is empty')
  else if (!/^\d{4}\.MMP\d+$/.test(mainId))
    fail(c.mainId, `"${mainId}" is not an MMP Main ID like 2019.MMP00123`)
  // Numbered before any other check, so a part's id depends on its place in the file only.
  const incidentId = c.incidentId ? get(c.incidentId) : ''
  const externalId = errors.length ? '' : externalIdOf(layout, mainId, incidentId, ids)

  const date = layout === 'iom-export' ? exportDate(get(c.date)) : isoDate(get(c.date))
  if ('error' in date) fail(c.date, date.error)
  let precision: 'day' | 'month' = 'day'
  if (c.precision) {
    const stated = get(c.precision) || 'day'
    if (stated === 'day' || stated === 'month') precision = stated
    else fail(c.precision, `"${stated}": expected day or month`)
  }

  const point = coordinates(get, c.coordinates)
  if ('error' in point) fail(point.column, point.error)

  const counts = { dead: 0, missing: 0, survivors: 0, children: 0 }
  for (const key of ['dead', 'missing', 'survivors', 'children'] as const) {
    const value = count(get(c[key]))
    if (typeof value === 'string') fail(c[key], value)
    else counts[key] = value
  }

  const quality = sourceQuality(get(c.quality))
  if (quality === undefined) fail(c.quality, `"${get(c.quality)}": expected a source quality from 1 to 5`)

  const location = get(c.location)
  const country = c.country ? countryOfName(get(c.country)) : countryInText(location)
  let place: { lat: number; lon: number; note: string | null } | undefined
  if (!('error' in point) && mainId) {
    const audited = applyCoordAudit(audit, mainId, point.lat, point.lon)
    if ('error' in audited) fail(point.column, audited.error)
    else if (audited.lat === audited.lon && !Number.isInteger(audited.lat)) {
      // 19.33629237, 19.33629237 is a placeholder; 37, 37 is a coarse but honest placement.
      fail(point.column, `latitude equals longitude (${audited.lat}): placeholder coordinates`)
    } else {
      const checked = checkPlaceInCountry(country, audited.lat, audited.lon)
      place = { ...checked, note: [audited.note, checked.note].filter(Boolean).join('. ') || null }
    }
  }
  if (errors.length || 'error' in date || !place) return { line, errors, raw }

  const earlier = ids.lines.get(externalId)
  if (earlier !== undefined) {
    const column = c.incidentId && externalId === incidentId ? c.incidentId : c.mainId
    return {
      line,
      errors: [{ line, column: label(column), reason: `${externalId} again (first on line ${earlier})` }],
      raw,
    }
  }
  ids.lines.set(externalId, line)

  const part = externalId !== mainId ? `Part of split incident ${mainId}` : null
  const source = get(c.informationSource)
  const notes = [
    location || 'Location not described',
    part,
    source ? `Information source: ${source}` : null,
    quality ? `IOM source quality ${quality} of 5` : null,
    place.note,
  ]
  return {
    line,
    raw,
    row: {
      layout,
      externalId,
      mainId,
      occurredOn: precision === 'month' ? `${date.date.slice(0, 7)}-01` : date.date,
      precision,
      lat: place.lat,
      lon: place.lon,
      ...counts,
      cause: get(c.cause).replace(/_/g, ' ') || null,
      country,
      route: get(c.route) || null,
      description: `${notes
        .filter((n): n is string => !!n)
        .map((n) => n.replace(/[\s.]+$/, ''))
        .join('. ')}.`,
      sourceUrl: firstUrl(get(c.url)),
      severity: severityOf(counts.dead + counts.missing),
    },
  }
}

async function* textChunks(input: Readable): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8')
  for await (const chunk of input) yield typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer)
  const rest = decoder.end()
  if (rest) yield rest
}

/** The first character that is not blank, and the whole text again from the start. */
async function peek(
  text: AsyncGenerator<string>,
): Promise<{ first: string | null; chunks: AsyncGenerator<string> }> {
  const seen: string[] = []
  let first: string | null = null
  while (first === null) {
    const next = await text.next()
    if (next.done) break
    seen.push(next.value)
    first = /[^\s\ufeff]/.exec(next.value)?.[0] ?? null
  }
  async function* chunks() {
    yield* seen
    yield* text
  }
  return { first, chunks: chunks() }
}

export const mmp: Importer<MmpRow> = {
  format: 'mmp',
  description:
    'IOM Missing Migrants Project incidents: HDX API JSON, the IOM website export or giocopp’s curated CSV',
  parse: (input) => parseMmp(input),
  load: loadMmp,
  batchSize: 1000,
}
