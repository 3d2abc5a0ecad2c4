// Loading MMP rows: the `sources` row of each layout, and the upsert of incidents on (source, external
// id) that leaves unchanged rows alone.
import { sql } from 'drizzle-orm'
import type { Tx } from '../../db/client.ts'
import { type SourceRecord, upsertSource } from '../../db/sources.ts'
import { countUpserted } from '../../db/upsert.ts'
import type { Severity } from '../../db/vocabulary.ts'
import type { MmpLayout } from './mmp-layouts.ts'
import type { LoadResult } from './types.ts'

/** An incident as parseMmp (mmp.ts) gives it. */
export interface MmpRow {
  layout: MmpLayout
  /** Main ID, or Incident ID for one part of a split incident; see `externalIdOf`. */
  externalId: string
  mainId: string
  /** YYYY-MM-DD (the first of the month when `precision` is `month`). */
  occurredOn: string
  precision: 'day' | 'month'
  lat: number
  lon: number
  dead: number
  missing: number
  survivors: number
  children: number
  cause: string | null
  country: string | null
  route: string | null
  description: string
  sourceUrl: string | null
  severity: Severity
}

const MMP = 'International Organization for Migration (IOM), Missing Migrants Project'
const CITATION = 'Source: IOM Missing Migrants Project'

/** One `sources` row per layout: each says which copy of MMP a record came through. */
export const MMP_SOURCES: Record<MmpLayout, SourceRecord> = {
  'hdx-json': {
    id: 'iom-mmp-hdx',
    name: 'IOM Missing Migrants Project, incident records (HDX API)',
    publisher: MMP,
    licence: 'CC BY-IGO 3.0',
    url: 'https://missingmigrants.iom.int/',
    retrievedAt: new Date('2025-09-15T00:00:00Z'),
    citation: CITATION,
    notes:
      'The missingmigrants.iom.int global-figures API as served to HDX, by year (2014–2024 captured about ' +
      '2024-08-02, 2025 about 2025-09-15), from OCHA-DAP/hdx-scraper-iom-missingmigrants. Split incidents ' +
      'share a Main ID: parts after the first are <Main ID>/2, /3… in file order.',
  },
  giocopp: {
    id: 'iom-mmp-giocopp',
    name: 'IOM Missing Migrants Project, Europe-bound routes (curated by Giorgio Coppola)',
    publisher: `${MMP}; curated by Giorgio Coppola (giocopp/Missing-Migrants-Count)`,
    licence: 'CC BY 4.0 (curation, giocopp); the records: CC BY-IGO 3.0 (IOM)',
    url: 'https://github.com/giocopp/Missing-Migrants-Count',
    retrievedAt: new Date('2026-06-08T00:00:00Z'),
    citation: `${CITATION}; curated by Giorgio Coppola`,
    notes:
      'An MMP extract of about 2026-05-06 kept to Europe-bound routes with coordinates (data/raw/iom_europe.csv). ' +
      'Split incidents are one row whose Incident ID lists the parts.',
  },
  'iom-export': {
    id: 'iom-mmp-export',
    name: 'IOM Missing Migrants Project, website export',
    publisher: MMP,
    licence: 'CC BY-IGO 3.0 (IOM); this copy from giocopp/Missing-Migrants-Count, CC BY 4.0',
    url: 'https://missingmigrants.iom.int/downloads',
    retrievedAt: new Date('2026-05-06T00:00:00Z'),
    citation: CITATION,
    notes:
      'The download of missingmigrants.iom.int for 2026 to early May (MissingMigrants-Global-2026-05-06).',
  },
}

/**
 * Upserts a batch on (source, external id). An unchanged row is not rewritten; verification is set
 * on insert only, so a coordinator's verdict (e.g. `duplicate`) survives a re-import.
 */
export async function loadMmp(tx: Tx, rows: MmpRow[]): Promise<LoadResult> {
  if (!rows.length) return { inserted: 0, updated: 0, unchanged: 0 }
  for (const layout of new Set(rows.map((r) => r.layout))) await upsertSource(tx, MMP_SOURCES[layout])
  const records = rows.map((r) => ({
    source_id: MMP_SOURCES[r.layout].id,
    external_id: r.externalId,
    lon: r.lon,
    lat: r.lat,
    occurred_on: r.occurredOn,
    precision: r.precision,
    severity: r.severity,
    dead: r.dead,
    missing: r.missing,
    survivors: r.survivors,
    children: r.children,
    cause: r.cause,
    country: r.country,
    route: r.route,
    description: r.description,
    source_url: r.sourceUrl,
  }))
  return countUpserted(
    tx,
    rows.length,
    sql`
    INSERT INTO incidents AS i (location, occurred_at, occurred_precision, reported_at, type, severity, dead,
      missing, injured, survivors, children, cause, country, route, description, verification, source_id,
      external_id, source_url)
    SELECT ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326), r.occurred_on::timestamp AT TIME ZONE 'UTC',
      r.precision, r.occurred_on::timestamp AT TIME ZONE 'UTC', 'death_or_disappearance'::incident_type,
      r.severity::severity, r.dead, r.missing, 0, r.survivors, r.children, r.cause, r.country, r.route,
      r.description, 'verified'::verification, r.source_id, r.external_id, r.source_url
    FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb) AS r(source_id text, external_id text,
      lon float8, lat float8, occurred_on date, precision text, severity text, dead int, missing int,
      survivors int, children int, cause text, country text, route text, description text, source_url text)
    ON CONFLICT (source_id, external_id) DO UPDATE SET location = excluded.location,
      occurred_at = excluded.occurred_at, occurred_precision = excluded.occurred_precision,
      reported_at = excluded.reported_at, type = excluded.type, severity = excluded.severity,
      dead = excluded.dead, missing = excluded.missing, injured = excluded.injured,
      survivors = excluded.survivors, children = excluded.children, cause = excluded.cause,
      country = excluded.country, route = excluded.route, description = excluded.description,
      source_url = excluded.source_url, updated_at = now()
    WHERE (i.location, i.occurred_at, i.occurred_precision, i.reported_at, i.type, i.severity, i.dead,
           i.missing, i.injured, i.survivors, i.children, i.cause, i.country, i.route, i.description,
           i.source_url)
      IS DISTINCT FROM (excluded.location, excluded.occurred_at, excluded.occurred_precision,
           excluded.reported_at, excluded.type, excluded.severity, excluded.dead, excluded.missing,
           excluded.injured, excluded.survivors, excluded.children, excluded.cause, excluded.country,
           excluded.route, excluded.description, excluded.source_url)
    RETURNING (xmax = 0) AS inserted`,
  )
}
