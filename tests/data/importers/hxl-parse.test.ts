import { createReadStream, existsSync } from 'node:fs'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { parseHxl } from '../../../data/importers/hxl.ts'
import { pcodeForms } from '../../../data/importers/hxl-figures.ts'
import type { HxlRow } from '../../../data/importers/hxl-load.ts'
import type { Parsed } from '../../../data/importers/types.ts'
import { file, line } from '../../helpers/importers/hxl.ts'

// Restricted terms (IOM DTM): read from ../shared, never copied.
const DTM = '../shared/data/displacement/global-iom-dtm-from-api-admin-0-to-2.csv'
async function parse(text: string): Promise<Parsed<HxlRow>[]> {
  const out: Parsed<HxlRow>[] = []
  for await (const p of parseHxl(Readable.from([text]))) out.push(p)
  return out
}
const rows = (parsed: Parsed<HxlRow>[]) => parsed.flatMap((p) => ('row' in p ? [p.row] : []))
const errors = (parsed: Parsed<HxlRow>[]) => parsed.flatMap((p) => ('errors' in p ? p.errors : []))

describe('parseHxl: displacement figures', () => {
  it('finds columns by hashtag, attributes in any order, whatever the header text; BOM and CRLF are fine', async () => {
    const text = [
      '\ufeffwhere,when,how many',
      '#ADM1 +Code,#date+reported,#affected +ind +idps',
      'TD97,2024-06-30,"1,500"',
    ].join('\r\n')
    const parsed = await parse(text)
    expect(errors(parsed)).toEqual([])
    expect(rows(parsed)).toEqual([
      {
        kind: 'displacement',
        sourceId: null,
        pcodes: ['TD97', 'TCD97'],
        date: '2024-06-30',
        internallyDisplaced: 1500,
        returnees: null,
        peopleInSites: null,
        lines: [3],
      },
    ])
  })

  it('sums the reasons of an area and date, and keeps site assessments apart', async () => {
    const parsed = await parse(
      file(
        line({ idps: '100' }),
        line({ idps: '20', reason: 'Insecurity' }),
        line({ idps: '90', type: 'SA' }),
        line({ idps: '7', date: '2024-01-31' }),
      ),
    )
    expect(errors(parsed)).toEqual([])
    expect(rows(parsed)).toEqual([
      expect.objectContaining({
        sourceId: 'iom-dtm-hdx',
        date: '2024-06-30',
        internallyDisplaced: 120,
        peopleInSites: 90,
        lines: [3, 4, 5],
      }),
      expect.objectContaining({
        date: '2024-01-31',
        internallyDisplaced: 7,
        peopleInSites: null,
        lines: [6],
      }),
    ])
  })

  it.each([
    ['an admin-0 row', line({ level: '0', pcode: '' }), '#adm+level', /admin level 0/],
    ['an admin-2 row', line({ level: '2', adm2: 'TD9701' }), '#adm+level', /admin level 2/],
    ['an admin-2 code', line({ level: '', adm2: 'TD9701' }), '#adm2+code', /admin-2/],
    [
      'a country off the route',
      line({ country: 'AFG', pcode: 'AF01' }),
      '#country+code',
      /not a country of the route/,
    ],
    ['no P-code', line({ pcode: '' }), '#adm1+code', /no P-code/],
    ['a bad date', line({ date: '30/06/2024' }), '#date+reported', /expected a date/],
    ['a negative figure', line({ idps: '-5' }), '#affected+idps', /not a count/],
    ['no figure', line({ idps: '' }), '#affected+idps', /no figure/],
    ['an unknown assessment', line({ type: 'XX' }), '#assessment+type', /BA .* or SA/],
  ])('refuses %s, naming line and hashtag', async (_, bad, column, reason) => {
    const parsed = await parse(file(line({ pcode: 'TD98' }), bad))
    expect(rows(parsed)).toHaveLength(1)
    expect(errors(parsed)).toEqual([{ line: 4, column, reason: expect.stringMatching(reason) }])
  })

  it('refuses a repeated line, and the other lines of an area and date that has a bad one', async () => {
    const parsed = await parse(
      file(line(), line(), line({ reason: 'Insecurity', idps: 'x' }), line({ reason: 'Other' })),
    )
    expect(rows(parsed)).toEqual([])
    expect(errors(parsed)).toEqual([
      {
        line: 4,
        column: '#affected+idps',
        reason: 'repeats line 3 (same area, date, assessment and reason)',
      },
      { line: 5, column: '#affected+idps', reason: expect.stringMatching(/not a count/) },
      {
        line: 3,
        column: 'row',
        reason: expect.stringMatching(/not loaded: line 4 .* the sum would be short/),
      },
      { line: 6, column: 'row', reason: expect.stringMatching(/not loaded: line 4/) },
    ])
  })

  it.each([
    ['TD07', ['TD07', 'TCD07']],
    ['TCD07', ['TCD07', 'TD07']],
    ['NE001', ['NE001', 'NER001']],
    ['XY01', ['XY01']],
  ])('matches %s also as its other country prefix', (code, forms) => {
    expect(pcodeForms(code)).toEqual(forms)
  })

  it('names a file without hashtags, or with hashtags it does not know', async () => {
    expect(errors(await parse('a,b\n1,2\n'))).toEqual([
      { line: 1, column: 'hashtags', reason: expect.stringMatching(/no HXL hashtag row/) },
    ])
    expect(errors(await parse('Location,Country Length\n#country+code,#country+len\nAFG,2\n'))).toEqual([
      { line: 2, column: 'hashtags', reason: expect.stringMatching(/no hashtags this importer knows/) },
    ])
  })
})

describe('parseHxl: the P-code list', () => {
  const list = (...rows: string[]) =>
    `\ufeffLocation,Admin Level,P-Code,Name,Parent P-Code,Valid from date\r\n#country+code,#geo+admin_level,#adm+code,#adm+name,#adm+code+parent,#date+start\r\n${rows.join('\r\n')}\r\n`

  it('takes admin-1 rows of the route and refuses the others with the reason', async () => {
    const parsed = await parse(
      list(
        'NER,1,NE001,Agadez,NER,2019-01-01',
        'NER,2,NE001001,Arlit,NE001,2019-01-01',
        'AFG,1,AF01,Kabul,AFG,2019-10-22',
      ),
    )
    expect(rows(parsed)).toEqual([{ kind: 'pcode', country: 'NE', pcode: 'NE001', name: 'Agadez' }])
    expect(errors(parsed)).toEqual([
      { line: 4, column: '#geo+admin_level', reason: 'admin level 2: Crosswatch keeps admin-1 areas only' },
      { line: 5, column: '#country+code', reason: expect.stringMatching(/AFG: not a country of the route/) },
    ])
  })
})

describe.skipIf(!existsSync(DTM))('the DTM file of ../shared (read in place: restricted terms)', () => {
  it('gives the 24 area-dates of Lac from its 56 admin-1 lines and refuses the rest with reasons', async () => {
    const parsed: Parsed<HxlRow>[] = []
    for await (const p of parseHxl(createReadStream(DTM))) parsed.push(p)
    const taken = rows(parsed)
    expect(taken).toHaveLength(24)
    expect(taken.flatMap((r) => (r.kind === 'displacement' ? r.lines : [])).length).toBe(56)
    expect(parsed.length - taken.length).toBe(13311)
    expect(taken.at(-1)).toMatchObject({
      pcodes: ['TD07', 'TCD07'],
      date: '2025-01-31',
      internallyDisplaced: 221543 + 4146,
    })
  })
})
