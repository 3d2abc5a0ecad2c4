// Loading HXL rows: displacement figures upserted per area and date, P-codes set on admin areas. Rows
// the database cannot place are refused (RowErrors) before anything is written.
import { sql } from 'drizzle-orm'
import type { Tx } from '../../db/client.ts'
import { txRows } from '../../db/rows.ts'
import { upsertSource } from '../../db/sources.ts'
import { countUpserted } from '../../db/upsert.ts'
import { looseName } from './names.ts'
import { type ImportContext, type LoadResult, RowErrors } from './types.ts'

/** The rows parseHxl gives (hxl.ts). The figures of one admin-1 area on one date: the file's lines for it, summed over reasons. */
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

export const HXL_SOURCES = {
  dtm: {
    id: 'iom-dtm-hdx',
    name: 'IOM Displacement Tracking Matrix (DTM), IDP figures by admin area (HDX)',
    publisher: 'International Organization for Migration (IOM), Displacement Tracking Matrix (DTM)',
    licence: 'IOM DTM terms on HDX: non-commercial use only, no redistribution, resale or derivative works',
    url: 'https://dtm.iom.int/',
    citation: 'Source: International Organization for Migration (IOM), Displacement Tracking Matrix (DTM)',
    notes:
      'Imported with `npm run import -- hxl`; never shipped in the repository. Lines split by displacement ' +
      'reason are summed per area and date; site assessments (SA) count people in sites.',
  },
  pcodes: {
    id: 'ocha-global-pcodes',
    name: 'OCHA global P-codes, admin levels 1–2 (HDX)',
    publisher: 'UN OCHA',
    licence: 'Not confirmed (HDX COD data is normally CC BY-IGO)',
    url: 'https://data.humdata.org/dataset/global-pcodes',
    citation: 'P-codes: OCHA (HDX global P-codes)',
    notes: 'Sets admin_areas.pcode for admin-1 areas matched by country and name.',
  },
} as const

/**
 * The source of displacement rows: `--source` when given, else IOM DTM for a file with DTM's
 * hashtags. A file that does not say who published it needs `--source`: every record says where it
 * comes from.
 */
async function displacementSource(tx: Tx, rows: DisplacementRow[], context?: ImportContext): Promise<string> {
  if (context?.source) {
    const [found] = await txRows<{ id: string }>(tx, sql`SELECT id FROM sources WHERE id = ${context.source}`)
    if (!found) throw new Error(`--source ${context.source}: no such row in sources`)
    return context.source
  }
  if (rows.some((r) => r.sourceId === null)) {
    throw new Error(
      'this HXL file does not say who published it (no DTM hashtags): pass --source <id> of a row in sources',
    )
  }
  await upsertSource(tx, HXL_SOURCES.dtm)
  return HXL_SOURCES.dtm.id
}

/** Upserts area-date figures. Rows whose P-code no admin area has are refused (RowErrors) before any write. */
async function loadDisplacement(
  tx: Tx,
  rows: DisplacementRow[],
  context?: ImportContext,
): Promise<LoadResult> {
  const codes = [...new Set(rows.flatMap((r) => r.pcodes))]
  const areas = await txRows<{ id: string; pcode: string }>(
    tx,
    sql`SELECT id, pcode FROM admin_areas WHERE pcode = ANY(${sql.param(codes)}::text[])`,
  )
  const byCode = new Map(areas.map((a) => [a.pcode, a.id]))
  const areaIds = rows.map((r) => r.pcodes.map((p) => byCode.get(p)).find(Boolean))
  const unknown = rows.flatMap((r, index) =>
    areaIds[index]
      ? []
      : [{ index, column: '#adm1+code', reason: `no admin area has P-code ${r.pcodes.join(' or ')}` }],
  )
  if (unknown.length) throw new RowErrors(unknown)
  const sourceId = await displacementSource(tx, rows, context)
  const records = rows.map((r, index) => ({
    area_id: areaIds[index],
    date: r.date,
    idps: r.internallyDisplaced,
    returnees: r.returnees,
    in_sites: r.peopleInSites,
  }))
  return countUpserted(
    tx,
    rows.length,
    sql`
      INSERT INTO displacement_counts AS d (area_id, date, internally_displaced, returnees, people_in_sites, source_id)
      SELECT r.area_id, r.date, r.idps, r.returnees, r.in_sites, ${sourceId}
      FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb)
        AS r(area_id text, date date, idps int, returnees int, in_sites int)
      ON CONFLICT (area_id, date, source_id) DO UPDATE SET internally_displaced = excluded.internally_displaced,
        returnees = excluded.returnees, people_in_sites = excluded.people_in_sites
      WHERE (d.internally_displaced, d.returnees, d.people_in_sites)
        IS DISTINCT FROM (excluded.internally_displaced, excluded.returnees, excluded.people_in_sites)
      RETURNING (xmax = 0) AS inserted`,
  )
}

/**
 * Sets the P-code of the admin-1 area of the same country and (loosely) the same name. A code some
 * area of the country holds already is unchanged; a code no area holds and no area by that name takes
 * (or two do) is refused (RowErrors) before any write.
 */
async function loadPcodes(tx: Tx, rows: PcodeRow[]): Promise<LoadResult> {
  const countries = [...new Set(rows.map((r) => r.country))]
  const areas = await txRows<{ id: string; name: string; country: string; pcode: string | null }>(
    tx,
    sql`
      SELECT id, name, country, pcode FROM admin_areas
      WHERE level = 1 AND country = ANY(${sql.param(countries)}::text[])`,
  )
  const held = new Set(areas.map((a) => a.pcode))
  const updates: { id: string; pcode: string }[] = []
  const problems: { index: number; column: string; reason: string }[] = []
  let unchanged = 0
  rows.forEach((row, index) => {
    if (held.has(row.pcode)) {
      unchanged++
      return
    }
    const named = areas.filter((a) => a.country === row.country && looseName(a.name) === looseName(row.name))
    const area = named[0]
    if (named.length !== 1 || !area) {
      const reason = named.length
        ? `${named.length} admin-1 areas of ${row.country} are named ${row.name}`
        : `no admin-1 area of ${row.country} is named ${row.name} and none has P-code ${row.pcode}`
      problems.push({ index, column: '#adm+name', reason })
    } else if (updates.some((u) => u.id === area.id)) {
      problems.push({ index, column: '#adm+code', reason: `${area.id} takes another P-code of this file` })
    } else updates.push({ id: area.id, pcode: row.pcode })
  })
  if (problems.length) throw new RowErrors(problems)
  await upsertSource(tx, HXL_SOURCES.pcodes)
  if (updates.length) {
    await tx.execute(sql`
      UPDATE admin_areas AS a SET pcode = u.pcode
      FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) AS u(id text, pcode text)
      WHERE a.id = u.id`)
  }
  return { inserted: 0, updated: updates.length, unchanged }
}

/** A file is one kind or the other, so a batch is too. */
export async function loadHxl(tx: Tx, rows: HxlRow[], context?: ImportContext): Promise<LoadResult> {
  if (!rows.length) return { inserted: 0, updated: 0, unchanged: 0 }
  if (rows[0]?.kind === 'pcode') return loadPcodes(tx, rows as PcodeRow[])
  return loadDisplacement(tx, rows as DisplacementRow[], context)
}
