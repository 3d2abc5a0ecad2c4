// How an account changes: who changes it (an actor), how a change is refused, and the one transaction that
// holds a change with its row in the append-only user_audit; and that history read back, newest first.
import { type SQL, sql } from 'drizzle-orm'
import type { Database } from '../../db/client.ts'
import { txRows } from '../../db/rows.ts'
import type { AuditAction, AuditEntry } from './schemas.ts'

/**
 * Who changes an account: an agency's admin, who reaches the users of their own agency only, or the
 * machine's operator (the local token, `npm run user` on the database), who reaches every agency's.
 */
export type Actor = { userId: number; agencyId: number } | { userId: null; agencyId: null }

export const OPERATOR: Actor = Object.freeze({ userId: null, agencyId: null })

/**
 * A change refused: `absent` (no such user, or none the actor may reach: the two look the same),
 * `invalid` (a value not allowed), `forbidden` (not for this actor), `conflict` (not in this state).
 */
export type Refusal = 'absent' | 'invalid' | 'forbidden' | 'conflict'

export class AccountError extends Error {
  constructor(
    /** The field at fault, or null when it is the account as a whole. */
    readonly field: string | null,
    message: string,
    readonly refusal: Refusal = 'invalid',
  ) {
    super(message)
  }
}

export type Rows = Pick<Database, 'rows'>
/** What a change runs on: a database that opens transactions (the app's runs them as its caller). */
export type Transactional = Pick<Database, 'db'>

/** Runs `work` in one transaction, so that a change and its audit rows land together or not at all. */
export function inTransaction<T>(database: Transactional, work: (rows: Rows) => Promise<T>): Promise<T> {
  return database.db.transaction((tx) =>
    work({ rows: <R extends Record<string, unknown>>(query: SQL) => txRows<R>(tx, query) }),
  )
}

/** Appends one row to the account's history, in the caller's transaction. */
export async function audit(
  rows: Rows,
  userId: number,
  actor: Actor,
  action: AuditAction,
  before: Record<string, unknown> | null = null,
  after: Record<string, unknown> | null = null,
): Promise<void> {
  const json = (value: Record<string, unknown> | null) => (value === null ? null : JSON.stringify(value))
  await rows.rows(
    sql`INSERT INTO user_audit (user_id, actor_id, action, before, after)
        VALUES (${userId}, ${actor.userId}::int, ${action}, ${json(before)}::jsonb, ${json(after)}::jsonb)`,
  )
}

/** The history of a user's account, newest first. */
export async function listAudit(database: Rows, userId: number): Promise<AuditEntry[]> {
  return database.rows<AuditEntry & Record<string, unknown>>(
    sql`SELECT to_char(l.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
               CASE WHEN a.id IS NOT NULL
                 THEN json_build_object('id', a.id, 'name', a.name, 'email', a.email) END AS actor,
               l.action, l.before, l.after
        FROM user_audit l LEFT JOIN users a ON a.id = l.actor_id
        WHERE l.user_id = ${userId} ORDER BY l.at DESC, l.id DESC`,
  )
}
