// Seed step: the real deaths and disappearances of the route, IOM Missing Migrants Project records in
// data/mmp/ (filter and attribution in its README), loaded through the `mmp` importer in one transaction
// when no MMP incident is present. Records the importer refuses are left out and counted.
import { createReadStream } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import type { Database } from '../../db/client.ts'
import { parseMmp } from '../importers/mmp.ts'
import { loadMmp, MMP_SOURCES, type MmpRow } from '../importers/mmp-load.ts'
import type { RowError } from '../importers/types.ts'

/** 2014–2023 (and 2024–2025 without a route) from HDX, 2024–2026 from giocopp's CSV, 2026 from the export. */
export const MMP_FILES = ['mmp-hdx-route.json', 'mmp-giocopp-route.csv', 'mmp-export-route.csv'].map((f) =>
  fileURLToPath(new URL(`../mmp/${f}`, import.meta.url)),
)

const SOURCE_IDS = Object.values(MMP_SOURCES).map((s) => s.id)

export interface MmpSeedResult {
  inserted: number
  /** The records left out, with why. */
  refused: { file: string; line: number; errors: RowError[] }[]
}

export async function seedMmp(database: Database): Promise<MmpSeedResult> {
  const result: MmpSeedResult = { inserted: 0, refused: [] }
  await database.db.transaction(async (tx) => {
    for (const file of MMP_FILES) {
      let batch: MmpRow[] = []
      const flush = async () => {
        result.inserted += (await loadMmp(tx, batch)).inserted
        batch = []
      }
      for await (const parsed of parseMmp(createReadStream(file))) {
        if ('errors' in parsed) result.refused.push({ file, line: parsed.line, errors: parsed.errors })
        else if (batch.push(parsed.row) >= 1000) await flush()
      }
      if (batch.length) await flush()
    }
  })
  return result
}

export async function seed(database: Database): Promise<string | null> {
  const [row] = await database.rows<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM incidents WHERE source_id = ANY(${sql.param(SOURCE_IDS)}::text[])`,
  )
  if (row && row.n > 0) return null
  const { inserted, refused } = await seedMmp(database)
  return `seeded ${inserted} MMP incidents of the route (${refused.length} records left out: see data/mmp/README.md)`
}
