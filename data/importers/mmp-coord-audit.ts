// giocopp's audit of wrong MMP coordinates (data/mmp/coord_audit_giocopp.csv, CC BY 4.0): which Main IDs
// have swapped, sign-flipped, placeholder or doubtful coordinates, and where they belong when known.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse/sync'

const COORD_AUDIT_CSV = fileURLToPath(new URL('../mmp/coord_audit_giocopp.csv', import.meta.url))

export interface CoordFix {
  /** The coordinates IOM publishes: a fix applies only while a record still has them. */
  from: [lat: number, lon: number]
  /** Where the record belongs; null when the audit found no usable place. */
  to: [lat: number, lon: number] | null
  fixType: string
  status: string
}

export type CoordAudit = Map<string, CoordFix>

let cached: CoordAudit | undefined

/** The shipped audit, read once. */
export function coordAudit(): CoordAudit {
  cached ??= parseCoordAudit(readFileSync(COORD_AUDIT_CSV, 'utf8'))
  return cached
}

export function parseCoordAudit(text: string): CoordAudit {
  const records = parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Record<
    string,
    string
  >[]
  const audit: CoordAudit = new Map()
  const number = (v: string | undefined) => (v && v !== 'NA' && Number.isFinite(Number(v)) ? Number(v) : null)
  for (const r of records) {
    const [lat, lon, mapLat, mapLon] = [r.orig_lat, r.orig_lon, r.map_lat, r.map_lon].map(number)
    if (!r.main_id || lat == null || lon == null) continue
    audit.set(r.main_id, {
      from: [lat, lon],
      to: mapLat == null || mapLon == null ? null : [mapLat, mapLon],
      fixType: r.fix_type ?? '',
      status: r.coord_status ?? '',
    })
  }
  return audit
}

export type Audited = { lat: number; lon: number; note: string | null } | { error: string }

const FIXES: Record<string, string> = {
  'lat-lon-swap': 'latitude and longitude swapped back',
  'lon-flip': 'sign of the longitude flipped',
  'lat-flip': 'sign of the latitude flipped',
}

/** Applies the audit's verdict on a record's coordinates, saying what was done. */
export function applyCoordAudit(audit: CoordAudit, mainId: string, lat: number, lon: number): Audited {
  const fix = audit.get(mainId)
  const same = (a: number, b: number) => Math.abs(a - b) < 1e-5
  if (!fix || !same(fix.from[0], lat) || !same(fix.from[1], lon)) return { lat, lon, note: null }
  if (!fix.to) {
    return {
      error: `coordinates ${lat}, ${lon} are unusable (${fix.fixType}: ${fix.status}, per giocopp's coordinate audit) and the true place is not known`,
    }
  }
  if (same(fix.to[0], lat) && same(fix.to[1], lon)) {
    return {
      lat,
      lon,
      note: "Coordinates doubtful: flagged by giocopp's coordinate audit, shown where IOM places them",
    }
  }
  const what = FIXES[fix.fixType] ?? fix.fixType
  return {
    lat: fix.to[0],
    lon: fix.to[1],
    note: `Coordinates corrected (${what}) per giocopp's coordinate audit; IOM gives ${lat}, ${lon}`,
  }
}
