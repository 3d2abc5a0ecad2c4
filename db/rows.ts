// The rows of a query run in a transaction, typed by the caller, on either engine: PGlite answers
// `{ rows }`, postgres-js the array itself.
import type { SQL } from 'drizzle-orm'
import type { Tx } from './client.ts'

/** Runs `query` in `tx` and returns its rows. */
export async function txRows<T extends Record<string, unknown>>(tx: Tx, query: SQL): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[]
}
