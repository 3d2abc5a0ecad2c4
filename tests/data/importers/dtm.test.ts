import { createReadStream, existsSync, readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { DTM_SOURCE, directionOf, dtm } from '../../../data/importers/dtm.ts'
import { looseName } from '../../../data/importers/names.ts'
import { type ImportOptions, runImport } from '../../../data/importers/run.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'

/** The real DTM file, under IOM DTM's restrictive terms: read from ../shared, never copied. */
const REAL = '../shared/data/dtm/dtm_wca_fmr_monthly_by_fmp_region.csv'
const header = 'month,fmp_country,fmp,from,to,n'

describe.each(engines)('importing DTM flow monitoring on %s', (engine) => {
  const database = useTestDatabase(engine)
  const run = (input: string | Readable, options: ImportOptions = {}) =>
    runImport(database.current, dtm, typeof input === 'string' ? Readable.from([input]) : input, options)
  const stored = (source: string, site: string) =>
    database.current.rows<{
      month: string
      direction: string
      count: number
      breakdown: { from: Record<string, number>; to: Record<string, number> }
    }>(sql`
      SELECT to_char(period_start AT TIME ZONE 'UTC', 'YYYY-MM') AS month, direction::text, count, breakdown
      FROM crossing_counts WHERE source_id = ${source} AND flow_point_id = ${site} AND period = 'month' ORDER BY 1, 2`)

  beforeAll(async () => {
    await database.current.db.execute(sql`
      INSERT INTO sources (id, name, publisher, licence) VALUES ('test-h1', 'Test', 'Test', 'none') ON CONFLICT DO NOTHING`)
    // Our own points for the made-up file, and the real file's points under the ids the seed gives them.
    await database.current.db.execute(sql`
      INSERT INTO flow_points (id, name, country, kind, location, location_precision, source_id, source_ref)
      SELECT id, name, country, 'fmp', ST_SetSRID(ST_MakePoint(8, 17), 4326), 'town', 'test-h1', 'test'
      FROM (VALUES ('fp-h1-alpha', 'Alpha Gare', 'NE'), ('fp-h1-beta', 'Béta-Ville', 'NE'),
                   ('fp-arlit', 'Arlit', 'NE'), ('fp-seguedine', 'Séguédine', 'NE'), ('fp-faya', 'Faya', 'TD'))
           AS p(id, name, country)
      ON CONFLICT (id) DO NOTHING`)
  })

  const made = [
    header,
    '2020-01,NER,Alpha Gare,NER,LBY,100.0',
    '2020-01,NER,Alpha Gare,NGA,LBY,50.0',
    '2020-01,NER,Alpha Gare,LBY,NER,30.0',
    '2020-01,NER,ALPHA GARE/Beta Ville,NER,DZA,5.0',
    '2020-01,NER,Béta Ville,NER,NER,7.0',
    '2020-02,NER,Unknownia,NER,LBY,3.0',
    '2020-02,NER,,NER,LBY,3.0',
  ].join('\n')

  it('changes nothing when a line names an unknown or no FMP, and names both lines', async () => {
    const report = await run(made, { context: { source: 'h1-dtm-a' } })
    expect(report).toMatchObject({ accepted: false, rowsRead: 7, rejected: 2 })
    expect(report.errors).toEqual([
      { line: 7, column: 'fmp', reason: 'unknown flow point "Unknownia" (NER): no flow point has this name' },
      { line: 8, column: 'fmp', reason: 'is empty: the flow-monitoring point is not named' },
    ])
    expect(await stored('h1-dtm-a', 'fp-h1-alpha')).toEqual([])
  })

  it('sums the lines of a point, month and direction, keeping from and to as breakdowns', async () => {
    const report = await run(made, { context: { source: 'h1-dtm-b' }, skipInvalid: true })
    expect(report).toMatchObject({ accepted: true, taken: 5, inserted: 3, rejected: 2 })
    expect(await stored('h1-dtm-b', 'fp-h1-alpha')).toEqual([
      { month: '2020-01', direction: 'in', count: 30, breakdown: { from: { LBY: 30 }, to: { NER: 30 } } },
      {
        month: '2020-01',
        direction: 'out',
        count: 155,
        breakdown: { from: { NER: 105, NGA: 50 }, to: { DZA: 5, LBY: 150 } },
      },
    ])
    expect(await stored('h1-dtm-b', 'fp-h1-beta')).toEqual([
      { month: '2020-01', direction: 'in', count: 7, breakdown: { from: { NER: 7 }, to: { NER: 7 } } },
    ])
    expect(await run(made, { context: { source: 'h1-dtm-b' }, skipInvalid: true })).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 3,
    })
    expect(
      await run(made, { context: { source: 'h1-dtm-c' }, skipInvalid: true, dryRun: true }),
    ).toMatchObject({ inserted: 3 })
    expect(await stored('h1-dtm-c', 'fp-h1-alpha')).toEqual([])
  })

  it.skipIf(!existsSync(REAL))(
    'imports the real DTM file of ../shared with --skip-invalid, summing as documented',
    async () => {
      const report = await run(createReadStream(REAL), { skipInvalid: true })
      expect(report).toMatchObject({ accepted: true, rowsRead: 5799 })
      expect(report.taken + report.rejected).toBe(5799)
      for (const e of report.errors)
        expect(e.reason).toMatch(/^(unknown flow point|is empty|direction unknown)/)
      const [source] = await database.current.rows<{ publisher: string; licence: string }>(
        sql`SELECT publisher, licence FROM sources WHERE id = ${DTM_SOURCE.id}`,
      )
      expect(source).toEqual({ publisher: DTM_SOURCE.publisher, licence: DTM_SOURCE.licence })

      // The sums, worked out here from the file for Arlit and for Seguedine (with "Seguedine/Madama").
      const lines = readFileSync(REAL, 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(','))
      for (const [site, names] of [
        ['fp-arlit', ['arlit']],
        ['fp-seguedine', ['seguedine', 'seguedine madama']],
      ] as const) {
        const expected = new Map<string, number>()
        for (const [month, c = '', fmp = '', from = '', to = '', n = ''] of lines) {
          const direction = directionOf(c, from.toUpperCase(), to.toUpperCase())
          if (!direction || !(names as readonly string[]).includes(looseName(fmp))) continue
          const key = `${month}|${direction}`
          expected.set(key, (expected.get(key) ?? 0) + Number(n))
        }
        const rows = await stored(DTM_SOURCE.id, site)
        expect(rows.length).toBeGreaterThan(10)
        expect(new Map(rows.map((r) => [`${r.month}|${r.direction}`, r.count]))).toEqual(expected)
        for (const r of rows) {
          expect(Object.values(r.breakdown.from).reduce((a, b) => a + b, 0)).toBe(r.count)
          expect(Object.values(r.breakdown.to).reduce((a, b) => a + b, 0)).toBe(r.count)
        }
      }
      const again = await run(createReadStream(REAL), { skipInvalid: true })
      expect(again).toMatchObject({
        inserted: 0,
        updated: 0,
        unchanged: report.inserted + report.updated + report.unchanged,
      })
    },
  )
})
