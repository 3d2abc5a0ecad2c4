import { createReadStream, existsSync } from 'node:fs'
import { Readable } from 'node:stream'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { runImport } from '../../../data/importers/run.ts'
import { unhcrSites } from '../../../data/importers/unhcr-sites.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'
import { file, line } from '../../helpers/importers/unhcr-sites.ts'

const SITES = '../shared/data/displacement/displacement_locations_unhcr.csv'

describe.each(engines)('the unhcr-sites importer on %s', (engine) => {
  const database = useTestDatabase(engine)
  const run = (text: string, options = {}) =>
    runImport(database.current, unhcrSites, Readable.from([text]), options)
  const sites = () =>
    database.current.rows(sql`
      SELECT id, kind::text, country, status::text, closed_on::text, capacity, source_id, ST_AsText(location) AS at
      FROM resources WHERE id LIKE 'unhcr-%s0009%' ORDER BY id`)

  it('upserts sites on their pcode with capacity unknown; a second import changes nothing', async () => {
    const text = file(
      line(),
      line({ pcode: 'MLIs000902', country: 'Mali', locType: 'Refugee Location', type: 'Refugee' }),
    )
    expect(await run(text)).toMatchObject({ accepted: true, taken: 2, inserted: 2, rejected: 0 })
    expect(await sites()).toEqual([
      {
        id: 'unhcr-mlis000902',
        kind: 'refugee_site',
        country: 'ML',
        status: 'open',
        closed_on: null,
        capacity: null,
        source_id: 'unhcr-ficss-locations',
        at: 'POINT(7.5 16.5)',
      },
      expect.objectContaining({ id: 'unhcr-ners000901', kind: 'idp_site', country: 'NE' }),
    ])
    const [source] = await database.current.rows(
      sql`SELECT publisher, licence, url, citation FROM sources WHERE id = 'unhcr-ficss-locations'`,
    )
    expect(source?.citation).toContain('doi:10.1017/S0003055421000502')
    expect(await run(text)).toMatchObject({ accepted: true, inserted: 0, updated: 0, unchanged: 2 })
    expect(await run(text.replaceAll(',1,7.5,', ',0,7.5,'))).toMatchObject({ updated: 2, unchanged: 0 })
  })

  it('a file with a bad line changes nothing and names it; --skip-invalid lands the rest', async () => {
    const before = await sites()
    const text = file(line({ pcode: 'NERs000903' }), line({ pcode: 'BFAs000904', status: 'x' }))
    const report = await run(text)
    expect(report).toMatchObject({ accepted: false, taken: 1, rejected: 1 })
    expect(report.errors).toEqual([
      { line: 3, column: 'status', reason: '"x": expected 1 (open) or 0 (closed)' },
    ])
    expect(await sites()).toEqual(before)
    expect(await run(text, { skipInvalid: true })).toMatchObject({ accepted: true, taken: 1, rejected: 1 })
    expect((await sites()).map((s) => s.id)).toContain('unhcr-ners000903')
  })

  it.skipIf(!existsSync(SITES))(
    'imports the 1,323 route sites of the file in ../shared with --skip-invalid',
    async () => {
      const report = await runImport(database.current, unhcrSites, createReadStream(SITES), {
        skipInvalid: true,
      })
      expect(report).toMatchObject({
        accepted: true,
        rowsRead: 13733,
        taken: 1323,
        inserted: 1323,
        rejected: 12410,
      })
      const again = await runImport(database.current, unhcrSites, createReadStream(SITES), {
        skipInvalid: true,
      })
      expect(again).toMatchObject({ taken: 1323, inserted: 0, updated: 0, unchanged: 1323 })
      const kinds = await database.current.rows(sql`
      SELECT country, count(*)::int AS n FROM resources WHERE source_id = 'unhcr-ficss-locations'
        AND id NOT LIKE 'unhcr-%s0009%' GROUP BY country ORDER BY country`)
      expect(kinds).toEqual([
        { country: 'BF', n: 219 },
        { country: 'DZ', n: 10 },
        { country: 'IT', n: 8 },
        { country: 'LY', n: 10 },
        { country: 'ML', n: 68 },
        { country: 'MR', n: 3 },
        { country: 'NE', n: 344 },
        { country: 'SN', n: 307 },
        { country: 'TD', n: 320 },
        { country: 'TN', n: 34 },
      ])
    },
  )
})
