// Slows password guessing. Failures are rows of login_failures, so every server process on the database
// counts the same ones. Over the last 15 minutes: one account from one source may fail 5 times, one source
// 30 times over all accounts, then that pair or that source is refused (429) until its failures age out.
// One account failing from many sources is never locked (that would let anyone keep its owner out):
// from its 10th failure on, every attempt on it waits 3 s before the password is checked.
import { sql } from 'drizzle-orm'
import type { Database } from '../../db/client.ts'
import { txRows } from '../../db/rows.ts'

export interface ThrottleOptions {
  /** Failures of one account from one source before that pair is refused. @default 5 */
  pairLimit?: number
  /** Failures from one source, over all accounts, before it is refused. @default 30 */
  sourceLimit?: number
  /** Failures of one account, from any source, from which each attempt on it is slowed. @default 10 */
  slowAfter?: number
  /** How long a slowed attempt waits. @default 3000 */
  slowMs?: number
  /** @default 15 minutes */
  windowMs?: number
}

/** A sign-in attempt let through: counted as a failure until `succeeded` forgives it. */
export interface Attempt {
  /** The login_failures row, as text: a bigserial outgrows a JavaScript number's exact range. */
  id: string
  email: string
  source: string
}

export class LoginThrottle {
  private readonly pairLimit: number
  private readonly sourceLimit: number
  private readonly slowAfter: number
  private readonly slowMs: number
  private readonly window: string
  private prunedAt = 0

  constructor(
    private readonly database: Pick<Database, 'db' | 'rows'>,
    {
      pairLimit = 5,
      sourceLimit = 30,
      slowAfter = 10,
      slowMs = 3000,
      windowMs = 15 * 60_000,
    }: ThrottleOptions = {},
  ) {
    this.pairLimit = pairLimit
    this.sourceLimit = sourceLimit
    this.slowAfter = slowAfter
    this.slowMs = slowMs
    this.window = `${windowMs} milliseconds`
  }

  /**
   * Lets an attempt on `email` from `address` go on, after its wait when the account is slowed; or says
   * in how many seconds it may (`retryAfter`). The attempt is written down as a failure before its
   * password is checked, and the check and the write hold a lock on the source, so guesses sent all at
   * once from one source are counted one after the other, not all let through.
   */
  async admit(email: string, address: string): Promise<Attempt | { retryAfter: number }> {
    await this.prune()
    const source = sourceOf(address)
    const key = email.trim().toLowerCase()
    const window = sql`now() - ${this.window}::interval`
    const decided = await this.database.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`login:${source}`}, 0))`)
      // The failure that, once out of the window, lets the pair (or the source) in again.
      const [state] = await txRows<{ retryAfter: number | null; account: number }>(
        tx,
        sql`SELECT ceil(extract(epoch FROM greatest(
            (SELECT at FROM login_failures WHERE address = ${source} AND email = ${key} AND at > ${window}
              ORDER BY at DESC OFFSET ${this.pairLimit - 1} LIMIT 1),
            (SELECT at FROM login_failures WHERE address = ${source} AND at > ${window}
              ORDER BY at DESC OFFSET ${this.sourceLimit - 1} LIMIT 1)
          ) + ${this.window}::interval - now()))::int AS "retryAfter",
          (SELECT count(*)::int FROM (SELECT 1 FROM login_failures WHERE email = ${key} AND at > ${window}
            LIMIT ${this.slowAfter}) r) AS account`,
      )
      if (state?.retryAfter != null) return { retryAfter: Math.max(1, state.retryAfter) }
      const [row] = await txRows<{ id: string }>(
        tx,
        sql`INSERT INTO login_failures (email, address) VALUES (${key}, ${source}) RETURNING id::text AS id`,
      )
      return { id: row?.id ?? '0', email: key, source, slow: (state?.account ?? 0) >= this.slowAfter }
    })
    if ('retryAfter' in decided) return decided
    if (decided.slow) await new Promise((resolve) => setTimeout(resolve, this.slowMs))
    return { id: decided.id, email: decided.email, source: decided.source }
  }

  /** The right password: the attempt and the pair's earlier failures are forgiven (not other sources'). */
  async succeeded(attempt: Attempt): Promise<void> {
    await this.database.rows(
      sql`DELETE FROM login_failures
          WHERE id = ${attempt.id} OR (email = ${attempt.email} AND address = ${attempt.source})`,
    )
  }

  /** Failures out of the window count for nothing: removed, at most once a minute per process. */
  private async prune(): Promise<void> {
    if (Date.now() - this.prunedAt < 60_000) return
    this.prunedAt = Date.now()
    await this.database.rows(sql`DELETE FROM login_failures WHERE at <= now() - ${this.window}::interval`)
  }
}

/**
 * What failures are counted against: the client's address, an IPv4 one without its IPv6 mapping, an IPv6
 * one as its /64 (one host is commonly given a whole /64, and could otherwise move through it).
 */
export function sourceOf(address: string): string {
  const plain = address.replace(/%.*$/, '').toLowerCase()
  const v4 = plain.match(/^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/)?.[1]
  if (v4) return v4
  if (!plain.includes(':')) return plain
  const [head = '', tail] = plain.split('::')
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const groups =
    tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return plain
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
}
