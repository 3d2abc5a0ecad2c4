// Seed step: the border posts of data/border-posts/border-posts.csv, when the table is empty.
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import type { Database } from '../../db/client.ts'
import { loadBorderPosts, parseBorderPosts } from '../importers/border-posts.ts'

export const BORDER_POSTS_CSV = fileURLToPath(new URL('../border-posts/border-posts.csv', import.meta.url))

export async function seed(database: Database): Promise<string | null> {
  const [row] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM border_posts`)
  if (row && row.n > 0) return null
  const { rows, errors } = parseBorderPosts(await readFile(BORDER_POSTS_CSV, 'utf8'))
  if (errors.length) {
    const first = errors[0]
    throw new Error(
      `${BORDER_POSTS_CSV}:${first?.line} ${first?.column}: ${first?.reason} (${errors.length} errors)`,
    )
  }
  return `seeded ${await loadBorderPosts(database, rows)} border posts`
}
