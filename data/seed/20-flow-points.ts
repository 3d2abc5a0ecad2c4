// Seed step: the flow-monitoring points and transit hubs of data/flow-points/flow-points.csv, when the
// table is empty. FMP names are IOM DTM's spellings so that DTM counts can be matched to them by name.
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Database } from '../../db/client.ts'
import { flowPoints } from '../../db/schema.ts'
import { upsertSource } from '../../db/sources.ts'
import { upsertRows } from '../../db/upsert.ts'
import { parseCsvDataset } from '../importers/csv-dataset.ts'
import type { RowError } from '../importers/types.ts'

export const FLOW_POINTS_CSV = fileURLToPath(new URL('../flow-points/flow-points.csv', import.meta.url))

export const FLOW_POINTS_SOURCE = {
  id: 'crosswatch-flow-points',
  name: 'Flow-monitoring points and transit hubs of the central Mediterranean route',
  publisher: 'Crosswatch contributors, compiled from public sources cited per record',
  licence: 'Mixed, per record: GeoNames CC BY 4.0; Wikipedia CC BY-SA 4.0',
  url: 'data/flow-points/README.md',
  retrievedAt: new Date('2026-11-23T00:00:00Z'),
  modelled: false,
  calibratedOn: null,
  citation:
    'FMP names: IOM Displacement Tracking Matrix (DTM), West and Central Africa Flow Monitoring Registry',
  notes: 'Locations only; no DTM figures are held in this dataset.',
}

const optional = z.string().transform((v) => v.trim() || null)
const rowSchema = z.object({
  id: z.string().regex(/^fp-[a-z0-9-]+$/, 'expected a slug such as fp-agadez'),
  name: z.string().trim().min(1, 'is empty'),
  kind: z.enum(['fmp', 'hub']),
  country: z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code such as NE'),
  lon: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
  location_precision: z.enum(['site', 'town']),
  source: z.string().trim().min(1, 'every point says where it comes from'),
  source_url: optional.refine((v) => v === null || URL.canParse(v), 'is not a URL'),
  notes: optional,
})
export type FlowPointRow = z.infer<typeof rowSchema>

/** Parses the CSV text; `line` in errors is the line in the file (the header is line 1). */
export function parseFlowPoints(text: string): { rows: FlowPointRow[]; errors: RowError[] } {
  return parseCsvDataset(text, rowSchema)
}

export async function seed(database: Database): Promise<string | null> {
  const [row] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM flow_points`)
  if (row && row.n > 0) return null
  const { rows, errors } = parseFlowPoints(await readFile(FLOW_POINTS_CSV, 'utf8'))
  const first = errors[0]
  if (first) {
    throw new Error(
      `${FLOW_POINTS_CSV}:${first.line} ${first.column}: ${first.reason} (${errors.length} errors)`,
    )
  }
  await database.db.transaction(async (tx) => {
    await upsertSource(tx, FLOW_POINTS_SOURCE)
    await upsertRows(
      tx,
      flowPoints,
      ['id'],
      rows.map((r) => ({
        id: r.id,
        name: r.name,
        country: r.country,
        kind: r.kind,
        location: { type: 'Point', coordinates: [r.lon, r.lat] },
        locationPrecision: r.location_precision,
        sourceId: FLOW_POINTS_SOURCE.id,
        sourceRef: r.source,
        sourceUrl: r.source_url,
        notes: r.notes,
      })),
    )
  })
  return `seeded ${rows.length} flow points`
}
