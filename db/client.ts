// Opens the database: embedded PostGIS (PGlite) when no URL is given, a PostgreSQL + PostGIS server
// otherwise. Both are handed out as one drizzle database, migrated; no queries live here.
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { SQL } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { LockedError, lockFolder } from './lock.ts'
import * as schema from './schema.ts'

export type Engine = 'pglite' | 'postgres'
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>

export interface Database {
  engine: Engine
  db: Db
  /** Runs a query and returns its rows, whichever the engine. */
  rows<T extends Record<string, unknown>>(query: SQL): Promise<T[]>
  /**
   * LISTENs on a channel (on PostgreSQL over a connection of its own); `onNotify` gets each NOTIFY's
   * payload once its transaction commits, from this process or any other on the same database.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>
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
  onProgress?.(`starting embedded PostGIS in ${dataDir}`)
  let client: InstanceType<typeof PGlite>
  try {
    client = await PGlite.create(dataDir, { extensions: { postgis } })
  } catch (error) {
    unlock()
    throw new DatabaseOpenError(`cannot open the embedded database in ${dataDir}: ${describe(error)}`)
  }
  const db = drizzle({ client, schema })
  return {
    engine: 'pglite',
    db: db as unknown as Db,
    rows: async <T>(query: SQL) => (await db.execute(query)).rows as T[],
    listen: async (channel, onNotify) => {
      const unlisten = await client.listen(channel, onNotify)
      return () => unlisten()
    },
    migrate: () => migrate(db, { migrationsFolder }),
    close: async () => {
      await client.close()
      unlock()
    },
  }
}

async function openServer(url: string): Promise<Opened> {
  const [{ default: postgres }, { drizzle }, { migrate }] = await Promise.all([
    import('postgres'),
    import('drizzle-orm/postgres-js'),
    import('drizzle-orm/postgres-js/migrator'),
  ])
  const target = redact(url)
  let client: ReturnType<typeof postgres>
  try {
    client = postgres(url, { max: 10, connect_timeout: 10, onnotice: () => {} })
    await client`select 1`
  } catch (error) {
    throw new DatabaseOpenError(`cannot connect to ${target}: ${describe(error)}`)
  }
  const db = drizzle({ client, schema })
  return {
    engine: 'postgres',
    db: db as unknown as Db,
    rows: async <T>(query: SQL) => [...(await db.execute(query))] as T[],
    listen: async (channel, onNotify) => {
      const { unlisten } = await client.listen(channel, onNotify)
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
