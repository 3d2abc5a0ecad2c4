import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { alignment, parseCrossings, parseInstant } from '../../../data/importers/crossings.ts'
import { type CountRow, fileSourceId } from '../../../data/importers/crossings-load.ts'
import type { Parsed } from '../../../data/importers/types.ts'

const header = 'site,period_start,period,direction,count'

async function parse(text: string): Promise<Parsed<CountRow>[]> {
  const out: Parsed<CountRow>[] = []
  for await (const p of parseCrossings(Readable.from([text]))) out.push(p)
  return out
}

describe('parseCrossings', () => {
  it('reads a row, folding the breakdown columns into JSON', async () => {
    const [parsed] = await parse(
      `${header},nationality,sex,age_group,purpose,source\nne-assamaka,2024-03-01T05:00:00+01:00,hour,in,12,NGA=5;NER=3,f=2,0-17=1;60+=1,work=4,\n`,
    )
    expect(parsed).toEqual({
      line: 2,
      raw: expect.stringContaining('ne-assamaka'),
      row: {
        site: 'ne-assamaka',
        periodStart: '2024-03-01T04:00:00.000Z',
        period: 'hour',
        direction: 'in',
        count: 12,
        breakdown: JSON.stringify({
          nationality: { NGA: 5, NER: 3 },
          sex: { f: 2 },
          ageGroup: { '0-17': 1, '60+': 1 },
          purpose: { work: 4 },
        }),
        source: null,
      },
    })
  })

  it.each([
    ['site', 'Assamaka,2024-03-01,day,in,1'],
    ['site', ',2024-03-01,day,in,1'],
    ['period_start', 'ne-a,1 March 2024,day,in,1'],
    ['period_start', 'ne-a,2024-02-30,day,in,1'],
    ['period_start', 'ne-a,2024-03-01T05:00:00Z,day,in,1'],
    ['period_start', 'ne-a,2024-03-01T05:30:00Z,hour,in,1'],
    ['period_start', 'ne-a,2024-03-02,month,in,1'],
    ['period_start', 'ne-a,0024-03-01,day,in,1'],
    ['period', 'ne-a,2024-03-01,week,in,1'],
    ['direction', 'ne-a,2024-03-01,day,north,1'],
    ['count', 'ne-a,2024-03-01,day,in,-1'],
    ['count', 'ne-a,2024-03-01,day,in,1.5'],
    ['count', 'ne-a,2024-03-01,day,in,'],
    ['count', 'ne-a,2024-03-01,day,in,99999999999'],
  ])('names the bad %s of %s with its line', async (column, row) => {
    const parsed = await parse(`${header}\nne-a,2024-03-01,day,in,1\n${row}\n`)
    expect(parsed[0]).toHaveProperty('row')
    expect(parsed[1]).toEqual({ line: 3, raw: row, errors: [expect.objectContaining({ line: 3, column })] })
  })

  it.each([
    ['nationality', 'Nigeria=3'],
    ['nationality', 'NGA=3;NGA=1'],
    ['nationality', 'NGA=8;NER=5'],
    ['sex', 'female=2'],
    ['age_group', 'kids=1'],
    ['purpose', 'work'],
  ])('names a bad %s breakdown (%s)', async (column, value) => {
    const [parsed] = await parse(`${header},${column}\nne-a,2024-03-01,day,in,12,${value}\n`)
    expect(parsed).toMatchObject({ errors: [{ line: 2, column }] })
  })

  it('reports every bad cell of a row', async () => {
    const [parsed] = await parse(`${header}\nne-a,2024-13-01,week,in,x\n`)
    expect(parsed && 'errors' in parsed && parsed.errors.map((e) => e.column)).toEqual([
      'period_start',
      'period',
      'count',
    ])
  })

  it('refuses a key given twice, naming the first line', async () => {
    const rows = ['ne-a,2024-03-01,day,in,1', 'ne-a,2024-03-01,day,out,1', 'ne-a,2024-03-01T00:00Z,day,in,2']
    const parsed = await parse(`${header}\n${rows.join('\n')}\n`)
    expect(parsed[2]).toMatchObject({
      errors: [{ line: 4, column: 'row', reason: expect.stringContaining('line 2') }],
    })
  })

  it('reports a header without a required column once', async () => {
    expect(await parse('site,period_start,direction,count\nne-a,2024-03-01,in,1\n')).toEqual([
      {
        line: 1,
        raw: 'site,period_start,direction,count',
        errors: [{ line: 1, column: 'period', reason: 'column missing' }],
      },
    ])
  })

  it.each([
    ['2024-03', Date.UTC(2024, 2, 1)],
    ['2024-03-01', Date.UTC(2024, 2, 1)],
    ['2024-03-01T05:00', Date.UTC(2024, 2, 1, 5)],
    ['2024-03-01 05:00:00Z', Date.UTC(2024, 2, 1, 5)],
    ['2024-03-01T05:00:00-0130', Date.UTC(2024, 2, 1, 6, 30)],
    ['2024-02-29T00:00:00.000Z', Date.UTC(2024, 1, 29)],
  ])('reads %s as an instant', (text, ms) => {
    expect(parseInstant(text)).toBe(ms)
  })

  it.each([
    [Date.UTC(2024, 2, 1, 5), 'hour', null],
    [Date.UTC(2024, 2, 1, 5), 'day', 'not the start of a day'],
    [Date.UTC(2024, 2, 2), 'month', 'not the first of a month'],
    [Date.UTC(2024, 2, 1, 5, 1), 'hour', 'not the start of an hour'],
  ] as const)('checks the alignment of %s to %s', (ms, period, reason) => {
    const found = alignment(ms, period)
    if (reason === null) expect(found).toBeNull()
    else expect(found).toContain(reason)
  })

  it('names a file source after the file, or takes --source', () => {
    expect(fileSourceId({ fileName: 'Comptages Séguédine 2024.CSV' })).toBe('import-comptages-seguedine-2024')
    expect(fileSourceId({ fileName: 'x.csv', source: 'my-source' })).toBe('my-source')
  })
})
