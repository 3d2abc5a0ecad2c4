import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { parseFrontex, routeSlug } from '../../../data/importers/frontex.ts'
import type { ReportedRow } from '../../../data/importers/reported.ts'
import type { Parsed } from '../../../data/importers/types.ts'

const header = 'route,type,nat,month,n'

async function parse(text: string): Promise<Parsed<ReportedRow>[]> {
  const out: Parsed<ReportedRow>[] = []
  for await (const p of parseFrontex(Readable.from([text]))) out.push(p)
  return out
}

describe('parseFrontex', () => {
  it.each([
    ['Central Mediterranean Route', 'central-mediterranean'],
    ['Circular Route from Albania to Greece', 'circular-from-albania-to-greece'],
    ['Other', 'other'],
  ])('%s is the scope %s', (route, slug) => {
    expect(routeSlug(route)).toBe(slug)
  })

  it('reads a line as a month of detections on a route, by border type and nationality', async () => {
    expect(await parse(`${header}\nCentral Mediterranean Route,Sea,BGD,2024-02,41\n`)).toEqual([
      {
        line: 2,
        raw: 'Central Mediterranean Route,Sea,BGD,2024-02,41',
        row: {
          measure: 'illegal_border_crossings',
          scopeKind: 'route',
          scopeCode: 'central-mediterranean',
          scopeName: 'Central Mediterranean Route',
          country: null,
          areaId: null,
          period: 'month',
          periodStart: '2024-02-01',
          periodEnd: '2024-02-29',
          nationality: 'BGD',
          borderType: 'sea',
          reception: null,
          count: 41,
          reportedOn: null,
          notes: null,
        },
      },
    ])
  })

  it.each([
    ['route', ',Sea,BGD,2024-02,41'],
    ['type', 'Central Mediterranean Route,Air,BGD,2024-02,41'],
    ['nat', 'Central Mediterranean Route,Sea,Bangladesh,2024-02,41'],
    ['month', 'Central Mediterranean Route,Sea,BGD,2024-13,41'],
    ['month', 'Central Mediterranean Route,Sea,BGD,Feb 2024,41'],
    ['n', 'Central Mediterranean Route,Sea,BGD,2024-02,4.5'],
    ['n', 'Central Mediterranean Route,Sea,BGD,2024-02,-1'],
    ['row', 'Central Mediterranean Route,sea,bgd,2024-01,3'],
  ])('names the bad %s of %s', async (column, line) => {
    const parsed = await parse(`${header}\nCentral Mediterranean Route,Sea,BGD,2024-01,1\n${line}\n`)
    expect(parsed[1]).toMatchObject({ line: 3, errors: [expect.objectContaining({ line: 3, column })] })
  })
})
