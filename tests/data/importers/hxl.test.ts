import { createReadStream, existsSync } from 'node:fs'
import { Readable } from 'node:stream'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { hxl, parseHxl } from '../../../data/importers/hxl.ts'
import { pcodeForms } from '../../../data/importers/hxl-figures.ts'
import type { HxlRow } from '../../../data/importers/hxl-load.ts'
import { ImportFailed, runImport } from '../../../data/importers/run.ts'
import type { Parsed } from '../../../data/importers/types.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'

// Restricted terms (IOM DTM): read from ../shared, never copied.
const DTM = '../shared/data/displacement/global-iom-dtm-from-api-admin-0-to-2.csv'
const PCODES = '../shared/data/admin/global-pcodes-adm-1-2.csv'

async function parse(text: string): Promise<Parsed<HxlRow>[]> {
  const out: Parsed<HxlRow>[] = []
  for await (const p of parseHxl(Readable.from([text]))) out.push(p)
  return out
}
const rows = (parsed: Parsed<HxlRow>[]) => parsed.flatMap((p) => ('row' in p ? [p.row] : []))
const errors = (parsed: Parsed<HxlRow>[]) => parsed.flatMap((p) => ('errors' in p ? p.errors : []))

// The DTM API layout of HDX, cut to the columns that matter; lines 3+ are data.
const HEADER = [
  'operation,admin0Pcode,admin1Name,admin1Pcode,admin2Pcode,adminLevel,numPresentIdpInd,reportingDate,displacementReason,assessmentType',
  '#operation+name,#country+code,#adm1+name,#adm1+code,#adm2+code,#adm+level,#affected+idps,#date+reported,#cause+type,#assessment+type',
].join('\n')
const line = (
  over: Partial<
    Record<'country' | 'pcode' | 'adm2' | 'level' | 'idps' | 'date' | 'reason' | 'type', string>
  > = {},
) => {
  const v = {
    country: 'TCD',
    pcode: 'TD97',
    adm2: '',
    level: '1',
    idps: '100',
    date: '2024-06-30T00:00:00',
    reason: 'Conflict',
    type: 'BA',
    ...over,
  }
  return `Lake Chad Basin Crisis,${v.country},Testarea,${v.pcode},${v.adm2},${v.level},${v.idps},${v.date},${v.reason},${v.type}`
}
const file = (...lines: string[]) => `${HEADER}\n${lines.join('\n')}\n`

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
