// The engines the integration tests run on: embedded PostGIS always, a PostGIS server when DATABASE_URL
// is set. Each test file gets its own copy of the migrated, seeded template database.
import { randomUUID } from 'node:crypto'
import { cpSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import postgres from 'postgres'
import { type Database, type Engine, openDatabase } from '../../db/client.ts'

export const TEST_ROOT = resolve(process.env.CROSSWATCH_TEST_ROOT ?? '.crosswatch-test')

export const engines: Engine[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']

export function templateDatabaseName(url: string): string {
  return `${new URL(url).pathname.slice(1) || 'postgres'}_crosswatch_template`
}

export async function withAdminClient<T>(url: string, work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  try {
    return await work(sql)
  } finally {
    await sql.end()
  }
}

/**
 * Runs `work` on a new, empty database `name` of the server `admin` names, dropped afterwards whatever
 * happens: the benches never write into the database DATABASE_URL names.
 */
export async function withScratchDatabase<T>(
  admin: string,
  name: string,
  work: (url: string) => Promise<T>,
): Promise<T> {
  const url = new URL(admin)
  url.pathname = `/${name}`
  await withAdminClient(admin, (sql) => sql.unsafe(`CREATE DATABASE "${name}"`))
  try {
    return await work(url.toString())
  } finally {
    await withAdminClient(admin, (sql) => sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
  }
}

export interface TestDatabaseHandle {
  /** What a server process needs to open this database: DATABASE_URL or CROSSWATCH_DATA_DIR. */
  env: Record<string, string>
  open(): Promise<Database>
  dispose(): Promise<void>
}

/** A fresh copy of the template database, for one test file, on the given engine. */
export async function copyTemplate(engine: Engine, pgliteTemplate: string): Promise<TestDatabaseHandle> {
  const id = randomUUID().slice(0, 8)
  if (engine === 'pglite') {
    const dataDir = join(TEST_ROOT, `copy-${id}`)
    cpSync(pgliteTemplate, dataDir, { recursive: true })
    return {
      env: { CROSSWATCH_DATA_DIR: dataDir },
      open: () => openDatabase({ dataDir }),
      dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
    }
  }
  const admin = process.env.DATABASE_URL as string
  const name = `${templateDatabaseName(admin)}_${id}`
  await withAdminClient(admin, (sql) =>
    sql.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabaseName(admin)}"`),
  )
  const url = new URL(admin)
  url.pathname = `/${name}`
  return {
    env: { DATABASE_URL: url.toString() },
    open: () => openDatabase({ url: url.toString(), dataDir: '' }),
    dispose: async () => {
      await withAdminClient(admin, (sql) => sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
    },
  }
}
