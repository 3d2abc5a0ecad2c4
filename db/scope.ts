// Who a query runs for. Every query the app makes for a request runs in a transaction as `crosswatch_app`,
// a role that does not bypass row-level security, with the caller in three settings that the policies of
// migration 0005 read (cw_role, cw_user, cw_agency). What a caller may see is decided there, not in routes.
import { AsyncLocalStorage } from 'node:async_hooks'
import { type SQL, sql } from 'drizzle-orm'
import type { Database, Db, Tx } from './client.ts'
import { txRows } from './rows.ts'

/** The role the app's queries run as; made by migration 0005. */
export const APP_ROLE = 'crosswatch_app'

export interface Caller {
  /**
   * `none` (no one signed in: public datasets only), a user's role, `local` (the machine's operator,
   * holding the embedded server's local token: every record), or `system` (the server's own work, which
   * runs as the database owner and is not scoped).
   */
  role: 'none' | 'reporter' | 'viewer' | 'coordinator' | 'admin' | 'local' | 'system'
  userId: number | null
  agencyId: number | null
}

export const NOBODY: Caller = Object.freeze({ role: 'none', userId: null, agencyId: null })
export const SYSTEM: Caller = Object.freeze({ role: 'system', userId: null, agencyId: null })

/**
 * Sets the caller for the rest of `tx` (`set_config(…, true)`: it ends with the transaction). JIT is off
 * there too: the policies' per-row CASE inflates cost estimates past jit_above_cost, and compiling then
 * takes seconds for a query that runs in milliseconds.
 */
async function setCaller(tx: Tx, caller: Caller): Promise<void> {
  if (caller.role === 'system') return
  await tx.execute(sql`SELECT set_config('role', ${APP_ROLE}, true),
    set_config('crosswatch.role', ${caller.role}, true),
    set_config('crosswatch.user_id', ${caller.userId === null ? '' : String(caller.userId)}, true),
    set_config('crosswatch.agency_id', ${caller.agencyId === null ? '' : String(caller.agencyId)}, true),
    set_config('jit', 'off', true)`)
}

/** Runs `work` in a transaction as `caller`. */
export function asCaller<T>(database: Pick<Database, 'db'>, caller: Caller, work: (tx: Tx) => Promise<T>) {
  return (database.db as Db).transaction(async (tx) => {
    await setCaller(tx, caller)
    return work(tx)
  })
}

const callers = new AsyncLocalStorage<Caller>()

/** The caller of the request being served (set by the app's middleware); nobody outside a request. */
function currentCaller(): Caller {
  return callers.getStore() ?? NOBODY
}

/** Runs `work` (and everything it awaits) for `caller`. */
export function runAs<T>(caller: Caller, work: () => T): T {
  return callers.run(caller, work)
}

/**
 * `database` as the app sees it: `rows` and `db.transaction` run as the current caller, so a route cannot
 * forget to scope a read. Everything else (listen, close, engine) is the database itself.
 */
export function scopedDatabase(database: Database): Database {
  const db = new Proxy(database.db, {
    get(target, property, receiver) {
      if (property === 'transaction')
        return <T>(work: (tx: Tx) => Promise<T>) => asCaller(database, currentCaller(), work)
      if (property === 'execute')
        return (query: SQL) => asCaller(database, currentCaller(), (tx) => tx.execute(query))
      return Reflect.get(target, property, receiver)
    },
  })
  return {
    ...database,
    db,
    rows: <T extends Record<string, unknown>>(query: SQL) =>
      asCaller(database, currentCaller(), (tx) => txRows<T>(tx, query)),
  }
}
