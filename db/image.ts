// A prepared embedded database: PostGIS installed and every migration applied, made once (at npm install)
// and loaded into a new data folder at first start, instead of running initdb, CREATE EXTENSION postgis
// (~4 s each) and the migrations there. Named by what it depends on, so a stale one is never loaded.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const migrationsFolder = join(root, 'db/migrations')
/** Beside other tools' caches: removed with node_modules, never committed. */
const CACHE = join(root, 'node_modules/.cache/crosswatch')

function version(pkg: string): string {
  const manifest = join(root, 'node_modules', pkg, 'package.json')
  return existsSync(manifest)
    ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version
    : '?'
}

/** The image's file: a hash of the migrations and of the PGlite and PostGIS builds that read it. */
export function imagePath(migrations = migrationsFolder): string {
  const hash = createHash('sha256')
  hash.update(`${version('@electric-sql/pglite')} ${version('@electric-sql/pglite-postgis')}\n`)
  for (const file of readdirSync(migrations, { recursive: true }).map(String).sort())
    if (/\.(sql|json)$/.test(file)) hash.update(readFileSync(join(migrations, file)))
  return join(CACHE, `embedded-${hash.digest('hex').slice(0, 16)}.tar.gz`)
}

/** The prepared image, if one matches this checkout. */
export function preparedImage(): Blob | undefined {
  const path = imagePath()
  return existsSync(path) ? new Blob([readFileSync(path)]) : undefined
}

/** Makes the image when none matches: a new database in a temporary folder, migrated, dumped. */
export async function prepareImage(log: (line: string) => void = () => {}): Promise<string> {
  const path = imagePath()
  if (existsSync(path)) return path
  const [{ PGlite }, { postgis }, { drizzle }, { migrate }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite-postgis'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ])
  const dir = join(tmpdir(), `crosswatch-image-${process.pid}`)
  rmSync(dir, { recursive: true, force: true })
  try {
    log('[crosswatch] preparing the embedded database (PostGIS and migrations), once…')
    const client = await PGlite.create(dir, { extensions: { postgis } })
    await migrate(drizzle({ client }), { migrationsFolder })
    const blob = await client.dumpDataDir('gzip')
    await client.close()
    mkdirSync(CACHE, { recursive: true })
    writeFileSync(`${path}.part`, Buffer.from(await blob.arrayBuffer()))
    renameSync(`${path}.part`, path)
    return path
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
