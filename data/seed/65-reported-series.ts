// Seed step: the published series of the route (data/italy, data/frontex; attribution in their READMEs),
// loaded through the `italy` and `frontex` importers in one transaction when none of their figures is
// present. Lines an importer refuses are left out and counted.
import { createReadStream } from 'node:fs'
import type { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import type { Database } from '../../db/client.ts'
import { FRONTEX_SOURCE, frontex } from '../importers/frontex.ts'
import { ITALY_SOURCE, italy } from '../importers/italy.ts'
import type { Importer, RowError } from '../importers/types.ts'

const file = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url))

/** Reports first, so that every figure's report can be looked up as soon as it lands. */
export const REPORTED_FILES: { importer: Importer<unknown>; path: string }[] = [
  { importer: italy as Importer<unknown>, path: file('italy/anagrafica-report.csv') },
  { importer: italy as Importer<unknown>, path: file('italy/sbarchi-per-giorno.csv') },
  { importer: italy as Importer<unknown>, path: file('italy/nazionalita.csv') },
  { importer: italy as Importer<unknown>, path: file('italy/accoglienza.csv') },
  { importer: frontex as Importer<unknown>, path: file('frontex/frontex-central-mediterranean.csv') },
]

export interface ReportedSeedResult {
  /** Figures and reports written. */
  inserted: number
  refused: { file: string; line: number; errors: RowError[] }[]
}

export async function seedReported(database: Database): Promise<ReportedSeedResult> {
  const result: ReportedSeedResult = { inserted: 0, refused: [] }
  await database.db.transaction(async (tx) => {
    for (const { importer, path } of REPORTED_FILES) {
      // Each file is one batch: the italy importer keeps a day's latest report across the whole file.
      const rows: unknown[] = []
      for await (const parsed of importer.parse(createReadStream(path) as Readable)) {
        if ('errors' in parsed) result.refused.push({ file: path, line: parsed.line, errors: parsed.errors })
        else rows.push(parsed.row)
      }
      const context = { fileName: path }
      await importer.prepare?.(tx, context)
      result.inserted += (await importer.load(tx, rows, context)).inserted
    }
  })
  return result
}

export async function seed(database: Database): Promise<string | null> {
  const [row] = await database.rows<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM reported_counts
        WHERE source_id IN (${ITALY_SOURCE.id}, ${FRONTEX_SOURCE.id})`,
  )
  if (row && row.n > 0) return null
  const { inserted, refused } = await seedReported(database)
  const left = refused.length ? ` (${refused.length} lines left out)` : ''
  return `seeded ${inserted} published figures: Italian sea arrivals and reception, Frontex Central Mediterranean${left}`
}
