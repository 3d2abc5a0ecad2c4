import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { type DtmRow, directionOf, matchFlowPoint, parseDtm } from '../../../data/importers/dtm.ts'
import { looseName } from '../../../data/importers/names.ts'
import type { Parsed } from '../../../data/importers/types.ts'

const header = 'month,fmp_country,fmp,from,to,n'

async function parse(text: string): Promise<Parsed<DtmRow>[]> {
  const out: Parsed<DtmRow>[] = []
  for await (const p of parseDtm(Readable.from([text]))) out.push(p)
  return out
}

describe('parseDtm', () => {
  it.each([
    ['NER', 'NER', 'LBY', 'out'],
    ['NER', 'NGA', 'LBY', 'out'],
    ['NER', 'LBY', 'NER', 'in'],
    ['NER', 'NER', 'NER', 'in'],
    ['NER', 'NGA', 'OOO', 'in'],
    ['NER', 'OOO', 'NER', 'in'],
    ['NER', 'OOO', 'LBY', 'out'],
    ['NER', 'NER', 'OOO', null],
    ['NER', 'OOO', 'OOO', null],
  ])('at a flow point in %s, %s → %s is %s', (c, from, to, direction) => {
    expect(directionOf(c, from, to)).toBe(direction)
  })

  it('reads a row; counts written as 54.0 are whole numbers and codes any case', async () => {
    expect(await parse(`${header}\n2018-01,ner,Séguédine,nga,ooo,54.0\n`)).toEqual([
      {
        line: 2,
        raw: '2018-01,ner,Séguédine,nga,ooo,54.0',
        row: {
          month: '2018-01-01T00:00:00.000Z',
          fmpCountry: 'NER',
          fmp: 'Séguédine',
          from: 'NGA',
          to: 'OOO',
          n: 54,
          direction: 'in',
        },
      },
    ])
  })

  it.each([
    ['month', '2018-13,NER,Arlit,NER,LBY,1'],
    ['month', 'Jan 2018,NER,Arlit,NER,LBY,1'],
    ['fmp_country', '2018-01,Niger,Arlit,NER,LBY,1'],
    ['fmp', '2018-01,NER,,NER,LBY,1'],
    ['from', '2018-01,NER,Arlit,NE,LBY,1'],
    ['to', '2018-01,NER,Arlit,NER,,1'],
    ['to', '2018-01,NER,Arlit,NER,OOO,1'],
    ['n', '2018-01,NER,Arlit,NER,LBY,5.5'],
    ['n', '2018-01,NER,Arlit,NER,LBY,-1'],
    ['n', '2018-01,NER,Arlit,NER,LBY,NA'],
    ['row', '2018-01,NER,arlit,NER,LBY,3.0'],
  ])('names the bad %s of %s', async (column, row) => {
    const parsed = await parse(`${header}\n2018-01,NER,Arlit,NER,LBY,1\n${row}\n`)
    expect(parsed[1]).toMatchObject({ line: 3, errors: [expect.objectContaining({ line: 3, column })] })
  })

  it('compares names without accents, case or punctuation', () => {
    expect(looseName('Séguédine')).toBe('seguedine')
    expect(looseName("Fada N'Gourma")).toBe('fada n gourma')
    expect(looseName('  OUNIANGA-KÉBIR ')).toBe('ounianga kebir')
  })

  it('matches a combined name to its first known part, and a namesake in its own country', () => {
    const byName = new Map([
      ['seguedine', [{ id: 'fp-seguedine', country: 'NE' }]],
      ['madama', [{ id: 'fp-madama', country: 'NE' }]],
      [
        'rosso',
        [
          { id: 'fp-rosso-mr', country: 'MR' },
          { id: 'fp-rosso-sn', country: 'SN' },
        ],
      ],
    ])
    expect(matchFlowPoint(byName, 'Seguedine/Madama', 'NER')?.id).toBe('fp-seguedine')
    expect(matchFlowPoint(byName, 'Nowhere/Madama', 'NER')?.id).toBe('fp-madama')
    expect(matchFlowPoint(byName, 'Rosso', 'SEN')?.id).toBe('fp-rosso-sn')
    expect(matchFlowPoint(byName, 'Rosso', 'XXX')).toBeNull()
    expect(matchFlowPoint(byName, 'Tahoua', 'NER')).toBeNull()
  })
})
