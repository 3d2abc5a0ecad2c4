import { createReadStream, existsSync } from 'node:fs'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { parseMmp } from '../../../data/importers/mmp.ts'
import { parseCoordAudit } from '../../../data/importers/mmp-coord-audit.ts'
import type { MmpRow } from '../../../data/importers/mmp-load.ts'
import { checkPlaceInCountry, countryInText } from '../../../data/importers/mmp-values.ts'
import type { Parsed } from '../../../data/importers/types.ts'
import { hdx, hdxFile } from '../../helpers/importers/mmp.ts'

const SHARED = '../shared/data/mmp'

async function parse(
  text: string | string[],
  audit = parseCoordAudit('main_id\n'),
): Promise<Parsed<MmpRow>[]> {
  const out: Parsed<MmpRow>[] = []
  for await (const p of parseMmp(Readable.from(Array.isArray(text) ? text : [text]), audit)) out.push(p)
  return out
}
const rows = (parsed: Parsed<MmpRow>[]) => parsed.flatMap((p) => ('row' in p ? [p.row] : []))
const errors = (parsed: Parsed<MmpRow>[]) => parsed.flatMap((p) => ('errors' in p ? p.errors : []))

const GIOCOPP_HEADER =
  'Main ID,Incident ID,Incident Type,Region of Incident,Incident date,Incident year,Incident month,No. dead,No. missing,No. dead/missing,No. survivors,No. Female,No. Male,No. minors,Country of Origin,Region of Origin,Cause of death (category),Cause of death (reported),Route,Country of Incident,Location of death,UNSD region,Source,Link,Source Quality,Latitude,Longitude,incident_date_clean,incident_date_raw,incident_date_precision,source_dataset'
// Real rows of iom_europe.csv: one incident, and a split incident merged into one row.
const ZERO_POINT =
  '2024.MMP0409,2024.MMP0409,Incident,Western Africa,2024-04-05,2024,4,3,0,3,NA,NA,NA,NA,Unknown,Western Africa (P),"Harsh environmental conditions / lack of adequate shelter, food, water","Harsh environmental conditions / lack of adequate shelter, food, water",Sahara Desert crossing,Niger,"Unspecified location near ""Zero Point"" zone, on border with Algeria, Niger",Western Africa,"Alarm Phone Sahara, Infomigrants, Guinee28, Labass",https://archive.ph/gJbJg,4,19.41111,5.671079,2024-04-05,2024-04-05,day,IOM'
const QATROUN =
  '2024.MMP0166,"2024.MMP0166169,2024.MMP0166170",Split Incident,Northern Africa,2024-02-06,2024,2,2,0,2,NA,NA,2,NA,"Niger,Sudan","Northern Africa,Western Africa",Sickness / lack of access to adequate healthcare,Sickness / lack of access to adequate healthcare,Sahara Desert crossing,Libya - presumed departure,"Qatroun, Murzuq, Libya",Northern Africa,IOM Libya Displacement Tracking Matrix,NA,14,24.930923,14.576188,2024-02-06,2024-02-06,day,IOM'

const EXPORT_HEADER =
  '"Main ID","Incident ID",Region,"Incident Date",Year,"Reported Month","Number Dead","Minimum Estimated Number of Missing","Number of Survivors","Number of Females","Number of Males","Number of Children","Region of Origin","Cause of Death","Country of Origin","Location of death","Information Source",Coordinates,"Migration route",URL,"UNSD Geographical Grouping","Source Quality"'
// A real row of the 2026 export.
const AJDABIYA =
  '2026.MMP0025,2026.MMP0025,"Northern Africa","Thu, 01/15/2026 - 12:00",2026,January,21,0,10,,,,Unknown,Violence,Unknown,"Bodies found in a mass grave in a holding site in Ajdabiya, Libya","Libya\'s Attorney General Office, IOM Libya, Al-Wasat, Reuters, InfoMigrants","29.9980923, 20.09973461",,"https://perma.cc/T9NK-W4H6?type=standard, https://perma.cc/MT9R-MSPS","Northern Africa",5'

describe('parseMmp: the HDX API JSON layout', () => {
  it('reads a record: strings to numbers, "1,022" to 1022, the location trimmed, entities decoded', async () => {
    const parsed = await parse(
      hdxFile([
        hdx({
          number_dead: '750',
          number_missing: '272',
          total_dead_and_missing: '1,022',
          number_of_survivors: '1,028',
          location_description: 'Off Zuwara, Côte d&#039;Azur &amp; co\n',
        }),
      ]),
    )
    expect(errors(parsed)).toEqual([])
    expect(rows(parsed)).toEqual([
      expect.objectContaining({
        layout: 'hdx-json',
        externalId: '2099.MMP00001',
        occurredOn: '2019-05-12',
        precision: 'day',
        lat: 32.93,
        lon: 12.08,
        dead: 750,
        missing: 272,
        survivors: 1028,
        children: 0,
        cause: 'Drowning',
        country: 'LY',
        route: 'Central Mediterranean',
        sourceUrl: 'http://bit.ly/abc',
        severity: 'critical',
        description:
          "Off Zuwara, Côte d'Azur & co. Information source: IOM Libya. IOM source quality 4 of 5.",
      }),
    ])
  })

  it('gives the parts of a split incident <Main ID>, /2, /3 in file order, the same every time', async () => {
    const file = hdxFile([
      hdx({ web_id: '2099.MMP00007', number_missing: '-1' }),
      hdx({ web_id: '2099.MMP00008' }),
      hdx({ web_id: '2099.MMP00007', number_dead: '5' }),
      hdx({ web_id: '2099.MMP00007', number_dead: '5' }),
    ])
    const ids = (p: Parsed<MmpRow>[]) => rows(p).map((r) => r.externalId)
    // The refused first part still takes its number: ids depend on the place in the file only.
    expect(ids(await parse(file))).toEqual(['2099.MMP00008', '2099.MMP00007/2', '2099.MMP00007/3'])
    expect(ids(await parse(file.split('')))).toEqual(ids(await parse(file)))
    expect(rows(await parse(file))[1]?.description).toContain('Part of split incident 2099.MMP00007')
  })

  it.each([
    ['a negative count', { number_missing: '-9' }, 'number_missing', /negative count -9/],
    ['no coordinates', { location_coodinates: '' }, 'location_coodinates', /no coordinates/],
    [
      'coordinates out of range',
      { location_coodinates: '132.9, 12.1' },
      'location_coodinates',
      /out of range/,
    ],
    [
      'lat = lon to a decimal',
      { location_coodinates: '19.33629237, 19.33629237' },
      'location_coodinates',
      /placeholder/,
    ],
    ['no date', { reported_date: '' }, 'reported_date', /no date/],
    ['a date that is not one', { reported_date: '2019-02-30' }, 'reported_date', /not a date/],
    ['not a Main ID', { web_id: 'it will be included ' }, 'web_id', /not an MMP Main ID/],
    ['a count that is not a number', { number_dead: 'three' }, 'number_dead', /not a whole number/],
    ['a source quality of 7', { source_quality: '7' }, 'source_quality', /source quality/],
  ])('refuses %s, naming line and [index].key', async (_, over, key, reason) => {
    const parsed = await parse(hdxFile([hdx({ web_id: '2099.MMP00002' }), hdx(over)]))
    expect(rows(parsed)).toHaveLength(1)
    expect(errors(parsed)).toEqual([{ line: 3, column: `[1].${key}`, reason: expect.stringMatching(reason) }])
  })

  it('keeps coarse but honest coordinates such as 37, 37', async () => {
    expect(rows(await parse(hdxFile([hdx({ location_coodinates: '37, 37' })])))).toHaveLength(1)
  })

  it('names where a broken array stops', async () => {
    const text = hdxFile([hdx(), hdx({ web_id: '2099.MMP00002' })])
    const truncated = await parse(text.slice(0, text.lastIndexOf('}')))
    expect(rows(truncated)).toHaveLength(1)
    expect(errors(truncated)).toEqual([
      { line: 3, column: '[1]', reason: expect.stringMatching(/ends inside/) },
    ])
    const missing = await parse(hdxFile([{ web_id: '2099.MMP00001', reported_date: '2019-05-12' }]))
    expect(errors(missing)).toContainEqual(
      expect.objectContaining({ line: 2, column: '[0].location_coodinates' }),
    )
  })
})

describe('parseMmp: the CSV layouts', () => {
  it("reads giocopp's CSV: NA as empty, separate Latitude/Longitude, a merged split incident as its Main ID", async () => {
    const parsed = await parse(`${GIOCOPP_HEADER}\n${ZERO_POINT}\n${QATROUN}\n`)
    expect(errors(parsed)).toEqual([])
    const [zero, qatroun] = rows(parsed)
    expect(zero).toMatchObject({
      layout: 'giocopp',
      externalId: '2024.MMP0409',
      occurredOn: '2024-04-05',
      lat: 19.41111,
      lon: 5.671079,
      dead: 3,
      missing: 0,
      survivors: 0,
      country: 'NE',
      route: 'Sahara Desert crossing',
      sourceUrl: 'https://archive.ph/gJbJg',
    })
    expect(zero?.description).toMatch(
      /^Unspecified location near "Zero Point" zone, on border with Algeria, Niger\./,
    )
    // The parts' incident ids are listed: the merged row keeps the Main ID; "14" is the parts' scores.
    expect(qatroun).toMatchObject({
      externalId: '2024.MMP0166',
      country: 'LY',
      sourceUrl: null,
      survivors: 0,
    })
    expect(qatroun?.description).toContain('IOM source quality 1–4 of 5')
  })

  it('reads the IOM export: month-first dates, "lat, lon", the country from the location, the first URL', async () => {
    const parsed = await parse(`${EXPORT_HEADER}\n${AJDABIYA}\n`)
    expect(errors(parsed)).toEqual([])
    expect(rows(parsed)).toEqual([
      expect.objectContaining({
        layout: 'iom-export',
        externalId: '2026.MMP0025',
        occurredOn: '2026-01-15',
        lat: 29.9980923,
        lon: 20.09973461,
        dead: 21,
        survivors: 10,
        cause: 'Violence',
        country: 'LY',
        route: null,
        sourceUrl: 'https://perma.cc/T9NK-W4H6?type=standard',
        severity: 'high',
      }),
    ])
  })

  it.each([
    ['Incident Date', AJDABIYA.replace('01/15/2026', '2026-01-15'), /MM\/DD\/YYYY/],
    ['Incident Date', AJDABIYA.replace('01/15/2026', '02/30/2026'), /not a date/],
    ['Coordinates', AJDABIYA.replace('29.9980923, 20.09973461', '29.99 20.09'), /expected "lat, lon"/],
    ['Coordinates', AJDABIYA.replace('"29.9980923, 20.09973461"', ''), /no coordinates/],
    ['Number Dead', AJDABIYA.replace(',21,0,10,', ',-21,0,10,'), /negative count -21/],
    ['Number of Survivors', AJDABIYA.replace(',21,0,10,', ',21,0,1.5,'), /not a whole number/],
    ['Main ID', AJDABIYA.replace('2026.MMP0025,', ','), /is empty/],
  ])('names the bad %s with its line', async (column, bad, reason) => {
    const other = AJDABIYA.replaceAll('2026.MMP0025', '2026.MMP0026')
    const parsed = await parse(`${EXPORT_HEADER}\n${other}\n${bad}\n`)
    expect(rows(parsed)).toHaveLength(1)
    expect(errors(parsed)).toEqual([{ line: 3, column, reason: expect.stringMatching(reason) }])
  })

  it('refuses an id twice in a file and a row of the wrong width', async () => {
    const parsed = await parse(`${EXPORT_HEADER}\n${AJDABIYA}\n${AJDABIYA}\n${AJDABIYA},extra\n`)
    expect(errors(parsed)).toEqual([
      { line: 3, column: 'Incident ID', reason: '2026.MMP0025 again (first on line 2)' },
      { line: 4, column: 'row', reason: 'has 23 fields where the header has 22' },
    ])
  })

  it('names missing columns, an unknown header and an empty file on line 1', async () => {
    const cut = GIOCOPP_HEADER.replace(',No. missing', '')
    expect(errors(await parse(`${cut}\n`))).toEqual([
      { line: 1, column: 'No. missing', reason: 'column missing' },
    ])
    expect(errors(await parse('a,b,c\n1,2,3\n'))).toEqual([
      { line: 1, column: 'header', reason: expect.stringMatching(/not an MMP layout/) },
    ])
    expect(errors(await parse('  \n'))).toEqual([{ line: 1, column: 'file', reason: 'the file is empty' }])
  })

  it.each([
    [
      'year,cause,lon,lat,n\n2014,Drowning,27,37.3,12\n2014,Violence,-5,35.9,15\n',
      /missing-migrants-graphic/,
    ],
    [
      '"id","year","cause","lat","lng","nb","type","fr","en","color"\n1,1999,"Noyade",40.15,18.55,1,1,"Noyade","drowning","#58ABD3"\n',
      /neocarto/,
    ],
  ])('refuses every row of an aggregated layout, naming it', async (text, layout) => {
    const parsed = await parse(text)
    expect(rows(parsed)).toEqual([])
    expect(parsed.length).toBe(text.trim().split('\n').length - 1)
    for (const e of errors(parsed))
      expect(e).toMatchObject({ column: 'row', reason: expect.stringMatching(layout) })
  })
})

describe('parseMmp: the coordinate audit', () => {
  const audit = parseCoordAudit(
    [
      'main_id,year,date,country,route,location,orig_lat,orig_lon,map_lat,map_lon,n_dead_missing,fix_type,coord_status',
      '2099.MMP00010,2017,x,Niger,r,l,12.61118164,20.31903332,20.31903332,12.61118164,7,lat-lon-swap,corrected (sign-flip or lat/lon swap)',
      '2099.MMP00011,2023,x,Italy,r,l,34.286215,-12.346598,34.286215,12.346598,1,lon-flip,corrected (sign-flip or lat/lon swap)',
      '2099.MMP00012,2021,x,Algeria,r,l,33.01479981,12.54897854,NA,NA,5,drop-placeholder,excluded (placeholder coordinates)',
      "2099.MMP00013,2015,x,Libya,r,l,36.8103313,27.271264,36.8103313,27.271264,45,drop-noFix,flagged (shown at IOM's coordinates)",
    ].join('\n'),
  )
  it.each([
    [
      'swapped back',
      '2099.MMP00010',
      '12.61118164, 20.31903332',
      [20.31903332, 12.61118164],
      /swapped back.*IOM gives 12.61118164, 20.31903332/,
    ],
    [
      'sign flipped',
      '2099.MMP00011',
      '34.286215, -12.346598',
      [34.286215, 12.346598],
      /sign of the longitude flipped/,
    ],
    ['kept and flagged', '2099.MMP00013', '36.8103313, 27.271264', [36.8103313, 27.271264], /doubtful/],
    ['left alone when IOM has fixed them', '2099.MMP00010', '20.3, 12.6', [20.3, 12.6], /quality 4 of 5\.$/],
  ])('%s', async (_, id, coordinates, [lat, lon], note) => {
    const [row] = rows(await parse(hdxFile([hdx({ web_id: id, location_coodinates: coordinates })]), audit))
    expect(row).toMatchObject({ lat, lon, description: expect.stringMatching(note) })
  })

  it('refuses placeholder coordinates with the reason', async () => {
    const parsed = await parse(
      hdxFile([hdx({ web_id: '2099.MMP00012', location_coodinates: '33.01479981, 12.54897854' })]),
      audit,
    )
    expect(errors(parsed)).toEqual([
      {
        line: 2,
        column: '[0].location_coodinates',
        reason: expect.stringMatching(/placeholder.*true place is not known/),
      },
    ])
  })
})

describe('countries', () => {
  it.each([
    ['Near Punta Amarilla South of Tenerife, Canary Islands, Spain', 'ES'],
    ["Remains washed ashore at Rincón de M'diq, Morocco - missing during Ceuta crossing since 29 Dec", 'MA'],
    ['Bodies found in Ras Al-Asfour zone, Jerada province near the eastern Morocco Algeria border', null],
    ['In the snow 5km away from Ortasu/Roboski village, Şırnak, Türkiye', 'TR'],
  ])('reads the country of "%s" as %s', (location, code) => {
    expect(countryInText(location)).toBe(code)
  })
})

describe.skipIf(!existsSync(SHARED))('every MMP file in ../shared/data', () => {
  it.each([
    ['hdx_iom_api_by_year/2015-json.json', 850, 5],
    ['hdx_iom_api_by_year/2020-json.json', 1331, 21],
    ['iom_europe.csv', 6770, 32],
    ['MissingMigrants-Global-2026-05-06--19_42_11.csv', 236, 2],
    ['mmp-2025-03-10.csv', 0, 1391],
    ['neocarto/data.csv', 0, 24988],
  ])('%s: %i taken, %i refused', async (file, taken, refused) => {
    let ok = 0
    let bad = 0
    for await (const p of parseMmp(createReadStream(`${SHARED}/${file}`))) {
      if ('row' in p) ok++
      else bad++
    }
    expect([ok, bad]).toEqual([taken, refused])
  })
})

describe('checkPlaceInCountry', () => {
  it.each([
    // country, lat, lon → lat, lon, note
    ['ML', 12.64, -8.0, 12.64, -8.0, null], // Bamako, right
    ['ML', -8.0, 12.64, 12.64, -8.0, /swapped back/], // Bamako, swapped in the source
    ['LY', 34.5, 12.5, 34.5, 12.5, null], // at sea off Libya: within the offshore margin
    ['MR', 22.45, -23.19, 22.45, -23.19, /doubtful: they lie 6° outside MR/], // far out on the Atlantic route
    ['LY', 32.42, 75.99, 32.42, 75.99, /doubtful: they lie 51° outside LY/], // Pakistan, not Libya: kept, flagged
    ['GR', 37.5, 27.08, 37.5, 27.08, null], // a country off the route is not checked
    [null, 10, 10, 10, 10, null],
  ] as const)('%s %f, %f → %f, %f', (country, lat, lon, wantLat, wantLon, note) => {
    const place = checkPlaceInCountry(country, lat, lon)
    expect([place.lat, place.lon]).toEqual([wantLat, wantLon])
    if (note === null) expect(place.note).toBeNull()
    else expect(place.note).toMatch(note)
  })
})
