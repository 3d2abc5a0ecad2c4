// Reads on a streaming hot standby (DATABASE_READ_URL): a read runs there only when the standby has
// replayed every change this process has counted (so an ETag never names data the standby lacks), and on
// the primary otherwise; a standby that cannot be reached is left alone for a few seconds.
import { sql } from 'drizzle-orm'
import type { Database, Db, Tx } from './client.ts'
import { txRows } from './rows.ts'

export interface ReplicaOptions {
  /**
   * The WAL position the standby must have replayed, or null when it is not known yet (a change was
   * counted and its position not asked): the read then goes to the primary.
   */
  requiredLsn: () => string | null
  /** Whether an error means the standby is away (connection refused, shutting down). */
  isUnavailable: (error: unknown) => boolean
  /** Told when the standby goes away and when it serves again. */
  onState?: (state: 'away' | 'back', error?: unknown) => void
  /** @default 5000 ms without trying an unreachable standby */
  retryAfterMs?: number
}

/** Thrown inside a standby's transaction that is behind; the read is then made on the primary. */
class Behind extends Error {}

/** Counts of where reads went, for the health route and the tests. */
export interface ReadCounts {
  standby: number
  primary: number
  away: boolean
}

/**
 * `primary` with its transactions (and so every scoped read, db/scope.ts) run on `standby` when it is
 * current. Only for routes that never write: a standby refuses every write.
 */
export function readsFromStandby(
  primary: Database,
  standby: Database,
  { requiredLsn, isUnavailable, onState, retryAfterMs = 5000 }: ReplicaOptions,
): Database & { counts: ReadCounts } {
  const counts: ReadCounts = { standby: 0, primary: 0, away: false }
  let awayUntil = 0

  async function transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const lsn = requiredLsn()
    if (lsn !== null && Date.now() >= awayUntil) {
      let started = false
      try {
        const answer = await standby.db.transaction(async (tx) => {
          const [row] = await txRows<{ current: boolean }>(
            tx,
            sql`SELECT coalesce(pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn, false) AS current`,
          )
          if (!row?.current) throw new Behind()
          started = true
          return work(tx)
        })
        counts.standby++
        if (counts.away) {
          counts.away = false
          onState?.('back')
        }
        return answer
      } catch (error) {
        // Once the work has begun its failure is the read's own: it may have sent part of an answer.
        if (started) throw error
        if (!(error instanceof Behind)) {
          if (!isUnavailable(error)) throw error
          awayUntil = Date.now() + retryAfterMs
          if (!counts.away) {
            counts.away = true
            onState?.('away', error)
          }
        }
      }
    }
    counts.primary++
    return (primary.db as Db).transaction(work)
  }

  const db = new Proxy(primary.db, {
    get(target, property, receiver) {
      if (property === 'transaction') return transaction
      if (property === 'execute')
        return (query: Parameters<Db['execute']>[0]) => transaction((tx) => tx.execute(query))
      return Reflect.get(target, property, receiver)
    },
  })
  return {
    ...primary,
    db,
    rows: <T extends Record<string, unknown>>(query: Parameters<Database['rows']>[0]) =>
      transaction((tx) => txRows<T>(tx, query)),
    counts,
  }
}

/**
 * The primary's WAL position after the last change this process counted: `changed()` for each change
 * (a live event heard, a write answered), and `required()` is the position a standby must have replayed
 * to show all of them, or null while it is being asked. While the primary cannot be asked (it is
 * restarting) any position will do: the standby serves what it has, and the change counted when the
 * primary is back (the event hub's reconnect) renews every ETag.
 */
export class PrimaryPosition {
  private changes = 0
  private covered = -1
  private lsn: string | null = null
  private asking = false
  private primaryAway = false

  constructor(private readonly primary: Pick<Database, 'rows'>) {
    this.ask()
  }

  changed() {
    this.changes++
    this.ask()
  }

  required(): string | null {
    if (this.primaryAway) return '0/0'
    return this.covered === this.changes ? this.lsn : null
  }

  private ask() {
    if (this.asking) return
    this.asking = true
    const covers = this.changes
    this.primary.rows<{ lsn: string }>(sql`SELECT pg_current_wal_lsn()::text AS lsn`).then(
      ([row]) => {
        this.asking = false
        this.primaryAway = false
        if (row) {
          this.lsn = row.lsn
          this.covered = covers
        }
        if (this.covered !== this.changes) this.ask()
      },
      () => {
        this.asking = false
        this.primaryAway = true
        setTimeout(() => this.ask(), 1000).unref()
      },
    )
  }
}
