// Idempotency keys (`Idempotency-Key: <uuid>`) for writes that create something: the first request with
// a key does its work and stores its answer in the same transaction; a retry with the same key and the
// same request gets that answer again and changes nothing; the same key with another request is a 422.
import { createHash } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { Context } from 'hono'
import { txRows } from '../../data/importers/run.ts'
import type { Tx } from '../../data/importers/types.ts'
import type { Database } from '../../db/client.ts'
import { Problem } from './problem.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The request's Idempotency-Key, lower case; a 400 when it is missing or not a UUID. */
export function idempotencyKey(c: Context): string {
  const key = c.req.header('idempotency-key')?.trim()
  if (!key || !UUID.test(key))
    throw Problem.invalid([
      {
        name: 'Idempotency-Key',
        reason: key
          ? 'expected a UUID such as 4f1c…-…'
          : 'required: a UUID made by the client for this request',
      },
    ])
  return key.toLowerCase()
}

/** SHA-256 of a request as validated: equal requests hash equal however their JSON was spaced. */
export function requestHash(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex')
}

export interface Answer {
  status: number
  body: unknown
  /** True when this is the stored answer of an earlier request with the key. */
  replayed: boolean
}

/**
 * Runs `work` once per key, in one transaction with the key's row. The key is claimed first: a second
 * request with it, even at the same instant, waits on the key's unique index until the first commits,
 * then reads its answer (or claims the key itself when the first rolled back). The answer leaves only
 * after the commit.
 */
export async function once(
  database: Database,
  request: { key: string; scope: string; hash: string },
  work: (tx: Tx) => Promise<{ status: number; body: unknown }>,
): Promise<Answer> {
  const { key, scope, hash } = request
  return database.db.transaction(async (tx) => {
    const claimed = await txRows(
      tx,
      sql`INSERT INTO idempotency_keys (key, scope, request_hash, status, response, user_id)
          VALUES (${key}::uuid, ${scope}, ${hash}, 0, 'null'::json, cw_user())
          ON CONFLICT (key) DO NOTHING RETURNING key`,
    )
    if (!claimed.length) {
      const [prior] = await txRows<{ scope: string; hash: string; status: number; response: unknown }>(
        tx,
        sql`SELECT scope, request_hash AS hash, status, response FROM idempotency_keys WHERE key = ${key}::uuid`,
      )
      // A key the caller cannot read is someone else's (row-level security): refused like a reused one.
      if (!prior || prior.scope !== scope || prior.hash !== hash)
        throw new Problem(
          422,
          'Idempotency key reused',
          `the Idempotency-Key ${key} was sent with another request${!prior || prior.scope === scope ? '' : ` (${prior.scope})`}: make a new key for each request`,
          [{ name: 'Idempotency-Key', reason: 'already used for a different request' }],
        )
      return { status: prior.status, body: prior.response, replayed: true }
    }
    const answer = await work(tx)
    await tx.execute(
      sql`UPDATE idempotency_keys SET status = ${answer.status}, response = ${JSON.stringify(answer.body)}::json
          WHERE key = ${key}::uuid`,
    )
    return { ...answer, replayed: false }
  })
}
