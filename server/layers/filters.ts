// The WHERE pieces the layers share: a bounding box, a list of allowed values, and joining them.
import { type SQL, sql } from 'drizzle-orm'
import { arrayLiteral } from '../../db/arrays.ts'
import type { Bbox } from '../http/params.ts'

/** `geometry` overlaps the box (uses its GiST index). */
export function inBbox(geometry: SQL, bbox: Bbox): SQL {
  return sql`${geometry} && ST_MakeEnvelope(${bbox[0]}::float8, ${bbox[1]}::float8, ${bbox[2]}::float8, ${bbox[3]}::float8, 4326)`
}

/** `column` (as text) is one of `values`: one array parameter, read alike by both engines. */
export function oneOf(column: SQL, values: readonly string[]): SQL {
  return sql`${column}::text = ANY(${arrayLiteral(values)}::text[])`
}

/** `WHERE a AND b …`, or nothing when there is no condition. */
export function whereAll(conditions: readonly SQL[]): SQL {
  return conditions.length ? sql`WHERE ${sql.join([...conditions], sql` AND `)}` : sql``
}

/**
 * The incidents the caller may see, as they may see them (coarsened, counts withheld: migration 0005's
 * visible_incidents), inside `bbox` when given. Every read of incidents goes through it.
 */
export function visibleIncidents(bbox?: Bbox | undefined): SQL {
  if (!bbox) return sql`visible_incidents()`
  return sql`visible_incidents(ST_MakeEnvelope(${bbox[0]}::float8, ${bbox[1]}::float8, ${bbox[2]}::float8, ${bbox[3]}::float8, 4326))`
}
