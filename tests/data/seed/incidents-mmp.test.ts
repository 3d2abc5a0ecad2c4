import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { ROUTE_COUNTRIES } from '../../../data/importers/country-codes.ts'
import { MMP_FILES, seed, seedMmp } from '../../../data/seed/60-incidents-mmp.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'

/** The records data/mmp/README.md lists as left out, by file and line. */
const LEFT_OUT = [
  'mmp-hdx-route.json:1171',
  ...[2502, 2503, 2504, 2506, 2508, 2516, 2542, 2544, 2566].map((l) => `mmp-hdx-route.json:${l}`),
  'mmp-hdx-route.json:2627',
  'mmp-hdx-route.json:2629',
  'mmp-hdx-route.json:3100',
  'mmp-hdx-route.json:3116',
  'mmp-hdx-route.json:3143',
  'mmp-hdx-route.json:3498',
  'mmp-hdx-route.json:3514',
  'mmp-giocopp-route.csv:728',
]

describe.each(engines)('the seeded MMP incidents on %s', (engine) => {
  const database = useTestDatabase(engine)
  const incident = async (externalId: string) => {
    const [row] = await database.current.rows(sql`
      SELECT i.occurred_at::date::text AS date, i.occurred_precision AS precision, i.dead, i.missing,
        i.survivors, i.country, i.route, i.type, i.severity, i.verification, i.cause,
        round(ST_Y(i.location)::numeric, 6)::float8 AS lat, round(ST_X(i.location)::numeric, 6)::float8 AS lon,
        i.source_id AS source, s.citation
      FROM incidents i JOIN sources s ON s.id = i.source_id WHERE i.external_id = ${externalId}`)
    return row
  }

  it('holds the route’s incidents, each linked to its source', async () => {
    const bySource = await database.current.rows(sql`
      SELECT source_id AS source, count(*)::int AS n FROM incidents
      WHERE source_id LIKE 'iom-mmp-%' GROUP BY 1 ORDER BY 1`)
    expect(bySource).toEqual([
      { source: 'iom-mmp-export', n: 2 },
      { source: 'iom-mmp-giocopp', n: 744 },
      { source: 'iom-mmp-hdx', n: 3670 },
    ])
    const [unsourced] = await database.current.rows(sql`
      SELECT count(*)::int AS n FROM incidents i LEFT JOIN sources s ON s.id = i.source_id
      WHERE i.source_id LIKE 'iom-mmp-%' AND (s.citation NOT LIKE 'Source: IOM Missing Migrants Project%'
        OR i.external_id IS NULL OR s.modelled)`)
    expect(unsourced).toEqual({ n: 0 })
    // On the route: a route country, or the Central Mediterranean route (at sea or off another coast).
    const [offRoute] = await database.current.rows(sql`
      SELECT count(*)::int AS n FROM incidents WHERE source_id LIKE 'iom-mmp-%'
        AND NOT (country = ANY(${sql.param([...ROUTE_COUNTRIES])}::text[]) OR route = 'Central Mediterranean')`)
    expect(offRoute).toEqual({ n: 0 })
  })

  it('has the 18 April 2015 shipwreck (2015.MMP00108) as IOM records it', async () => {
    // hdx 2015-json.json: reported_date 2015-04-18, 750 dead, 272 missing ("1,022"), 28 survivors, "35.03, 14.6777".
    expect(await incident('2015.MMP00108')).toEqual({
      date: '2015-04-18',
      precision: 'day',
      dead: 750,
      missing: 272,
      survivors: 28,
      country: 'LY',
      route: 'Central Mediterranean',
      type: 'death_or_disappearance',
      severity: 'critical',
      verification: 'verified',
      cause: 'Drowning',
      lat: 35.03,
      lon: 14.6777,
      source: 'iom-mmp-hdx',
      citation: 'Source: IOM Missing Migrants Project',
    })
  })

  it('has the deaths near "Zero Point" on the Algeria–Niger border (2024.MMP0409) as IOM records them', async () => {
    // iom_europe.csv: 2024-04-05, 3 dead, 0 missing, Niger, 19.41111 / 5.671079.
    expect(await incident('2024.MMP0409')).toMatchObject({
      date: '2024-04-05',
      dead: 3,
      missing: 0,
      country: 'NE',
      route: 'Sahara Desert crossing',
      severity: 'moderate',
      lat: 19.41111,
      lon: 5.671079,
      source: 'iom-mmp-giocopp',
    })
  })

  it('puts 2017.MMP01004 (Séguédine) where giocopp’s audit says, not at IOM’s swapped coordinates', async () => {
    expect(await incident('2017.MMP01004')).toMatchObject({
      date: '2017-10-15',
      dead: 7,
      lat: 20.319033,
      lon: 12.611182,
    })
  })

  it('leaves out exactly the records its README lists, and a second seed changes nothing', async () => {
    expect(await seed(database.current)).toBeNull()
    const again = await seedMmp(database.current)
    expect(again.inserted).toBe(0)
    const name = (file: string) => file.split('/').pop()
    expect(again.refused.map((r) => `${name(r.file)}:${r.line}`)).toEqual(LEFT_OUT)
    expect(MMP_FILES).toHaveLength(3)
    const [n] = await database.current.rows(
      sql`SELECT count(*)::int AS n FROM incidents WHERE source_id LIKE 'iom-mmp-%'`,
    )
    expect(n).toEqual({ n: 4416 })
  })
})
