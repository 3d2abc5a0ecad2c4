import { existsSync, readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { geojsonImporter, importGeoJson } from '../../../data/importers/geojson.ts'
import { featureLines } from '../../../data/importers/json-document.ts'
import { runImport } from '../../../data/importers/run.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'
import { allLayers, collection, feature, SAR_ZONES, sar, source } from '../../helpers/importers/geojson.ts'

describe.each(engines)('importing GeoJSON on %s', (engine) => {
  const database = useTestDatabase(engine)
  const counts = async () =>
    (
      await database.current.rows<{ n: string }>(sql`
        SELECT concat_ws(',', (SELECT count(*) FROM border_posts), (SELECT count(*) FROM resources),
          (SELECT count(*) FROM admin_areas), (SELECT count(*) FROM incidents), (SELECT count(*) FROM sources)) AS n`)
    )[0]?.n

  it('inserts each layer, and a second import of the same file changes nothing', async () => {
    const body = collection(allLayers())
    expect(await importGeoJson(database.current, body)).toEqual({ inserted: 4, updated: 0, unchanged: 0 })
    const after = await counts()
    expect(await importGeoJson(database.current, body)).toEqual({ inserted: 0, updated: 0, unchanged: 4 })
    expect(await counts()).toBe(after)
    const [row] = await database.current.rows<{ geojson: string; source: string }>(
      sql`SELECT ST_AsGeoJSON(location) AS geojson, source_id AS source FROM border_posts WHERE id = 'zz-test-post'`,
    )
    expect(JSON.parse(String(row?.geojson)).coordinates).toEqual([12.6, 35.5])
    expect(row?.source).toBe('test-geojson')
  })

  it('updates only what changed', async () => {
    const changed = allLayers()
    Object.assign(changed[1]?.properties ?? {}, { capacity: 12 })
    expect(await importGeoJson(database.current, collection(changed))).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 3,
    })
    const [row] = await database.current.rows<{ capacity: number }>(
      sql`SELECT capacity FROM resources WHERE id = 'zz-test-shelter'`,
    )
    expect(row?.capacity).toBe(12)
  })

  it('lands nothing from a file with one broken feature, and names it', async () => {
    const before = await counts()
    const body = collection([
      feature('resources', { id: 'zz-new-one' }),
      feature('posts', { id: 'zz-new-post', kind: 'boat' }),
    ])
    await expect(importGeoJson(database.current, body, 'broken.geojson')).rejects.toThrow(
      /broken\.geojson:\d+ features\[1\]\.properties\.kind/,
    )
    expect(await counts()).toBe(before)
  })

  it('rolls the whole file back when a feature points at an unknown source', async () => {
    const before = await counts()
    const body = collection([
      feature('resources', { id: 'zz-new-two' }),
      feature('resources', { id: 'zz-x', source_id: 'nobody' }),
    ])
    await expect(importGeoJson(database.current, body, 'f.geojson')).rejects.toThrow(
      /f\.geojson:\d+ features\[1\]\.properties\.source_id: unknown source "nobody"/,
    )
    expect(await counts()).toBe(before)
  })

  it('runs through the import runner: a broken file is refused whole, its features named by line', async () => {
    const before = await counts()
    const body = collection([feature('resources', { id: 'zz-run-1' }), feature('areas', { country: 'Zed' })])
    const report = await runImport(database.current, geojsonImporter, Readable.from([body]))
    expect(report).toMatchObject({ accepted: false, rejected: 1, errorCount: 1 })
    expect(report.errors[0]).toMatchObject({
      column: 'features[1].properties.country',
      line: featureLines(body)[1],
    })
    expect(await counts()).toBe(before)
    const again = await runImport(database.current, geojsonImporter, Readable.from([collection(allLayers())]))
    // The shelter's capacity was changed to 12 above: this file sets it back.
    expect(again).toMatchObject({ accepted: true, taken: 4, inserted: 0, updated: 1, unchanged: 3 })
  })

  it('stores SAR regions in their own table; a broken file changes nothing; a second import changes nothing', async () => {
    const regions = () =>
      database.current.rows(sql`
        SELECT id, name, country, responsible_centre, source_id, ST_GeometryType(geometry) AS type FROM sar_regions
        WHERE id LIKE 'sar-zz%' ORDER BY id`)
    const body = (description: string, country = 'ZZ') =>
      collection([sar({ id: 'sar-zz', country, description, name: 'Test SRR' })], {
        'crosswatch:layer': 'sar_regions',
        'crosswatch:source': source,
      })
    const broken = await runImport(
      database.current,
      geojsonImporter,
      Readable.from([body('MRCC Test', 'Nowhere')]),
    )
    expect(broken).toMatchObject({ accepted: false, rejected: 1 })
    expect(broken.errors[0]).toMatchObject({ line: 11, column: 'features[0].properties.country' })
    expect(await regions()).toEqual([])
    expect(await importGeoJson(database.current, body('MRCC Test'))).toEqual({
      inserted: 1,
      updated: 0,
      unchanged: 0,
    })
    expect(await regions()).toEqual([
      {
        id: 'sar-zz',
        name: 'Test SRR',
        country: 'ZZ',
        responsible_centre: 'MRCC Test',
        source_id: 'test-geojson',
        type: 'ST_MultiPolygon',
      },
    ])
    expect(await importGeoJson(database.current, body('MRCC Test'))).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 1,
    })
  })

  it.skipIf(!existsSync(SAR_ZONES))(
    'imports the 4 SAR zones of ../shared, which place a sea incident with its centre',
    async () => {
      const run = () =>
        runImport(database.current, geojsonImporter, Readable.from([readFileSync(SAR_ZONES, 'utf8')]))
      expect(await run()).toMatchObject({ accepted: true, taken: 4, inserted: 4, rejected: 0 })
      expect(await run()).toMatchObject({ accepted: true, taken: 4, inserted: 0, unchanged: 4 })
      const [source] = await database.current.rows(
        sql`SELECT publisher, licence, url, citation FROM sources WHERE id = 'imo-gisis-sar-giocopp'`,
      )
      expect(source?.licence).toMatch(/^Unknown/)
      // The Tyrrhenian Sea lies in the Italian region, answered by MRCC Roma; the sea off Tripoli in Libya's.
      const at = (lon: number, lat: number) =>
        database.current.rows(sql`
        SELECT id, responsible_centre FROM sar_regions
        WHERE ST_Covers(geometry, ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)) ORDER BY id`)
      expect(await at(12.0, 39.5)).toEqual([{ id: 'sar-it', responsible_centre: 'MRCC ROMA' }])
      // South of Lampedusa the Italian and Maltese regions overlap, as IMO's plan has them: both answer.
      expect((await at(12.6, 35.3)).map((r) => r.id)).toEqual(['sar-it', 'sar-mt'])
      expect(await at(13.2, 33.2)).toEqual([{ id: 'sar-ly', responsible_centre: null }])
    },
  )
})
