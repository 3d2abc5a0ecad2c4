// Opens the database: embedded PostGIS (PGlite) when no URL is given, a PostgreSQL + PostGIS server
// otherwise. Both are handed out as one drizzle database, migrated, with the one bulk-load primitive
// (copyInto) that the two drivers do differently; no queries live here.
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Writable } from 'node:stream'
import { finished } from 'node:stream/promises'
import { fileURLToPath } from 'node:url'
import { type SQL, sql } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { preparedImage } from './image.ts'
import { LockedError, lockFolder } from './lock.ts'
import * as schema from './schema.ts'

export type Engine = 'pglite' | 'postgres'
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>
/** A transaction (or a savepoint in one) on either engine. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

export interface Database {
  engine: Engine
  db: Db
  /** Runs a query and returns its rows, whichever the engine. */
  rows<T extends Record<string, unknown>>(query: SQL): Promise<T[]>
  /**
   * LISTENs on a channel (on PostgreSQL over a connection of its own); `onNotify` gets each NOTIFY's
   * payload once its transaction commits, from this process or any other on the same database.
   * `onListen` is called each time the LISTEN takes effect: first, and again after a dropped
   * connection (PostgreSQL), when notifications sent in between are lost.
   */
  listen(
    channel: string,
    onNotify: (payload: string) => void,
    onListen?: () => void,
  ): Promise<() => Promise<void>>
  close(): Promise<void>
}

export interface OpenOptions {
  /** postgres:// URL of a server; without it the embedded engine is used. */
  url?: string | undefined
  /** Folder of the embedded database. */
  dataDir: string
  /** Told what is happening while a slow step runs (the embedded engine takes seconds to start). */
  onProgress?: (step: string) => void
}

/** A failure to open the database that a person can act on; `message` is one line. */
export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError'
}

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url))

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const database = options.url ? await openServer(options.url) : await openEmbedded(options)
  options.onProgress?.('applying migrations')
  try {
    await database.migrate()
  } catch (error) {
    await database.close()
    throw new DatabaseOpenError(`migrations failed: ${describe(error)}`)
  }
  return database
}

type Opened = Database & { migrate(): Promise<void> }

async function openEmbedded({ dataDir, onProgress }: OpenOptions): Promise<Opened> {
  const [{ PGlite }, { postgis }, { drizzle }, { migrate }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite-postgis'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ])
  mkdirSync(dataDir, { recursive: true })
  let unlock: () => void
  try {
    unlock = lockFolder(dataDir)
  } catch (error) {
    const hint =
      error instanceof LockedError ? ' (stop it, or set CROSSWATCH_DATA_DIR to another folder)' : ''
    throw new DatabaseOpenError(`${describe(error)}${hint}`)
  }
  // A new folder starts from the prepared image (db/image.ts) when there is one: no initdb, no PostGIS
  // install, no migrations to run.
  const image = existsSync(join(dataDir, 'PG_VERSION')) ? undefined : preparedImage()
  onProgress?.(`starting embedded PostGIS in ${dataDir}${image ? ' from the prepared image' : ''}`)
  let client: InstanceType<typeof PGlite>
  try {
    client = await PGlite.create(dataDir, {
      extensions: { postgis },
      ...(image ? { loadDataDir: image } : {}),
    })
  } catch (error) {
    unlock()
    throw new DatabaseOpenError(`cannot open the embedded database in ${dataDir}: ${describe(error)}`)
  }
  const db = drizzle({ client, schema })
  return {
    engine: 'pglite',
    db: db as unknown as Db,
    rows: async <T>(query: SQL) => (await db.execute(query)).rows as T[],
    listen: async (channel, onNotify, onListen) => {
      const unlisten = await client.listen(channel, onNotify)
      onListen?.()
      return () => unlisten()
    },
    migrate: () => migrate(db, { migrationsFolder }),
    close: async () => {
      await client.close()
      unlock()
    },
  }
}

/**
 * A streaming hot standby of the server database, for reads only (db/replica.ts); never migrated. One
 * that is not in recovery is refused (it would be a second primary); one that cannot be reached yet is
 * opened all the same, and reads go to the primary until it answers.
 */
export async function openStandby(url: string, onUnreachable: (message: string) => void): Promise<Database> {
  const standby = await openServer(url, { probe: false })
  try {
    const [row] = await standby.rows<{ recovery: boolean }>(sql`SELECT pg_is_in_recovery() AS recovery`)
    if (row?.recovery) return standby
  } catch (error) {
    onUnreachable(`cannot reach the standby at ${redact(url)} yet: ${describe(error)}`)
    return standby
  }
  await standby.close()
  throw new DatabaseOpenError(
    `DATABASE_READ_URL ${redact(url)} is not a standby (pg_is_in_recovery() is false): name a hot standby, or unset it`,
  )
}

async function openServer(url: string, { probe = true } = {}): Promise<Opened> {
  const [{ default: postgres }, { drizzle }, { migrate }] = await Promise.all([
    import('postgres'),
    import('drizzle-orm/postgres-js'),
    import('drizzle-orm/postgres-js/migrator'),
  ])
  const target = redact(url)
  let client: ReturnType<typeof postgres>
  try {
    client = postgres(url, { max: 10, connect_timeout: 10, onnotice: () => {} })
    if (probe) await client`select 1`
  } catch (error) {
    throw new DatabaseOpenError(`cannot connect to ${target}: ${describe(error)}`)
  }
  const db = drizzle({ client, schema })
  return {
    engine: 'postgres',
    db: db as unknown as Db,
    rows: async <T>(query: SQL) => [...(await db.execute(query))] as T[],
    listen: async (channel, onNotify, onListen) => {
      const { unlisten } = await client.listen(channel, onNotify, onListen)
      return unlisten
    },
    migrate: async () => {
      const [row] =
        await client`select count(*)::int as n from pg_available_extensions where name = 'postgis'`
      if (!row?.n) throw new Error(`PostGIS is not installed on the server at ${target}`)
      await migrate(db, { migrationsFolder })
    },
    close: () => client.end({ timeout: 5 }),
  }
}

/**
 * Appends rows to `table` with COPY, the bulk-load path of both engines, inside `tx` (the transaction or
 * savepoint the rows belong to). `data` is COPY's text format: one row a line, fields joined by tabs, `\N` for
 * null, escaped with `copyLine`. `table` and `columns` are SQL identifiers written by the caller, never
 * input. postgres-js streams it to `COPY … FROM STDIN`; PGlite reads it as a blob from `/dev/blob`.
 */
export async function copyInto(
  tx: Tx,
  table: string,
  columns: readonly string[],
  data: string,
): Promise<void> {
  if (!data) return
  const target = `${table} (${columns.join(', ')})`
  const client = (tx as unknown as { session: { client: CopyClient } }).session.client
  if ('unsafe' in client) {
    const query = client.unsafe(`COPY ${target} FROM STDIN`)
    // postgres-js 3.4 never settles the stream when the server refuses the data after it has all been
    // sent (porsager/postgres#1173): the error reaches only the query's own reject, so listen there too.
    const refused = new Promise<never>((_, reject) => {
      const settle = query.reject
      query.reject = (error: unknown) => {
        settle(error)
        reject(error)
      }
    })
    refused.catch(() => {}) // raced below; an error before the stream opens rejects writable() itself
    const stream = await query.writable()
    stream.end(data)
    await Promise.race([finished(stream), refused])
  } else {
    await client.query(`COPY ${target} FROM '/dev/blob'`, [], { blob: new Blob([data]) })
  }
}

/** The two drivers' clients, as far as copyInto uses them (postgres-js's TransactionSql, PGlite's Transaction). */
type CopyClient =
  | { unsafe(query: string): { writable(): Promise<Writable>; reject: (error: unknown) => void } }
  | { query(query: string, params: unknown[], options: { blob: Blob }): Promise<unknown> }

const COPY_SPECIAL = /[\\\t\n\r]/
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' }

/** One line of COPY text for `values` (null as `\N`), its line break included. */
export function copyLine(values: readonly (string | number | null)[]): string {
  let line = ''
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (i) line += '\t'
    if (v === null || v === undefined) line += '\\N'
    else if (typeof v === 'number') line += String(v)
    else line += COPY_SPECIAL.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c] as string) : v
  }
  return `${line}\n`
}

/** The URL without its password, fit for a log line. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return 'the DATABASE_URL'
  }
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length) return describe(error.errors[0])
  if (error instanceof Error) {
    const code = (error as { code?: string }).code
    const text = error.message.split('\n')[0] ?? String(error)
    const cause = error.cause instanceof Error ? ` (${describe(error.cause)})` : ''
    return code && !text.includes(code) ? `${text} [${code}]${cause}` : `${text}${cause}`
  }
  return String(error)
}
