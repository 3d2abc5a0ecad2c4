// Fills an empty database with the data shipped in data/. Runs at start-up; does nothing when data is there.
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import type { Database } from '../db/client.ts'
import { loadBorderPosts, parseBorderPosts } from './importers/border-posts.ts'

export const BORDER_POSTS_CSV = fileURLToPath(new URL('./border-posts/border-posts.csv', import.meta.url))

export interface SeedReport {
  borderPosts: number
}

export async function seedIfEmpty(database: Database): Promise<SeedReport> {
  const [row] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM border_posts`)
  if (row && row.n > 0) return { borderPosts: 0 }
  const { rows, errors } = parseBorderPosts(await readFile(BORDER_POSTS_CSV, 'utf8'))
  if (errors.length) {
    const first = errors[0]
    throw new Error(
      `${BORDER_POSTS_CSV}:${first?.line} ${first?.column}: ${first?.reason} (${errors.length} errors)`,
    )
  }
  return { borderPosts: await loadBorderPosts(database, rows) }
}
