// Upserts on a table's own key that leave identical rows alone and say what changed: the one way the
// importers, the seeds and the sources records (db/sources.ts) write rows that may be there already.
import { getTableColumns, type SQL, sql } from 'drizzle-orm'
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core'
import type { Tx } from './client.ts'
import { txRows } from './rows.ts'

/** What an upsert did; the rows neither inserted nor updated were there already, identical. */
export interface Upserted {
  inserted: number
  updated: number
  unchanged: number
}

export interface UpsertOptions {
  /** The columns (property names) a conflicting row takes from the record. @default every column given but the key */
  update?: readonly string[]
  /** Rows per statement: a few dozen when each holds a large geometry. @default 500 */
  batchSize?: number
}

/**
 * INSERT … ON CONFLICT (target) DO UPDATE … WHERE the row differs, a batch at a time; RETURNING (xmax = 0)
 * tells an insert from an update, and rows not returned were identical. With `update: []` a row that is
 * there is left as it is (DO NOTHING). A table with `updatedAt` has it set on every update.
 */
export async function upsertRows(
  tx: Tx,
  table: PgTable,
  target: readonly string[],
  records: readonly Record<string, unknown>[],
  options: UpsertOptions = {},
): Promise<Upserted> {
  const total: Upserted = { inserted: 0, updated: 0, unchanged: 0 }
  if (!records.length) return total
  const columns: Record<string, PgColumn> = getTableColumns(table)
  const column = (key: string) => {
    const found = columns[key]
    if (!found) throw new Error(`upsertRows: ${key} is not a column of the table`)
    return found
  }
  // Every column any record gives: one that a record leaves out is its default, on insert as on update.
  const given = [...new Set(records.flatMap((r) => Object.keys(r)))]
  const keys = options.update ?? given.filter((k) => !target.includes(k))
  const name = (k: string) => sql.identifier(column(k).name)
  const set: Record<string, SQL> = Object.fromEntries(keys.map((k) => [k, sql`excluded.${name(k)}`]))
  if ('updatedAt' in columns) set.updatedAt = sql`now()`
  const current = sql.join(
    keys.map((k) => sql`${table}.${name(k)}`),
    sql`, `,
  )
  const incoming = sql.join(
    keys.map((k) => sql`excluded.${name(k)}`),
    sql`, `,
  )
  const size = options.batchSize ?? 500
  for (let i = 0; i < records.length; i += size) {
    const batch = records.slice(i, i + size)
    const insert = tx.insert(table).values(batch)
    const returned = await (keys.length
      ? insert.onConflictDoUpdate({
          target: target.map(column),
          set,
          setWhere: sql`(${current}) IS DISTINCT FROM (${incoming})`,
        })
      : insert.onConflictDoNothing({ target: target.map(column) })
    ).returning({ inserted: sql<boolean>`(xmax = 0)` })
    const inserted = returned.filter((r) => r.inserted).length
    addUp(total, { inserted, updated: returned.length - inserted, unchanged: batch.length - returned.length })
  }
  return total
}

/**
 * Runs a hand-written upsert of `given` rows that ends `RETURNING (xmax = 0) AS inserted` (true for a row
 * its own statement inserted) and counts what it did in SQL; rows it did not return were identical.
 */
export async function countUpserted(tx: Tx, given: number, upsert: SQL): Promise<Upserted> {
  const [result] = await txRows<{ inserted: number; updated: number }>(
    tx,
    sql`WITH written AS (${upsert})
      SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated
      FROM written`,
  )
  const inserted = result?.inserted ?? 0
  const updated = result?.updated ?? 0
  return { inserted, updated, unchanged: given - inserted - updated }
}

/** Adds `part` to `total` (in place) and returns `total`. */
export function addUp(total: Upserted, part: Upserted): Upserted {
  total.inserted += part.inserted
  total.updated += part.updated
  total.unchanged += part.unchanged
  return total
}
