import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { detectLayout, parseItaly } from '../../../data/importers/italy.ts'
import { arrivalNotes, type ItalyRow, SAME_DAY_NOTE } from '../../../data/importers/italy-lines.ts'
import { ITALIAN_REGIONS, regionByIstat, regionByName } from '../../../data/importers/italy-regions.ts'
import type { Parsed } from '../../../data/importers/types.ts'
import {
  ARRIVALS,
  day,
  NATIONALITIES,
  NOTE8,
  NOTE24,
  RECEPTION,
  REPORTS,
} from '../../helpers/importers/italy.ts'

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
