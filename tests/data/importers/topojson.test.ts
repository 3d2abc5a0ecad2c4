import { createReadStream, existsSync } from 'node:fs'
import { Readable } from 'node:stream'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { runImport } from '../../../data/importers/run.ts'
import { topojson } from '../../../data/importers/topojson.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'
import { COUNTRIES } from '../../helpers/importers/topojson.ts'

const GEO = '../shared/data/geo'
const WORLD = `${GEO}/iom_world_map.json`

describe.each(engines)('the topojson importer on %s', (engine) => {
  const database = useTestDatabase(engine)
  const run = (text: string, options = {}) =>
    runImport(database.current, topojson, Readable.from([text]), options)
  const shapes = () =>
    database.current.rows(sql`
      SELECT id, name, iso2, iso3, source_id, ST_GeometryType(geometry) AS type FROM countries
      WHERE id LIKE 'testland%' OR id LIKE 'kashmir-test%' ORDER BY id`)

  it('stores every shape with its source; a second import changes nothing', async () => {
    expect(await run(COUNTRIES)).toMatchObject({ accepted: true, taken: 3, inserted: 3, rejected: 0 })
    expect(await shapes()).toEqual([
      expect.objectContaining({ id: 'kashmir-test-administered', iso2: null }),
      {
        id: 'testland',
        name: 'Testland',
        iso2: 'ZZ',
        iso3: 'ZZZ',
        source_id: 'iom-world-map',
        type: 'ST_MultiPolygon',
      },
      expect.objectContaining({ id: 'testland-2' }),
    ])
    const [source] = await database.current.rows(
      sql`SELECT licence, url FROM sources WHERE id = 'iom-world-map'`,
    )
    expect(source).toEqual({
      licence: 'MIT, © 2025 OIM – UN Migration',
      url: 'https://github.com/iom/missing-migrants-graphic',
    })
    expect(await run(COUNTRIES)).toMatchObject({ accepted: true, inserted: 0, updated: 0, unchanged: 3 })
  })

  it('a file with a broken shape changes nothing and names it; --skip-invalid lands the rest', async () => {
    const before = await shapes()
    const text = COUNTRIES.replace('"Testland Isles"', '"Testland Isles (moved)"').replace(
      '"arcs":[[1]],"properties":{"english":"Kashmir',
      '"arcs":[[7]],"properties":{"english":"Kashmir',
    )
    const report = await run(text)
    expect(report).toMatchObject({ accepted: false, rejected: 1 })
    expect(report.errors[0]?.column).toBe('objects.countries.geometries[2].arcs')
    expect(await shapes()).toEqual(before)
    expect(await run(text, { skipInvalid: true })).toMatchObject({
      accepted: true,
      taken: 2,
      updated: 1,
      unchanged: 1,
    })
  })

  it.skipIf(!existsSync(WORLD))('imports the IOM world map and its overlays from ../shared', async () => {
    const file = (name: string) => createReadStream(`${GEO}/${name}.json`)
    expect(await runImport(database.current, topojson, file('iom_world_map'))).toMatchObject({
      accepted: true,
      taken: 219,
      rejected: 0,
    })
    expect(await runImport(database.current, topojson, file('iom_disputed_dotted_black'))).toMatchObject({
      accepted: true,
      taken: 18,
      rejected: 0,
    })
    // 22 of the white overlay's geometries are null: refused by path, the 40 lines land with --skip-invalid.
    const white = await runImport(database.current, topojson, file('iom_disputed_dotted_white'))
    expect(white).toMatchObject({ accepted: false, taken: 40, rejected: 22 })
    expect(
      await runImport(database.current, topojson, file('iom_disputed_dotted_white'), { skipInvalid: true }),
    ).toMatchObject({
      accepted: true,
      taken: 40,
      inserted: 40,
    })
    expect(await runImport(database.current, topojson, file('iom_world_map'))).toMatchObject({
      unchanged: 219,
    })
    // The shapes place the route's towns in their countries: Agadez in Niger, Sebha in Libya.
    const placed = await database.current.rows(sql`
      SELECT p.id, c.iso2 FROM flow_points p JOIN countries c ON ST_Covers(c.geometry, p.location)
      WHERE p.id IN ('fp-agadez', 'fp-sebha') ORDER BY p.id`)
    expect(placed).toEqual([
      { id: 'fp-agadez', iso2: 'NE' },
      { id: 'fp-sebha', iso2: 'LY' },
    ])
  })
})
