import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import type { Parsed } from '../../../data/importers/types.ts'
import { parseUnhcrSites, type UnhcrSiteRow, unhcrDate } from '../../../data/importers/unhcr-sites.ts'
import { file, line } from '../../helpers/importers/unhcr-sites.ts'

async function parse(text: string): Promise<Parsed<UnhcrSiteRow>[]> {
  const out: Parsed<UnhcrSiteRow>[] = []
  for await (const p of parseUnhcrSites(Readable.from([text]))) out.push(p)
  return out
}
const errors = (parsed: Parsed<UnhcrSiteRow>[]) => parsed.flatMap((p) => ('errors' in p ? p.errors : []))

describe('unhcrDate', () => {
  it.each([
    ['11/1/19', { date: '2019-11-01' }],
    ['1/1/96', { date: '1996-01-01' }],
    ['11/1/00', { date: '2000-11-01' }],
    ['2001-01-31T00:00:00Z', { date: '2001-01-31' }],
    ['NA', { date: null }],
    ['2/30/19', { error: '"2/30/19" is not a date' }],
    ['31.01.2001', { error: '"31.01.2001": expected a date such as 11/1/19 or 2001-01-31T00:00:00Z' }],
  ])('%s → %j', (value, expected) => expect(unhcrDate(value)).toEqual(expected))
})

describe('parseUnhcrSites', () => {
  it('reads a site: kind from the location type, open/closed, NA as nothing, dates as ISO', async () => {
    const parsed = await parse(
      file(
        line(),
        line({
          pcode: 'TCDs000902',
          locType: 'Refugee Camp',
          status: '0',
          closed: '2003-10-15T00:00:00Z',
          alt: '"Camp B"',
        }),
      ),
    )
    expect(errors(parsed)).toEqual([])
    expect(parsed.map((p) => ('row' in p ? p.row : null))).toEqual([
      {
        pcode: 'NERs000901',
        name: 'Testsite',
        kind: 'idp_site',
        country: 'NE',
        lon: 7.5,
        lat: 16.5,
        status: 'open',
        closedOn: null,
        notes:
          'UNHCR location type: IDP Location; population: IDP. Recorded on 2019-02-28. Updated on 2019-11-01. Reported by UNHCR. UNHCR assists.',
      },
      expect.objectContaining({ kind: 'camp', country: 'TD', status: 'closed', closedOn: '2003-10-15' }),
    ])
    expect(parsed[1] && 'row' in parsed[1] && parsed[1].row.notes).toContain('Also called Camp B')
  })

  it.each([
    [{ pcode: 'NGAs000001', country: 'Nigeria' }, 'Country', 'Nigeria: not a country of the route'],
    [{ pcode: 'NER-1' }, 'pcode', '"NER-1": expected a UNHCR pcode such as NERs000123'],
    [{ x: 'NA', y: 'NA' }, 'POINT_X', 'no coordinates (NA)'],
    [{ y: '95' }, 'POINT_Y', '"95": expected a number from -90 to 90'],
    [{ status: '2' }, 'status', '"2": expected 1 (open) or 0 (closed)'],
    [{ created: '13/45/19' }, 'createdate', '"13/45/19" is not a date'],
    [
      { locType: 'Archived data - disregard' },
      'loc_type',
      'UNHCR marks the record "Archived data - disregard"',
    ],
    [
      { locType: 'Unknown', type: 'Other' },
      'loc_type',
      '"Unknown" (population type "Other"): no resource kind fits',
    ],
    [{ name: 'NA' }, 'name', 'is empty'],
  ])('refuses %j: %s', async (over, column, reason) => {
    const parsed = await parse(file(line(over)))
    const [error] = errors(parsed)
    expect(error).toMatchObject({ line: 2, column })
    expect(error?.reason).toContain(reason)
  })

  it('refuses a pcode seen before, naming the first line; a file without the columns as a whole', async () => {
    expect(errors(await parse(file(line(), line({ x: '-1.2' }))))).toEqual([
      {
        line: 3,
        column: 'pcode',
        reason: 'NERs000901 again (first on line 2): which row is right is not known',
      },
    ])
    expect(errors(await parse('a,b\n1,2\n'))[0]).toMatchObject({ line: 1, column: 'pcode' })
  })
})
