// Border posts from data/border-posts/border-posts.csv: parse (pure, every bad cell reported) → load.
import type { Point } from 'geojson'
import { z } from 'zod'
import type { Database } from '../../db/client.ts'
import { borderPosts } from '../../db/schema.ts'
import { upsertSource } from '../../db/sources.ts'
import { upsertRows } from '../../db/upsert.ts'
import { parseCsvDataset } from './csv-dataset.ts'
import type { RowError } from './types.ts'

export const COLUMNS = [
  'id',
  'name',
  'kind',
  'country',
  'counterpart',
  'lon',
  'lat',
  'location_precision',
  'operator',
  'source',
  'source_url',
  'notes',
] as const

const iso2 = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code such as NE')
const optional = z.string().transform((v) => v.trim() || null)

const rowSchema = z.object({
  id: z.string().regex(/^[a-z]{2}-[a-z0-9-]+$/, 'expected a slug such as ne-assamaka'),
  name: z.string().trim().min(1, 'is empty'),
  kind: z.enum(['land', 'sea', 'air']),
  country: iso2,
  counterpart: iso2,
  lon: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
  location_precision: z.enum(['site', 'town']),
  operator: optional,
  source: z.string().trim().min(1, 'every post says where it comes from'),
  source_url: optional.refine((v) => v === null || URL.canParse(v), 'is not a URL'),
  notes: optional,
})

export type BorderPostRow = z.infer<typeof rowSchema>

/** Parses the CSV text; `line` in errors is the line in the file (the header is line 1). */
export function parseBorderPosts(text: string): { rows: BorderPostRow[]; errors: RowError[] } {
  return parseCsvDataset(text, rowSchema, COLUMNS)
}

const BORDER_POSTS_SOURCE = {
  id: 'crosswatch-border-posts',
  name: 'Border posts of the central Mediterranean route',
  publisher: 'Crosswatch contributors, compiled from public sources cited per record',
  licence: 'Mixed, per record: GeoNames CC BY 4.0; Wikipedia CC BY-SA 4.0; OpenFlights ODbL 1.0',
  url: 'data/border-posts/README.md',
  retrievedAt: new Date('2026-11-23T00:00:00Z'),
  modelled: false,
  calibratedOn: null,
} as const

/** Upserts the posts and their dataset in one transaction. */
export async function loadBorderPosts(database: Database, rows: BorderPostRow[]): Promise<number> {
  await database.db.transaction(async (tx) => {
    await upsertSource(tx, BORDER_POSTS_SOURCE)
    const records = rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      country: r.country,
      counterpart: r.counterpart,
      location: { type: 'Point', coordinates: [r.lon, r.lat] } satisfies Point,
      locationPrecision: r.location_precision,
      operator: r.operator,
      sourceId: BORDER_POSTS_SOURCE.id,
      sourceRef: r.source,
      sourceUrl: r.source_url,
      notes: r.notes,
    }))
    await upsertRows(tx, borderPosts, ['id'], records)
  })
  return rows.length
}
