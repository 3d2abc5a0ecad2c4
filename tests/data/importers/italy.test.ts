import { createReadStream, existsSync } from 'node:fs'
import { Readable } from 'node:stream'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { ITALY_SOURCE, italy } from '../../../data/importers/italy.ts'
import { SAME_DAY_NOTE } from '../../../data/importers/italy-lines.ts'
import { type ImportOptions, runImport } from '../../../data/importers/run.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'
import { ARRIVALS, day, NATIONALITIES, RECEPTION, REPORTS } from '../../helpers/importers/italy.ts'

const SHARED = '../shared/data/italy'

describe.each(engines)('importing the Italian series on %s', (engine) => {
  const database = useTestDatabase(engine)
  const run = (text: string | Readable, options: ImportOptions = {}) =>
    runImport(database.current, italy, typeof text === 'string' ? Readable.from([text]) : text, options)
  /** Made-up figures live in 2031, clear of the real series the seed loaded. */
  const days = () =>
    database.current.rows<{ day: string; count: number; reported_on: string; notes: string | null }>(sql`
      SELECT to_char(period_start, 'YYYY-MM-DD') AS day, count, to_char(reported_on, 'YYYY-MM-DD') AS reported_on, notes
      FROM reported_counts
      WHERE source_id = ${ITALY_SOURCE.id} AND period = 'day' AND period_start >= '2031-01-01' ORDER BY 1`)

  it('changes nothing when a line is bad, and names every bad line', async () => {
    const report = await run(
      [
        ARRIVALS,
        day('2031-03-01', '10', '2031-03-15'),
        day('2031-03-02', 'dieci', '2031-03-15'),
        day('2031-03-03', '5', '2031-03-15'),
        day('2031-03-32', '5', '2031-04-15'),
      ].join('\n'),
    )
    expect(report).toMatchObject({ accepted: false, rowsRead: 4, taken: 2, rejected: 2 })
    expect(report.errors).toEqual([
      { line: 3, column: 'Valore', reason: 'expected a whole number of people, 0 or more' },
      { line: 5, column: 'Data', reason: '2031-03-32 does not exist' },
    ])
    expect(await days()).toEqual([])
  })

  it('keeps the latest report of each day, skips placeholders, and changes nothing the second time', async () => {
    const file = [
      ARRIVALS,
      day('2031-03-01', '10', '2031-03-15'),
      day('2031-03-15', '0', '2031-03-15'),
      day('2031-03-16', '0', '2031-03-15'),
      day('2031-03-31', '', '2031-03-15'),
      day('2031-03-01', '12', '2031-03-31'),
      day('2031-03-15', '80', '2031-03-31'),
      day('2031-03-16', '7', '2031-03-31'),
      day('2031-03-31', '4', '2031-03-31'),
    ].join('\n')
    expect(await run(file)).toMatchObject({ accepted: true, rowsRead: 8, taken: 8, inserted: 4, rejected: 0 })
    expect(await days()).toEqual([
      { day: '2031-03-01', count: 12, reported_on: '2031-03-31', notes: null },
      { day: '2031-03-15', count: 80, reported_on: '2031-03-31', notes: null },
      { day: '2031-03-16', count: 7, reported_on: '2031-03-31', notes: null },
      { day: '2031-03-31', count: 4, reported_on: '2031-03-31', notes: SAME_DAY_NOTE },
    ])
    expect(await run(file)).toMatchObject({ inserted: 0, updated: 0, unchanged: 4 })

    // An older report imported later changes nothing; a later one updates what it revises.
    const older = [
      ARRIVALS,
      day('2031-03-01', '10', '2031-03-15'),
      day('2031-03-15', '0', '2031-03-15'),
    ].join('\n')
    expect(await run(older)).toMatchObject({ accepted: true, inserted: 0, updated: 0, unchanged: 2 })
    const later = [ARRIVALS, day('2031-03-31', '44', '2031-04-15')].join('\n')
    expect(await run(later)).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 })
    expect((await days()).at(-1)).toEqual({
      day: '2031-03-31',
      count: 44,
      reported_on: '2031-04-15',
      notes: null,
    })
    expect(await run(older, { dryRun: true })).toMatchObject({ unchanged: 2 })
  })

  it('stores nationalities year to date, reception by region, and the report list', async () => {
    const nat = [NATIONALITIES, '2031-05-15,Bangladesh,BD,4200', '2031-05-15,altre,,3565'].join('\n')
    const rec = [RECEPTION, "Valle d'Aosta,2031-05-15,,99,,37,02,Valle d'Aosta/Vallée d'Aoste"].join('\n')
    const list = [REPORTS, '2031-05-15,https://example.org/cruscotto_15-05-2031.pdf'].join('\n')
    for (const file of [nat, rec, list]) {
      expect(await run(file)).toMatchObject({ accepted: true, rejected: 0, updated: 0, unchanged: 0 })
      expect(await run(file)).toMatchObject({ inserted: 0, updated: 0 })
    }
    const stored = await database.current.rows(sql`
      SELECT measure::text, scope_code, area_id, period::text, to_char(period_start, 'YYYY-MM-DD') AS start,
             nationality, reception::text, count, s.url
      FROM reported_counts r LEFT JOIN source_reports s USING (source_id, reported_on)
      WHERE r.source_id = ${ITALY_SOURCE.id} AND r.period_end = '2031-05-15'
      ORDER BY r.measure, r.nationality, r.reception`)
    const url = 'https://example.org/cruscotto_15-05-2031.pdf'
    expect(stored).toEqual([
      {
        measure: 'sea_arrivals',
        scope_code: 'IT',
        area_id: null,
        period: 'year_to_date',
        start: '2031-01-01',
        nationality: 'BGD',
        reception: null,
        count: 4200,
        url,
      },
      { ...(stored[0] as object), nationality: 'other', count: 3565 },
      {
        measure: 'people_in_reception',
        scope_code: 'IT-23',
        area_id: 'it-aoste',
        period: 'on_date',
        start: '2031-05-15',
        nationality: null,
        reception: 'reception_centre',
        count: 99,
        url,
      },
      { ...(stored[2] as object), reception: 'sai', count: 37 },
    ])
  })

  // The real files, taken and refused as docs/import.md says. The seed loaded the shipped copies
  // (the same bytes) into the template: every figure is there already, unchanged.
  it.skipIf(!existsSync(SHARED)).each([
    ['sbarchi-per-giorno.csv', 4352, 2207],
    ['nazionalita.csv', 1619, 1619],
    ['accoglienza.csv', 2800, 5910],
    ['anagrafica-report.csv', 116, 116],
  ])('imports the real %s of ../shared/data: %i lines, %i figures', async (name, lines, figures) => {
    const path = `${SHARED}/${name}`
    const report = await run(createReadStream(path))
    expect(report).toMatchObject({ accepted: true, rowsRead: lines, taken: lines, rejected: 0 })
    expect(report.inserted + report.updated + report.unchanged).toBe(figures)
    expect(await run(createReadStream(path))).toMatchObject({ inserted: 0, updated: 0, unchanged: figures })
  })

  const descriptor = `${SHARED}/italian-immigration-datapackage.json`
  it.skipIf(!existsSync(descriptor))('refuses the real descriptor of ../shared/data as a whole', async () => {
    const report = await run(createReadStream(descriptor))
    expect(report).toMatchObject({ accepted: false, rowsRead: 1, taken: 0, rejected: 1 })
    expect(report.errors[0]?.reason).toContain('npm run import -- italy sbarchi-per-giorno.csv')
  })

  it('holds the real series as published: 2024-11 sums to 7,766 sea arrivals', async () => {
    const [month] = await database.current.rows<{ n: number; days: number }>(sql`
      SELECT sum(count)::int AS n, count(*)::int AS days FROM reported_counts
      WHERE source_id = ${ITALY_SOURCE.id} AND period = 'day' AND period_start BETWEEN '2024-11-01' AND '2024-11-30'`)
    expect(month).toEqual({ n: 7766, days: 30 })
    const [source] = await database.current.rows<{ licence: string; citation: string }>(
      sql`SELECT licence, citation FROM sources WHERE id = ${ITALY_SOURCE.id}`,
    )
    expect(source?.licence).toBe('CC BY 4.0')
    expect(source?.citation).toMatch(/^Fonte: Liberiamoli tutti!/)
  })
})
