import { createReadStream, existsSync } from 'node:fs'
import { Readable } from 'node:stream'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { detectLayout, ITALY_SOURCE, italy, parseItaly } from '../../../data/importers/italy.ts'
import { arrivalNotes, type ItalyRow, SAME_DAY_NOTE } from '../../../data/importers/italy-lines.ts'
import { ITALIAN_REGIONS, regionByIstat, regionByName } from '../../../data/importers/italy-regions.ts'
import { type ImportOptions, runImport } from '../../../data/importers/run.ts'
import type { Parsed } from '../../../data/importers/types.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'

const SHARED = '../shared/data/italy'
const ARRIVALS = 'Data,Valore,Note,Fonte,Data_Report'
const NOTE8 =
  '*I dati si riferiscono agli eventi di sbarco rilevati entro le ore 8:00 del giorno di riferimento'
const NOTE24 =
  '*I dati si riferiscono agli eventi di sbarco rilevati entro le ore 24:00 del giorno di riferimento'
const day = (data: string, value: string, report: string, note = NOTE8) =>
  `${data},${value},${note},Fonte: Dipartimento della Pubblica sicurezza.,${report}`
const NATIONALITIES = 'Data_Report,Nazione,ISO_3166-1,Valore'
const RECEPTION =
  'Regione,Data_Report,Migranti presenti negli hot spot,Migranti presenti nei centri di accoglienza,' +
  'Migranti presenti nei centri SIPROIMI,Migranti presenti nei centri SAI,CodiceRegione,DenominazioneRegione'
const REPORTS = 'Data_Report,URL'

async function parse(text: string): Promise<Parsed<ItalyRow>[]> {
  const out: Parsed<ItalyRow>[] = []
  for await (const p of parseItaly(Readable.from([text]))) out.push(p)
  return out
}

const only = async (header: string, line: string) => (await parse(`${header}\n${line}\n`))[0]

describe('parseItaly', () => {
  it.each([
    [ARRIVALS.split(','), 'arrivals'],
    [NATIONALITIES.split(','), 'nationalities'],
    [RECEPTION.split(','), 'reception'],
    [REPORTS.split(','), 'reports'],
  ])('recognises %j as %s', (header, layout) => {
    expect(detectLayout(header)).toBe(layout)
  })

  it.each([
    ['a header it does not know', 'route,type,nat,month,n\n', 'header', /not a file of the Cruscotto/],
    ['the Frictionless descriptor', '{\n  "profile": "data-package"\n}\n', 'file', /data-package descriptor/],
    ['an empty file', '', 'file', /empty/],
    ['an unknown extra column', `${REPORTS},Extra\n`, 'Extra', /unknown column/],
  ])('refuses %s at line 1', async (_, text, column, reason) => {
    const parsed = await parse(text)
    expect(parsed).toHaveLength(1)
    expect(parsed[0]).toMatchObject({ line: 1, errors: [expect.objectContaining({ line: 1, column })] })
    const [error] = (parsed[0] as { errors: { reason: string }[] }).errors
    expect(error?.reason).toMatch(reason)
  })

  it.each([
    // [case, line, what it gives: a figure's count, "placeholder", or the erring column and reason]
    ['a day of its report', day('2024-03-02', '57', '2024-03-15'), 57],
    ['the report date itself', day('2024-03-15', '0', '2024-03-15'), 0],
    ['a placeholder after the report', day('2024-03-16', '0', '2024-03-15'), 'placeholder'],
    ['a blank placeholder', day('2024-03-20', '', '2024-03-15'), 'placeholder'],
    ['an unfilled template placeholder', day('2024-05-27', '0[VALORE]0', '2024-05-15'), 'placeholder'],
    ['a placeholder day that does not exist', day('2024-04-31', '0', '2024-04-15'), 'placeholder'],
    [
      'a placeholder that gives people',
      day('2024-03-20', '12', '2024-03-15'),
      ['Valore', /after its report/],
    ],
    ['a real day that does not exist', day('2024-04-31', '3', '2024-05-15'), ['Data', /does not exist/]],
    ['a day written otherwise', day('02/03/2024', '3', '2024-03-15'), ['Data', /expected a date/]],
    ['a bad report date', day('2024-03-02', '3', '2024-3-15'), ['Data_Report', /expected a date/]],
    ['a count that is not a number', day('2024-03-02', '12a', '2024-03-15'), ['Valore', /whole number/]],
    ['a negative count', day('2024-03-02', '-4', '2024-03-15'), ['Valore', /whole number/]],
    ['a fractional count', day('2024-03-02', '4.5', '2024-03-15'), ['Valore', /whole number/]],
  ])('daily arrivals: %s', async (_, line, expected) => {
    const parsed = await only(ARRIVALS, line)
    expect(parsed?.line).toBe(2)
    if (typeof expected === 'number') {
      expect(parsed).toMatchObject({ row: { counts: [{ period: 'day', count: expected, scopeCode: 'IT' }] } })
    } else if (expected === 'placeholder') expect(parsed).toMatchObject({ row: { counts: [] } })
    else {
      const [column, reason] = expected as [string, RegExp]
      expect(parsed).toMatchObject({ errors: [{ line: 2, column, reason: expect.stringMatching(reason) }] })
    }
  })

  it('keeps every report of a day for the loader to pick the latest, and refuses one day twice in a report', async () => {
    const parsed = await parse(
      [
        ARRIVALS,
        day('2024-03-02', '57', '2024-03-15'),
        day('2024-03-02', '60', '2024-03-31'),
        day('2024-03-02', '61', '2024-03-31'),
      ].join('\n'),
    )
    expect(parsed.map((p) => ('row' in p ? p.row.counts[0]?.reportedOn : p.errors))).toEqual([
      '2024-03-15',
      '2024-03-31',
      [{ line: 4, column: 'row', reason: 'same Data and Data_Report as line 3' }],
    ])
  })

  it.each([
    ['2024-03-02', '2024-03-15', NOTE8, null],
    ['2024-03-15', '2024-03-15', NOTE8, SAME_DAY_NOTE],
    ['2022-12-02', '2022-12-31', NOTE24, NOTE24.slice(1)],
    ['2022-12-31', '2022-12-31', NOTE24, `${NOTE24.slice(1)}. ${SAME_DAY_NOTE}`],
  ])('notes of %s reported %s', (data, report, note, expected) => {
    expect(arrivalNotes(data, report, note)).toBe(expected)
  })

  it.each([
    ['2024-05-15,Bangladesh,BD,4200', { nationality: 'BGD', count: 4200 }],
    ['2024-05-15,Bangladesh,BGD,4200', { nationality: 'BGD', count: 4200 }],
    ['2024-05-15,altre,,3565', { nationality: 'other', count: 3565 }],
  ])('nationality line %s', async (line, figure) => {
    expect(await only(NATIONALITIES, line)).toMatchObject({
      row: {
        counts: [
          {
            ...figure,
            measure: 'sea_arrivals',
            period: 'year_to_date',
            periodStart: '2024-01-01',
            periodEnd: '2024-05-15',
          },
        ],
      },
    })
  })

  it.each([
    ['2024-05-15,Atlantide,,12', 'ISO_3166-1', /is empty for Atlantide/],
    ['2024-05-15,Zedland,ZZ,12', 'ISO_3166-1', /no ISO alpha-3 code known for ZZ/],
    ['2024-05-15,Bangladesh,B1,12', 'ISO_3166-1', /expected an ISO 3166-1 code/],
    ['2024-05-15,Bangladesh,BD,', 'Valore', /whole number/],
    ['2024-02-30,Bangladesh,BD,1', 'Data_Report', /does not exist/],
  ])('refuses the nationality line %s at %s', async (line, column, reason) => {
    expect(await only(NATIONALITIES, line)).toMatchObject({
      errors: [{ line: 2, column, reason: expect.stringMatching(reason) }],
    })
  })

  it('gives one figure per kind of reception a region line fills, none for a blank', async () => {
    const sicily = await only(RECEPTION, 'Sicilia,2024-05-15,1200,9000,,3000,19,Sicilia')
    const kinds = (p: typeof sicily) => ('row' in (p ?? {}) ? (p as { row: ItalyRow }).row.counts : [])
    expect(kinds(sicily).map((c) => [c.scopeCode, c.reception, c.count, c.period, c.areaId])).toEqual([
      ['IT-82', 'hotspot', 1200, 'on_date', null],
      ['IT-82', 'reception_centre', 9000, 'on_date', null],
      ['IT-82', 'sai', 3000, 'on_date', null],
    ])
    const aosta = await only(RECEPTION, "Valle d'Aosta,2019-09-30,,99,40,,02,Valle d'Aosta/Vallée d'Aoste")
    expect(kinds(aosta).map((c) => [c.scopeCode, c.scopeName, c.reception, c.areaId])).toEqual([
      ['IT-23', "Valle d'Aosta", 'reception_centre', 'it-aoste'],
      ['IT-23', "Valle d'Aosta", 'siproimi', 'it-aoste'],
    ])
  })

  it.each([
    ['Atlantide,2024-05-15,,10,,5,99,Atlantide', 'Regione', /not an Italian region/],
    ['Sicilia,2024-05-15,,10,,5,18,Sicilia', 'CodiceRegione', /not the ISTAT code of Sicilia \(19\)/],
    [
      'Sicilia,2024-05-15,,dieci,,5,19,Sicilia',
      'Migranti presenti nei centri di accoglienza',
      /whole number/,
    ],
  ])('refuses the reception line %s at %s', async (line, column, reason) => {
    expect(await only(RECEPTION, line)).toMatchObject({
      errors: [{ line: 2, column, reason: expect.stringMatching(reason) }],
    })
  })

  it('reads a report line and refuses a URL that is none', async () => {
    expect(await only(REPORTS, '2024-05-15,https://example.org/r.pdf')).toEqual({
      line: 2,
      raw: '2024-05-15,https://example.org/r.pdf',
      row: { counts: [], report: { reportedOn: '2024-05-15', url: 'https://example.org/r.pdf' } },
    })
    expect(await only(REPORTS, '2024-05-15,cruscotto.pdf')).toMatchObject({
      errors: [{ line: 2, column: 'URL', reason: 'expected an http(s) URL' }],
    })
  })

  it('knows the 20 regions by ISTAT code and by name, with ISO 3166-2 codes', () => {
    expect(new Set(ITALIAN_REGIONS.map((r) => r.iso)).size).toBe(20)
    expect(regionByIstat('19')?.iso).toBe('IT-82')
    expect(regionByIstat('2')?.name).toBe("Valle d'Aosta")
    expect(regionByName('Friuli Venezia Giulia')?.istat).toBe('06')
    expect(regionByName('Trentino-Alto Adige/Südtirol')?.iso).toBe('IT-32')
    expect(regionByName('Lombardy')).toBeUndefined()
  })
})

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
