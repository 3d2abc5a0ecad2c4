import { createReadStream, existsSync } from 'node:fs'
import { Readable } from 'node:stream'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { hxl } from '../../../data/importers/hxl.ts'
import { ImportFailed, runImport } from '../../../data/importers/run.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'
import { file, line } from '../../helpers/importers/hxl.ts'

// Restricted terms (IOM DTM): read from ../shared, never copied.
const DTM = '../shared/data/displacement/global-iom-dtm-from-api-admin-0-to-2.csv'
const PCODES = '../shared/data/admin/global-pcodes-adm-1-2.csv'

describe.each(engines)('the hxl importer on %s', (engine) => {
  const database = useTestDatabase(engine)
  const run = (text: string, options = {}) => runImport(database.current, hxl, Readable.from([text]), options)
  const counts = () =>
    database.current.rows(sql`
      SELECT area_id, date::text, internally_displaced, people_in_sites, source_id FROM displacement_counts
      WHERE area_id LIKE 'zz-%' ORDER BY date`)

  it('stores the areas’ figures, and a second import changes nothing', async () => {
    await database.current.rows(sql`
      INSERT INTO sources (id, name, publisher, licence) VALUES ('test-hxl', 'Test areas', 'Tests', 'CC0')
      ON CONFLICT DO NOTHING`)
    await database.current.rows(sql`
      INSERT INTO admin_areas (id, pcode, name, country, level, geometry, source_id) VALUES
        ('zz-testarea', 'TCD97', 'Testarea', 'TD', 1, ST_Multi(ST_MakeEnvelope(14, 13, 14.5, 13.5, 4326)), 'test-hxl'),
        ('zz-testarea-nord', NULL, 'Testarea-Nord', 'TD', 1, ST_Multi(ST_MakeEnvelope(14, 14, 14.5, 14.5, 4326)), 'test-hxl')`)
    const text = file(
      line({ idps: '100' }),
      line({ idps: '20', reason: 'Insecurity' }),
      line({ idps: '90', type: 'SA' }),
    )
    expect(await run(text)).toMatchObject({ accepted: true, taken: 1, inserted: 1, rejected: 0 })
    expect(await counts()).toEqual([
      {
        area_id: 'zz-testarea',
        date: '2024-06-30',
        internally_displaced: 120,
        people_in_sites: 90,
        source_id: 'iom-dtm-hdx',
      },
    ])
    expect(await run(text)).toMatchObject({ accepted: true, inserted: 0, updated: 0, unchanged: 1 })
    expect(await run(text.replace(',100,', ',101,'))).toMatchObject({ updated: 1, unchanged: 0 })
  })

  it('refuses a P-code no area has, naming its line; --skip-invalid lands the rest', async () => {
    const text = file(line({ date: '2024-07-31' }), line({ pcode: 'TD96', date: '2024-07-31' }))
    const report = await run(text)
    expect(report).toMatchObject({ accepted: false, rejected: 1 })
    expect(report.errors).toEqual([
      { line: 4, column: '#adm1+code', reason: 'no admin area has P-code TD96 or TCD96' },
    ])
    expect((await counts()).map((c) => c.date)).not.toContain('2024-07-31')
    expect(await run(text, { skipInvalid: true })).toMatchObject({ accepted: true, taken: 1, rejected: 1 })
    expect((await counts()).map((c) => c.date)).toContain('2024-07-31')
  })

  it('needs --source for a file that does not say who published it', async () => {
    const text = '#adm1+code,#date,#affected+idps\nTCD97,2023-12-31,55\n'
    await expect(run(text)).rejects.toThrow(ImportFailed)
    await expect(run(text)).rejects.toThrow(/pass --source/)
    expect(await run(text, { context: { source: 'test-hxl' } })).toMatchObject({
      accepted: true,
      inserted: 1,
    })
    expect((await counts()).find((c) => c.date === '2023-12-31')).toMatchObject({ source_id: 'test-hxl' })
  })

  it('sets the P-code of an area matched by country and name; a second import changes nothing', async () => {
    const list = [
      'Location,Admin Level,P-Code,Name,Parent P-Code,Valid from date',
      '#country+code,#geo+admin_level,#adm+code,#adm+name,#adm+code+parent,#date+start',
      'TCD,1,TCD97,Testarea,TCD,2012-09-04',
      'TCD,1,TCD98,Testarea Nord,TCD,2012-09-04',
      'TCD,1,TCD99,Nowhere,TCD,2012-09-04',
    ].join('\n')
    const report = await run(list)
    expect(report).toMatchObject({ accepted: false, rejected: 1 })
    expect(report.errors).toEqual([
      {
        line: 5,
        column: '#adm+name',
        reason: 'no admin-1 area of TD is named Nowhere and none has P-code TCD99',
      },
    ])
    expect(await run(list, { skipInvalid: true })).toMatchObject({
      taken: 2,
      updated: 1,
      unchanged: 1,
      rejected: 1,
    })
    const [nord] = await database.current.rows(
      sql`SELECT pcode FROM admin_areas WHERE id = 'zz-testarea-nord'`,
    )
    expect(nord).toEqual({ pcode: 'TCD98' })
    expect(await run(list, { skipInvalid: true })).toMatchObject({ updated: 0, unchanged: 2 })
  })

  it.skipIf(!existsSync(DTM))(
    'imports the Lac figures of the DTM file in ../shared with --skip-invalid',
    async () => {
      const [lac] = await database.current.rows<{ id: string }>(
        sql`SELECT id FROM admin_areas WHERE pcode = 'TCD07'`,
      )
      if (!lac) {
        await database.current.rows(sql`
        INSERT INTO admin_areas (id, pcode, name, country, level, geometry, source_id) VALUES
          ('zz-lac', 'TCD07', 'Lac', 'TD', 1, ST_Multi(ST_MakeEnvelope(13, 12.5, 15, 14.5, 4326)), 'test-hxl')`)
      }
      const report = await runImport(database.current, hxl, createReadStream(DTM), { skipInvalid: true })
      expect(report).toMatchObject({ accepted: true, taken: 24, inserted: 24, rejected: 13311 })
      const [figure] = await database.current.rows(sql`
      SELECT d.internally_displaced, d.people_in_sites FROM displacement_counts d JOIN admin_areas a ON a.id = d.area_id
      WHERE a.pcode = 'TCD07' AND d.date = '2017-09-30' AND d.source_id = 'iom-dtm-hdx'`)
      expect(figure).toEqual({ internally_displaced: 147032, people_in_sites: 147032 })
    },
  )

  it.skipIf(!existsSync(PCODES))('imports the P-code list of ../shared with --skip-invalid', async () => {
    const report = await runImport(database.current, hxl, createReadStream(PCODES), { skipInvalid: true })
    expect(report.accepted).toBe(true)
    expect(report.rowsRead).toBe(33363)
    expect(report.taken + report.rejected).toBe(33363)
    // 112 admin-1 codes of the route when the seeded areas carry them; all level-2 rows are refused.
    expect(report.taken).toBeGreaterThan(0)
    expect(report.rejected).toBeGreaterThanOrEqual(30908)
  })
})
