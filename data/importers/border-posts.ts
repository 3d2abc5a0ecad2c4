// Border posts from data/border-posts/border-posts.csv: parse (pure, every bad cell reported) → load.
import { parse as parseCsv } from 'csv-parse/sync'
import { sql } from 'drizzle-orm'
import type { Point } from 'geojson'
import { z } from 'zod'
import type { Database } from '../../db/client.ts'
import { borderPosts, sources } from '../../db/schema.ts'

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
export interface RowError {
  line: number
  column: string
  reason: string
}

/** Parses the CSV text; `line` in errors is the line in the file (the header is line 1). */
export function parseBorderPosts(text: string): { rows: BorderPostRow[]; errors: RowError[] } {
  const records = parseCsv(text, { columns: true, skip_empty_lines: true, bom: true, info: true }) as {
    record: Record<string, string>
    info: { lines: number }
  }[]
  const errors: RowError[] = []
  const header = Object.keys(records[0]?.record ?? {})
  const missing = COLUMNS.filter((c) => !header.includes(c))
  if (records.length && missing.length) {
    return { rows: [], errors: missing.map((column) => ({ line: 1, column, reason: 'column missing' })) }
  }
  const rows: BorderPostRow[] = []
  const seen = new Set<string>()
  for (const { record, info } of records) {
    const result = rowSchema.safeParse(record)
    if (!result.success) {
      for (const issue of result.error.issues) {
        errors.push({ line: info.lines, column: String(issue.path[0] ?? ''), reason: issue.message })
      }
      continue
    }
    if (seen.has(result.data.id)) {
      errors.push({ line: info.lines, column: 'id', reason: `duplicate id ${result.data.id}` })
      continue
    }
    seen.add(result.data.id)
    rows.push(result.data)
  }
  return { rows, errors }
}

export const BORDER_POSTS_SOURCE = {
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
    await tx
      .insert(sources)
      .values(BORDER_POSTS_SOURCE)
      .onConflictDoUpdate({ target: sources.id, set: { ...BORDER_POSTS_SOURCE, id: undefined } })
    for (let i = 0; i < rows.length; i += 500) {
      const values = rows.slice(i, i + 500).map((r) => ({
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
      await tx
        .insert(borderPosts)
        .values(values)
        .onConflictDoUpdate({
          target: borderPosts.id,
          set: {
            name: sql`excluded.name`,
            kind: sql`excluded.kind`,
            country: sql`excluded.country`,
            counterpart: sql`excluded.counterpart`,
            location: sql`excluded.location`,
            locationPrecision: sql`excluded.location_precision`,
            operator: sql`excluded.operator`,
            sourceRef: sql`excluded.source_ref`,
            sourceUrl: sql`excluded.source_url`,
            notes: sql`excluded.notes`,
            updatedAt: sql`now()`,
          },
        })
    }
  })
  return rows.length
}
