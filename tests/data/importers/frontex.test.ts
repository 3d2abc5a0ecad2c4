import { createReadStream, existsSync } from 'node:fs'
import { Readable } from 'node:stream'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { FRONTEX_SOURCE, frontex } from '../../../data/importers/frontex.ts'
import { type ImportOptions, runImport } from '../../../data/importers/run.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'

const REAL = '../shared/data/frontex/frontex_monthly_detections_by_route_nat.csv'
const header = 'route,type,nat,month,n'

describe.each(engines)('importing Frontex detections on %s', (engine) => {
  const database = useTestDatabase(engine)
  const run = (text: string | Readable, options: ImportOptions = {}) =>
    runImport(database.current, frontex, typeof text === 'string' ? Readable.from([text]) : text, options)
  const made = () =>
    database.current.rows<{ month: string; type: string; nationality: string; count: number }>(sql`
      SELECT to_char(period_start, 'YYYY-MM') AS month, border_type::text AS type, nationality, count
      FROM reported_counts WHERE source_id = ${FRONTEX_SOURCE.id} AND scope_code = 'test-sea' ORDER BY 1, 2, 3`)

  const file = [header, 'Test Sea Route,Sea,NGA,2031-01,12', 'Test Sea Route,Land,NGA,2031-01,3'].join('\n')

  it('changes nothing when a line is bad, and names it', async () => {
    const report = await run(
      `${file}\nTest Sea Route,Sea,NGA,2031-02,twelve\nTest Sea Route,Sea,NGA,2031-01,1`,
    )
    expect(report).toMatchObject({ accepted: false, rowsRead: 4, rejected: 2 })
    expect(report.errors).toEqual([
      { line: 4, column: 'n', reason: 'expected a whole number of detections, 0 or more' },
      { line: 5, column: 'row', reason: 'same route, type, nat and month as line 2' },
    ])
    expect(await made()).toEqual([])
  })

  it('lands a clean file, and a second import changes nothing', async () => {
    expect(await run(file)).toMatchObject({ accepted: true, taken: 2, inserted: 2 })
    expect(await made()).toEqual([
      { month: '2031-01', type: 'land', nationality: 'NGA', count: 3 },
      { month: '2031-01', type: 'sea', nationality: 'NGA', count: 12 },
    ])
    expect(await run(file)).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 })
    expect(await run(file.replace(',12', ',13'))).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 })
  })

  it('files the figures under --source when given, created with Frontex’s credit', async () => {
    expect(await run(file, { context: { source: 'frontex-test-copy' } })).toMatchObject({ inserted: 2 })
    const rows = await database.current.rows(sql`
      SELECT s.citation, count(*)::int AS n FROM reported_counts r JOIN sources s ON s.id = r.source_id
      WHERE r.source_id = 'frontex-test-copy' GROUP BY 1`)
    expect(rows).toEqual([{ citation: 'Source: Frontex', n: 2 }])
  })

  it.skipIf(!existsSync(REAL))('imports the real file of ../shared/data: every line taken', async () => {
    const report = await run(createReadStream(REAL))
    // The seed loaded the Central Mediterranean lines (data/frontex): those 6,452 are unchanged.
    expect(report).toMatchObject({
      accepted: true,
      rowsRead: 34273,
      taken: 34273,
      rejected: 0,
      inserted: 34273 - 6452,
      updated: 0,
      unchanged: 6452,
    })
    const years = await database.current.rows<{ year: string; n: number }>(sql`
      SELECT to_char(period_start, 'YYYY') AS year, sum(count)::int AS n FROM reported_counts
      WHERE source_id = ${FRONTEX_SOURCE.id} AND scope_code = 'central-mediterranean'
        AND to_char(period_start, 'YYYY') IN ('2014', '2016', '2023', '2024') GROUP BY 1 ORDER BY 1`)
    expect(years).toEqual([
      { year: '2014', n: 170664 },
      { year: '2016', n: 181376 },
      { year: '2023', n: 158026 },
      { year: '2024', n: 66855 },
    ])
    expect(await run(createReadStream(REAL))).toMatchObject({ inserted: 0, updated: 0, unchanged: 34273 })
  })
})
