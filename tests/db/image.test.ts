// The prepared embedded database (db/image.ts): a new folder opened from it has PostGIS and every
// migration, and an image made for other migrations is never loaded.
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { migrationsFolder, openDatabase } from '../../db/client.ts'
import { imagePath, prepareImage } from '../../db/image.ts'
import { TEST_ROOT } from '../helpers/engines.ts'

describe('the prepared embedded database', () => {
  const dir = mkdtempSync(join(TEST_ROOT, 'image-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('opens a new folder with PostGIS and every migration applied', async () => {
    await prepareImage()
    expect(existsSync(imagePath())).toBe(true)
    const steps: string[] = []
    const database = await openDatabase({ dataDir: join(dir, 'db'), onProgress: (s) => steps.push(s) })
    try {
      expect(steps[0]).toContain('from the prepared image')
      const [row] = await database.rows<{ postgis: string; applied: number }>(
        sql`SELECT postgis_lib_version() AS postgis,
                   (SELECT count(*)::int FROM drizzle.__drizzle_migrations) AS applied`,
      )
      const files = readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql'))
      expect(row?.applied).toBe(files.length)
      expect(row?.postgis).toMatch(/^3\./)
    } finally {
      await database.close()
    }
  })

  it('is named by the migrations: another migration makes another name', () => {
    const copy = join(dir, 'migrations')
    cpSync(migrationsFolder, copy, { recursive: true })
    expect(imagePath(copy)).toBe(imagePath())
    writeFileSync(join(copy, '9999_image_test.sql'), '-- a migration this checkout does not have\n')
    expect(imagePath(copy)).not.toBe(imagePath())
  })
})
