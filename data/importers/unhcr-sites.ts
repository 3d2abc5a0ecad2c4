// The `unhcr-sites` importer: UNHCR FICSS displacement locations (refugee camps, IDP sites…, as published
// by Zhou & Shaver 2021) → resources, upserted on UNHCR's own pcode. Streams the CSV; every bad cell is
// named by line and column, and rows of countries off the route are refused with that reason.
import type { Readable } from 'node:stream'
import type { Tx } from '../../db/client.ts'
import { resources } from '../../db/schema.ts'
import { upsertSource } from '../../db/sources.ts'
import { upsertRows } from '../../db/upsert.ts'
import { iso2FromIso3, ROUTE_COUNTRIES } from './country-codes.ts'
import { readCsv } from './csv.ts'
import type { Importer, LoadResult, Parsed, RowError } from './types.ts'

type Kind = (typeof resources.kind.enumValues)[number]

export interface UnhcrSiteRow {
  pcode: string
  name: string
  kind: Kind
  country: string
  lon: number
  lat: number
  status: 'open' | 'closed'
  closedOn: string | null
  notes: string
}

const UNHCR_SITES_SOURCE = {
  id: 'unhcr-ficss-locations',
  name: 'UNHCR displacement locations (FICSS, as of 2020-01-06), validated by Zhou & Shaver (2021)',
  publisher:
    'UNHCR Field Information and Coordination Support Section (FICSS); published by Yang-Yang Zhou and Andrew Shaver',
  licence:
    'No licence stated; the authors ask users to cite Zhou & Shaver (2021) and to acknowledge UNHCR ODSS/FICSS',
  url: 'https://github.com/global-displacement-locations/displacement_locations_unhcr',
  retrievedAt: new Date('2021-07-28T00:00:00Z'),
  modelled: false,
  calibratedOn: null,
  citation:
    'Zhou, Y.-Y. and Shaver, A. (2021), "Reexamining the Effect of Refugees on Civil Conflict: A Global Subnational ' +
    'Analysis", American Political Science Review 115(4), doi:10.1017/S0003055421000502. Data: UNHCR ODSS/FICSS.',
  notes:
    'displacement_locations_unhcr.csv at commit 4ecba8bf3325413349b29b674199d2f11d75c5ff. Capacity and ' +
    'occupancy are not in the data and stay unknown.',
}

/** UNHCR's location type → resource kind. Camps and settlements are camps, whoever lives there. */
const KINDS: Record<string, Kind> = {
  'Refugee Camp': 'camp',
  'IDP Camp': 'camp',
  'Returnee Camp': 'camp',
  'Refugee Settlement': 'camp',
  'IDP Settlement': 'camp',
  'Returnee Settlement': 'camp',
  'Asylum Seeker Settlement': 'camp',
  'Refugee Center': 'reception_centre',
  'Asylum Seeker Centre': 'reception_centre',
  'Refugee Accomodation': 'reception_centre',
  'Asylum Seeker Accomodation': 'reception_centre',
  'IDP Center': 'idp_site',
  'IDP Accomodation': 'idp_site',
  'IDP Location': 'idp_site',
  'IDP Urban location': 'idp_site',
  'IDP Dispersed': 'idp_site',
  'Refugee Location': 'refugee_site',
  'Refugee Urban location': 'refugee_site',
  'Refugee Dispersed': 'refugee_site',
  'Asylum Seeker Location': 'refugee_site',
  'Returnee Location': 'returnee_site',
  'Returnee Center': 'returnee_site',
  'Returnee Accomodation': 'returnee_site',
}

const COLUMNS = [
  'pcode',
  'Country',
  'name',
  'name_alt',
  'loc_type',
  'loc_subtype',
  'createdate',
  'closedate',
  'updatedate',
  'source',
  'unhcr_assist',
  'status',
  'POINT_X',
  'POINT_Y',
  'type',
] as const
type Column = (typeof COLUMNS)[number]

const isNa = (v: string) => v === '' || v === 'NA' || v === 'N/A'

/**
 * `m/d/yy` or an ISO date(-time) → YYYY-MM-DD. Two-digit years above 21 are 19yy: the data is as of
 * 2020, and its oldest sites date from the 1960s.
 */
export function unhcrDate(value: string): { date: string | null } | { error: string } {
  if (isNa(value)) return { date: null }
  let y: number
  let m: number
  let d: number
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{2})$/.exec(value)
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)?$/.exec(value)
  if (us) {
    const yy = Number(us[3])
    ;[y, m, d] = [yy > 21 ? 1900 + yy : 2000 + yy, Number(us[1]), Number(us[2])]
  } else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])]
  else return { error: `"${value}": expected a date such as 11/1/19 or 2001-01-31T00:00:00Z` }
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return { error: `"${value}" is not a date` }
  return { date: date.toISOString().slice(0, 10) }
}

/** Streams the file into resource rows; every bad cell is named by line and column. */
export async function* parseUnhcrSites(input: Readable): AsyncGenerator<Parsed<UnhcrSiteRow>> {
  let index: Map<string, number> | undefined
  const seen = new Map<string, number>()
  for await (const { line, fields, raw } of readCsv(input)) {
    if (!index) {
      index = new Map(fields.map((f, i) => [f.trim(), i]))
      const missing = COLUMNS.filter((c) => !index?.has(c))
      if (missing.length) {
        const reason = 'column missing: not the UNHCR displacement-locations file'
        yield { line, errors: missing.map((column) => ({ line, column, reason })), raw }
        return
      }
      continue
    }
    if (fields.length !== index.size) {
      const reason = `has ${fields.length} fields where the header has ${index.size}`
      yield { line, errors: [{ line, column: 'row', reason }], raw }
      continue
    }
    const at = index
    const get = (c: Column) => (fields[at.get(c) as number] ?? '').trim()
    const result = toRow(line, get, seen)
    yield 'errors' in result ? { line, errors: result.errors, raw } : { line, row: result.row, raw }
  }
  if (!index) yield { line: 1, errors: [{ line: 1, column: 'file', reason: 'the file is empty' }] }
}

function toRow(
  line: number,
  get: (c: Column) => string,
  seen: Map<string, number>,
): { row: UnhcrSiteRow } | { errors: RowError[] } {
  const errors: RowError[] = []
  const fail = (column: Column, reason: string) => errors.push({ line, column, reason })

  const pcode = get('pcode')
  const country = /^[A-Z]{3}[sS]\d{6}$/.test(pcode) ? iso2FromIso3(pcode.slice(0, 3)) : null
  if (!/^[A-Z]{3}[sS]\d{6}$/.test(pcode))
    fail('pcode', `"${pcode}": expected a UNHCR pcode such as NERs000123`)
  else if (!country || !(ROUTE_COUNTRIES as readonly string[]).includes(country)) {
    fail(
      'Country',
      `${get('Country') || pcode.slice(0, 3)}: not a country of the route (Crosswatch holds ${ROUTE_COUNTRIES.join(', ')})`,
    )
  }
  const name = get('name')
  if (isNa(name)) fail('name', 'is empty')

  const locType = get('loc_type')
  const popType = get('type')
  const kind = KINDS[locType]
  if (locType === 'Archived data - disregard')
    fail('loc_type', 'UNHCR marks the record "Archived data - disregard"')
  else if (!kind) {
    fail(
      'loc_type',
      `"${locType}" (population type "${popType}"): no resource kind fits a location of unknown type`,
    )
  }

  const status = get('status')
  if (status !== '0' && status !== '1') fail('status', `"${status}": expected 1 (open) or 0 (closed)`)

  const coordinate = (column: 'POINT_X' | 'POINT_Y', limit: number) => {
    const v = get(column)
    if (isNa(v)) return fail(column, 'no coordinates (NA)')
    const n = Number(v)
    if (!Number.isFinite(n) || Math.abs(n) > limit)
      return fail(column, `"${v}": expected a number from -${limit} to ${limit}`)
    return n
  }
  const lon = coordinate('POINT_X', 180)
  const lat = coordinate('POINT_Y', 90)

  const dates: Partial<Record<'createdate' | 'closedate' | 'updatedate', string | null>> = {}
  for (const column of ['createdate', 'closedate', 'updatedate'] as const) {
    const d = unhcrDate(get(column))
    if ('error' in d) fail(column, d.error)
    else dates[column] = d.date
  }

  if (errors.length || !kind || lon === undefined || lat === undefined || !country) return { errors }
  const first = seen.get(pcode)
  if (first !== undefined) {
    return {
      errors: [
        {
          line,
          column: 'pcode',
          reason: `${pcode} again (first on line ${first}): which row is right is not known`,
        },
      ],
    }
  }
  seen.set(pcode, line)

  const alt = get('name_alt')
  const subtype = get('loc_subtype')
  const reporter = get('source')
  const assist = get('unhcr_assist')
  const notes = [
    `UNHCR location type: ${locType}${isNa(subtype) ? '' : ` (${subtype})`}; population: ${isNa(popType) ? 'not stated' : popType}`,
    !isNa(alt) && alt.length > 1 && alt !== name ? `Also called ${alt}` : null,
    dates.createdate ? `Recorded on ${dates.createdate}` : null,
    dates.updatedate ? `Updated on ${dates.updatedate}` : null,
    !isNa(reporter) && reporter !== '0' ? `Reported by ${reporter}` : null,
    assist === 'Yes' ? 'UNHCR assists' : assist === 'No' ? 'UNHCR does not assist' : null,
  ]
  return {
    row: {
      pcode,
      name,
      kind,
      country,
      lon,
      lat,
      status: status === '1' ? 'open' : 'closed',
      closedOn: dates.closedate ?? null,
      notes: `${notes.filter((n): n is string => n !== null).join('. ')}.`,
    },
  }
}

/** Upserts the sites on `unhcr-<pcode>`; capacity and occupancy are left alone (the source has none). */
async function loadUnhcrSites(tx: Tx, rows: UnhcrSiteRow[]): Promise<LoadResult> {
  if (!rows.length) return { inserted: 0, updated: 0, unchanged: 0 }
  return upsertRows(
    tx,
    resources,
    ['id'],
    rows.map((r) => ({
      id: `unhcr-${r.pcode.toLowerCase()}`,
      name: r.name,
      kind: r.kind,
      country: r.country,
      location: { type: 'Point', coordinates: [r.lon, r.lat] },
      status: r.status,
      closedOn: r.closedOn,
      sourceId: UNHCR_SITES_SOURCE.id,
      sourceRef: `UNHCR pcode ${r.pcode}`,
      notes: r.notes,
    })),
  )
}

export const unhcrSites: Importer<UnhcrSiteRow> = {
  format: 'unhcr-sites',
  description:
    'UNHCR displacement locations (camps, IDP and refugee sites; Zhou & Shaver 2021) → resources, route countries only',
  parse: parseUnhcrSites,
  async prepare(tx) {
    await upsertSource(tx, UNHCR_SITES_SOURCE)
  },
  load: loadUnhcrSites,
  batchSize: 1000,
}
