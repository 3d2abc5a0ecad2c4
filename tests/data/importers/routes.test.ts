import { createReadStream, existsSync } from 'node:fs'
import { Readable } from 'node:stream'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { routes } from '../../../data/importers/routes.ts'
import { runImport } from '../../../data/importers/run.ts'
import { topojson } from '../../../data/importers/topojson.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'
import { file } from '../../helpers/importers/routes.ts'

const GEO = '../shared/data/geo'
const ROUTES = `${GEO}/migration_routes_giocopp.json`
const WORLD = `${GEO}/iom_world_map.json`

describe.each(engines)('the routes importer on %s', (engine) => {
  const database = useTestDatabase(engine)
  const run = (text: string, options = {}) =>
    runImport(database.current, routes, Readable.from([text]), options)
  const state = async () => ({
    corridors: await database.current.rows(sql`
      SELECT id, name, mode::text, source_id, ST_AsText(geometry) AS line FROM corridors WHERE source_id = 'giocopp-routes' ORDER BY id`),
    stages: await database.current.rows(sql`
      SELECT s.corridor_id, s.seq, s.name, s.flow_point_id, s.post_id FROM corridor_stages s
      JOIN corridors c ON c.id = s.corridor_id WHERE c.source_id = 'giocopp-routes' ORDER BY 1, 2`),
    points: await database.current.rows(sql`
      SELECT id, name, country, kind FROM flow_points WHERE source_id = 'giocopp-routes' ORDER BY id`),
  })

  it('refuses every record while there are no country shapes to place them in', async () => {
    const report = await run(file())
    expect(report).toMatchObject({ accepted: false, taken: 0, rejected: 5 })
    expect(report.errors[0]?.reason).toMatch(/import the IOM world map first/)
  })

  it('lands lines through the route with hub stages, reusing Agadez; refuses what lies off the route', async () => {
    // A test shape for Niger, over Agadez and Testhub.
    await database.current.rows(sql`
      INSERT INTO sources (id, name, publisher, licence) VALUES ('test-routes', 'Test shapes', 'Tests', 'CC0')
      ON CONFLICT DO NOTHING`)
    await database.current.rows(sql`
      INSERT INTO countries (id, name, iso2, iso3, geometry, source_id, source_ref)
      VALUES ('zz-niger', 'Test Niger', 'NE', 'NER', ST_Multi(ST_MakeEnvelope(0, 11, 16, 24, 4326)), 'test-routes', 'test')
      ON CONFLICT DO NOTHING`)
    const before = await state()
    const report = await run(file())
    expect(report).toMatchObject({ accepted: false, rejected: 2 })
    expect(report.errors.map((e) => [e.line, e.column, e.reason])).toEqual([
      [
        22,
        'HUBS[2].latlng',
        expect.stringMatching(/^Istanbul is in no country of the map: not a country of the route/),
      ],
      [
        51,
        'ROUTE_LINES[1].coords',
        expect.stringMatching(/^Eastern Mediterranean: the line crosses no country of the route/),
      ],
    ])
    expect(await state()).toEqual(before)

    expect(await run(file(), { skipInvalid: true })).toMatchObject({
      accepted: true,
      taken: 3,
      inserted: 2,
      unchanged: 1,
    })
    expect(await state()).toEqual({
      corridors: [
        {
          id: 'giocopp-central-mediterranean-0',
          name: 'Central Mediterranean, line 0 (Agadez, Testhub)',
          mode: 'land',
          source_id: 'giocopp-routes',
          line: 'LINESTRING(7.9883 16.974,9 18.5,10 20)',
        },
      ],
      stages: [
        {
          corridor_id: 'giocopp-central-mediterranean-0',
          seq: 1,
          name: 'Agadez',
          flow_point_id: 'fp-agadez',
          post_id: null,
        },
        {
          corridor_id: 'giocopp-central-mediterranean-0',
          seq: 2,
          name: 'Testhub',
          flow_point_id: 'fp-testhub',
          post_id: null,
        },
      ],
      points: [{ id: 'fp-testhub', name: 'Testhub', country: 'NE', kind: 'hub' }],
    })
    const [source] = await database.current.rows(
      sql`SELECT licence, citation FROM sources WHERE id = 'giocopp-routes'`,
    )
    expect(source?.licence).toBe('CC BY 4.0 (giocopp/Missing-Migrants-Count)')
    const again = await run(file(), { skipInvalid: true })
    expect(again).toMatchObject({ taken: 3, inserted: 0, updated: 0, unchanged: 3 })
    // A hub named like a flow point elsewhere (fp-gao is in Mali, ~1,200 km away) is refused, not overwritten.
    const gao = await run(file({ hubs: [{ name: 'Gao', latlng: [20.5, 10.5] }], lines: [] }))
    expect(gao.errors).toEqual([
      {
        line: 6,
        column: 'HUBS[0].name',
        reason: 'fp-gao is another flow point, more than 10 km away: not the same town',
      },
    ])
    await database.current.rows(sql`DELETE FROM countries WHERE id = 'zz-niger'`)
    await database.current.rows(sql`DELETE FROM corridors WHERE id = 'giocopp-central-mediterranean-0'`)
    await database.current.rows(sql`DELETE FROM flow_points WHERE id = 'fp-testhub'`)
  })

  it.skipIf(!existsSync(ROUTES) || !existsSync(WORLD))(
    'imports giocopp’s routes of ../shared over the IOM world map with --skip-invalid',
    async () => {
      expect(await runImport(database.current, topojson, createReadStream(WORLD))).toMatchObject({
        taken: 219,
      })
      const report = await runImport(database.current, routes, createReadStream(ROUTES), {
        skipInvalid: true,
      })
      // 7 of the 16 hubs and cities are on the route (5 the same town as a flow point or post, Ouargla and
      // Maghnia new); 36 of the 62 lines touch it. The rest are refused by name.
      expect(report).toMatchObject({
        accepted: true,
        rowsRead: 78,
        taken: 43,
        inserted: 38,
        unchanged: 5,
        rejected: 35,
      })
      const { points } = await state()
      expect(points.map((p) => p.id)).toEqual(['fp-maghnia', 'fp-ouargla'])
      const modes = await database.current.rows(sql`
        SELECT mode::text, count(*)::int AS n FROM corridors WHERE source_id = 'giocopp-routes' GROUP BY 1 ORDER BY 1`)
      expect(modes).toEqual([
        { mode: 'land', n: 23 },
        { mode: 'mixed', n: 10 },
        { mode: 'sea', n: 3 },
      ])
      const again = await runImport(database.current, routes, createReadStream(ROUTES), { skipInvalid: true })
      expect(again).toMatchObject({ taken: 43, inserted: 0, updated: 0, unchanged: 43 })
    },
  )
})
