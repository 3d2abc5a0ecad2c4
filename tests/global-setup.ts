// The db and e2e tiers' setup: one migrated, seeded database per engine, prepared once per test run, as
// a template that each test file copies (a cold embedded PostGIS takes ~12 s and ~1 GB).
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { seedAll } from '../data/seed/index.ts'
import { migrationsFolder, openDatabase } from '../db/client.ts'
import { TEST_ROOT, templateDatabaseName, withAdminClient } from './helpers/engines.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string
  }
}

// Both projects that need the templates run this file; the second one reuses the first one's work.
const PREPARED = Symbol.for('crosswatch.test-templates')
type Prepared = { [PREPARED]?: Promise<string> }

export default async function setup(project: TestProject) {
  const shared = globalThis as Prepared
  shared[PREPARED] ??= prepareTemplates()
  project.provide('pgliteTemplate', await shared[PREPARED])
}

async function prepareTemplates(): Promise<string> {
  const template = await pgliteTemplate()
  if (process.env.DATABASE_URL) await postgresTemplate(process.env.DATABASE_URL)
  return template
}

/** What the template depends on: when none of it changed, the template of an earlier run is reused. */
function fingerprint(): string {
  const hash = createHash('sha256')
  // Seeded time series end today: a template from another day is stale.
  hash.update(new Date().toISOString().slice(0, 10))
  const files = [
    ...readdirSync(migrationsFolder, { recursive: true }).map((f) => join(migrationsFolder, String(f))),
    ...readdirSync('data', { recursive: true }).map((f) => join('data', String(f))),
    'package-lock.json',
  ]
  for (const file of files.sort())
    if (existsSync(file) && file.match(/\.\w+$/)) hash.update(readFileSync(file))
  return hash.digest('hex').slice(0, 16)
}

async function pgliteTemplate(): Promise<string> {
  const dir = join(TEST_ROOT, `template-${fingerprint()}`)
  if (existsSync(join(dir, 'PG_VERSION'))) return dir
  rmSync(TEST_ROOT, { recursive: true, force: true })
  const building = `${dir}.building`
  const database = await openDatabase({ dataDir: building })
  await seedAll(database)
  await database.close()
  renameSync(building, dir)
  return dir
}

async function postgresTemplate(url: string) {
  const name = templateDatabaseName(url)
  await withAdminClient(url, async (sql) => {
    await sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await sql.unsafe(`CREATE DATABASE "${name}"`)
  })
  const target = new URL(url)
  target.pathname = `/${name}`
  const database = await openDatabase({ url: target.toString(), dataDir: '' })
  await seedAll(database)
  await database.close()
}
