import { createReadStream, existsSync } from 'node:fs'
import { Readable } from 'node:stream'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { mmp } from '../../../data/importers/mmp.ts'
import { runImport } from '../../../data/importers/run.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'
import { hdx, hdxFile } from '../../helpers/importers/mmp.ts'

const SHARED = '../shared/data/mmp'

const TEST_IDS = sql`external_id LIKE '2099.%'`

describe.each(engines)('the mmp importer on %s', (engine) => {
  const database = useTestDatabase(engine)
  const run = (text: string, options = {}) => runImport(database.current, mmp, Readable.from([text]), options)
  const file = hdxFile([
    hdx({ web_id: '2099.MMP00101' }),
    hdx({ web_id: '2099.MMP00102', number_dead: '', number_missing: '12', number_of_survivors: '40' }),
    hdx({ web_id: '2099.MMP00102', number_dead: '2' }),
  ])

  it('loads a file, and a second import of it changes nothing', async () => {
    const first = await run(file)
    expect(first).toMatchObject({
      accepted: true,
      taken: 3,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      rejected: 0,
    })
    const stamp = await database.current.rows<{ t: string }>(
      sql`SELECT max(updated_at)::text AS t FROM incidents WHERE ${TEST_IDS}`,
    )
    const second = await run(file)
    expect(second).toMatchObject({ accepted: true, taken: 3, inserted: 0, updated: 0, unchanged: 3 })
    expect(
      await database.current.rows(sql`SELECT max(updated_at)::text AS t FROM incidents WHERE ${TEST_IDS}`),
    ).toEqual(stamp)
    const [row] = await database.current.rows<Record<string, unknown>>(sql`
      SELECT i.type, i.severity, i.verification, i.dead, i.missing, i.survivors, i.injured, i.country,
        i.occurred_at = '2019-05-12T00:00:00Z' AS "onTheDay", i.occurred_precision, ST_X(i.location) AS lon,
        ST_Y(i.location) AS lat, s.licence, s.citation
      FROM incidents i JOIN sources s ON s.id = i.source_id WHERE i.external_id = '2099.MMP00102'`)
    expect(row).toEqual({
      type: 'death_or_disappearance',
      severity: 'high',
      verification: 'verified',
      dead: 0,
      missing: 12,
      survivors: 40,
      injured: 0,
      country: 'LY',
      onTheDay: true,
      occurred_precision: 'day',
      lon: 12.08,
      lat: 32.93,
      licence: 'CC BY-IGO 3.0',
      citation: 'Source: IOM Missing Migrants Project',
    })
  })

  it('updates a revised record in place and keeps a coordinator’s verdict', async () => {
    await run(file)
    await database.current.rows(
      sql`UPDATE incidents SET verification = 'duplicate' WHERE external_id = '2099.MMP00101'`,
    )
    const revised = file.replace('"number_dead":"3"', '"number_dead":"4"')
    expect(await run(revised)).toMatchObject({ inserted: 0, updated: 1, unchanged: 2 })
    const [row] = await database.current.rows(
      sql`SELECT dead, verification FROM incidents WHERE external_id = '2099.MMP00101'`,
    )
    expect(row).toEqual({ dead: 4, verification: 'duplicate' })
  })

  it('changes nothing for a broken file and names its bad lines; --skip-invalid lands the rest', async () => {
    const broken = hdxFile([
      hdx({ web_id: '2099.MMP00201' }),
      hdx({ web_id: '2099.MMP00202', location_coodinates: '' }),
      hdx({ web_id: '2099.MMP00203', number_missing: '-2' }),
    ])
    const count = async () =>
      (
        await database.current.rows<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM incidents WHERE external_id LIKE '2099.MMP002%'`,
        )
      )[0]?.n
    const report = await run(broken)
    expect(report).toMatchObject({ accepted: false, rejected: 2 })
    expect(report.errors).toEqual([
      { line: 3, column: '[1].location_coodinates', reason: 'no coordinates' },
      { line: 4, column: '[2].number_missing', reason: expect.stringMatching(/negative count -2/) },
    ])
    expect(await count()).toBe(0)
    expect(await run(broken, { skipInvalid: true })).toMatchObject({ accepted: true, taken: 1, rejected: 2 })
    expect(await count()).toBe(1)
  })

  it.skipIf(!existsSync(SHARED))(
    'imports a whole HDX year of ../shared, and again without a change',
    async () => {
      const year = () =>
        runImport(database.current, mmp, createReadStream(`${SHARED}/hdx_iom_api_by_year/2015-json.json`), {
          skipInvalid: true,
        })
      const first = await year()
      expect(first).toMatchObject({ accepted: true, taken: 850, rejected: 5 })
      // The 182 seeded route records of 2015 come from the same source with the same ids: unchanged.
      expect(first).toMatchObject({ inserted: 668, updated: 0, unchanged: 182 })
      expect(await year()).toMatchObject({ taken: 850, inserted: 0, updated: 0, unchanged: 850 })
    },
  )
})
