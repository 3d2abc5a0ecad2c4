// Idempotency keys (`Idempotency-Key: <uuid>`) for writes that create something: the first request with
// a key does its work and stores its answer in the same transaction; a retry with the same key and the
// same request gets that answer again and changes nothing; the same key with another request is a 422.
import { createHash } from 'node:crypto'
import { z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import type { Database, Tx } from '../../db/client.ts'
import { txRows } from '../../db/rows.ts'
import { Problem } from './problem.ts'

// No `i` flag: the document's `pattern` carries no flags, so the case is in the classes.
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/

/** The request's Idempotency-Key header, lower case; a 400 naming it when it is missing or not a UUID. */
export const idempotencyKeyHeader = z
  .string({ error: 'required: a UUID made by the client for this request' })
  .trim()
  .regex(UUID, { error: 'expected a UUID such as 4f1c…-…' })
  .transform((key) => key.toLowerCase())
  .openapi({
    description: 'a UUID the client makes for this request, and sends again with each retry of it',
    example: '4f1c2a9e-7b3d-4c8e-9a51-0d6e2f3b8c71',
  })

/** SHA-256 of a request as validated: equal requests hash equal however their JSON was spaced. */
export function requestHash(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex')
}

export interface Answer<S extends number, B> {
  status: S
  body: B
  /** True when this is the stored answer of an earlier request with the key. */
  replayed: boolean
}

/**
 * Runs `work` once per key, in one transaction with the key's row. The key is claimed first: a second
 * request with it, even at the same instant, waits on the key's unique index until the first commits,
 * then reads its answer (or claims the key itself when the first rolled back). The answer leaves only
 * after the commit. A stored answer is `work`'s own, of the same scope, so it is read back as its type.
 */
export async function once<S extends number, B>(
  database: Database,
  request: { key: string; scope: string; hash: string },
  work: (tx: Tx) => Promise<{ status: S; body: B }>,
): Promise<Answer<S, B>> {
  const { key, scope, hash } = request
  return database.db.transaction(async (tx) => {
    const claimed = await txRows(
      tx,
      sql`INSERT INTO idempotency_keys (key, scope, request_hash, status, response, user_id)
          VALUES (${key}::uuid, ${scope}, ${hash}, 0, 'null'::json, cw_user())
          ON CONFLICT (key) DO NOTHING RETURNING key`,
    )
    if (!claimed.length) {
      const [prior] = await txRows<{ scope: string; hash: string; status: S; response: B }>(
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
