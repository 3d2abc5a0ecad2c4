import { existsSync, readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { geojsonImporter, importGeoJson, parseGeoJson } from '../../../data/importers/geojson.ts'
import { importers } from '../../../data/importers/index.ts'
import { featureLines } from '../../../data/importers/json-document.ts'
import { runImport } from '../../../data/importers/run.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'

const source = { id: 'test-geojson', name: 'Test file', publisher: 'Tests', licence: 'CC0' }
const SAR_ZONES = '../shared/data/geo/sar_zones.geojson'
const point = (lon = 12.6, lat = 35.5) => ({ type: 'Point', coordinates: [lon, lat] })
const square = {
  type: 'Polygon',
  coordinates: [
    [
      [10, 10],
      [10.1, 10],
      [10.1, 10.1],
      [10, 10.1],
      [10, 10],
    ],
  ],
}
const good = {
  posts: {
    geometry: point(),
    properties: {
      id: 'zz-test-post',
      name: 'Test post',
      kind: 'sea',
      country: 'IT',
      counterpart: 'LY',
      location_precision: 'town',
      source_ref: 'a test',
    },
  },
  resources: {
    geometry: point(),
    properties: { id: 'zz-test-shelter', name: 'Test shelter', kind: 'shelter', country: 'IT', capacity: 10 },
  },
  areas: { geometry: square, properties: { id: 'zz-test-area', name: 'Test area', country: 'ZZ' } },
  incidents: {
    geometry: point(),
    properties: {
      external_id: 'T-1',
      occurred_at: '2024-05-01',
      type: 'shipwreck',
      severity: 'high',
      dead: 2,
    },
  },
} as const
type Layer = keyof typeof good

const collection = (features: object[], extra: object = { 'crosswatch:source': source }) =>
  JSON.stringify({ type: 'FeatureCollection', ...extra, features }, null, 2)
const feature = (layer: Layer, properties: object = {}, geometry?: object) => ({
  type: 'Feature',
  geometry: geometry ?? good[layer].geometry,
  properties: { layer, ...good[layer].properties, ...properties },
})
const sar = (properties: object, geometry: object = square) => ({
  type: 'Feature',
  geometry,
  properties: { description: 'Test SRR', ...properties },
})
const allLayers = () => (Object.keys(good) as Layer[]).map((layer) => feature(layer))

describe('parseGeoJson', () => {
  it('reads one feature of each layer, from each feature’s "layer" property', () => {
    const { rows, errors } = parseGeoJson(collection(allLayers()))
    expect(errors).toEqual([])
    expect(rows.map((r) => r.row.layer)).toEqual(['posts', 'resources', 'areas', 'incidents'])
    expect(rows.every((r) => r.row.record.sourceId === 'test-geojson')).toBe(true)
    const area = rows.find((r) => r.row.layer === 'areas')?.row.record
    expect(area?.geometry).toMatchObject({ type: 'MultiPolygon' })
  })

  it('takes the layer for every feature from a top-level "crosswatch:layer"', () => {
    const { properties, geometry } = good.resources
    const body = collection([{ type: 'Feature', geometry, properties }], {
      'crosswatch:layer': 'resources',
      'crosswatch:source': source,
    })
    expect(parseGeoJson(body).rows).toHaveLength(1)
  })

  it.each([
    ['posts', { kind: 'boat' }, 'properties.kind'],
    ['posts', { country: 'Italy' }, 'properties.country'],
    ['posts', { source_ref: ' ' }, 'properties.source_ref'],
    ['posts', { id: 'Lampedusa Port' }, 'properties.id'],
    ['resources', { capacity: -3 }, 'properties.capacity'],
    ['resources', { capacity: 2.5 }, 'properties.capacity'],
    ['resources', { kind: 'hotel' }, 'properties.kind'],
    ['areas', { name: '' }, 'properties.name'],
    ['areas', { level: 7 }, 'properties.level'],
    ['incidents', { occurred_at: 'last Tuesday' }, 'properties.occurred_at'],
    ['incidents', { type: 'storm' }, 'properties.type'],
    ['incidents', { dead: -1 }, 'properties.dead'],
    ['incidents', { external_id: undefined }, 'properties.external_id'],
    ['resources', { layer: 'hotels' }, 'properties.layer'],
  ] as const)('names a bad %s property %j at features[1].%s with its line', (layer, change, path) => {
    const body = collection([
      feature(layer),
      feature(layer, { ...change, id: 'zz-other', external_id: 'T-2' }),
    ])
    const withChange = JSON.parse(body)
    Object.assign(withChange.features[1].properties, change)
    const text = JSON.stringify(withChange, null, 2)
    const { rows, errors } = parseGeoJson(text)
    expect(rows).toHaveLength(1)
    expect(errors).toEqual([
      expect.objectContaining({ column: `features[1].${path}`, line: featureLines(text)[1] }),
    ])
    expect(errors[0]?.reason.length).toBeGreaterThan(3)
  })

  it.each([
    ['posts', { type: 'Point', coordinates: [200, 35] }],
    [
      'posts',
      {
        type: 'LineString',
        coordinates: [
          [1, 2],
          [3, 4],
        ],
      },
    ],
    [
      'areas',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ],
      },
    ],
    ['areas', point()],
  ] as const)('names a bad %s geometry %j', (layer, geometry) => {
    const { errors } = parseGeoJson(collection([feature(layer, {}, geometry)]))
    expect(errors).toEqual([expect.objectContaining({ column: 'features[0].geometry', line: 10 })])
  })

  it('rejects a duplicate id within the file', () => {
    const { errors } = parseGeoJson(collection([feature('resources'), feature('resources')]))
    expect(errors).toEqual([
      expect.objectContaining({ column: 'features[1].properties.id', reason: 'duplicate of features[0]' }),
    ])
  })

  it('gives each feature its line, one feature per line or pretty-printed', () => {
    const compact = `{"type":"FeatureCollection","features":[\n${allLayers()
      .map((f) => JSON.stringify(f))
      .join(',\n')}\n]}`
    expect(featureLines(compact)).toEqual([2, 3, 4, 5])
    const pretty = collection([feature('posts'), feature('resources')])
    const starts = pretty.split('\n').flatMap((l, i) => (/^ {4}\{/.test(l) ? [i + 1] : []))
    expect(featureLines(pretty)).toEqual(starts)
    expect(starts).toEqual([10, 30])
  })

  it.each([
    ['not JSON', '{"type":', 'row'],
    ['not a FeatureCollection', '{"type":"Feature"}', 'type'],
    ['no features array', '{"type":"FeatureCollection","features":{}}', 'features'],
    ['an unknown layer', collection([], { 'crosswatch:layer': 'roads' }), 'crosswatch:layer'],
    [
      'no layer at all',
      collection([{ type: 'Feature', geometry: point(), properties: { id: 'x' } }]),
      'crosswatch:layer',
    ],
    [
      'a source without licence',
      collection([], { 'crosswatch:source': { ...source, licence: undefined } }),
      'crosswatch:source.licence',
    ],
  ])('rejects %s as a whole file', (_, body, column) => {
    const { rows, errors } = parseGeoJson(body)
    expect(rows).toEqual([])
    expect(errors).toEqual([expect.objectContaining({ line: 1, column })])
  })

  it('asks for a source when the file declares none', () => {
    const { errors } = parseGeoJson(collection([feature('resources')], {}))
    expect(errors).toEqual([expect.objectContaining({ column: 'features[0].properties.source_id' })])
  })

  it.skipIf(!existsSync(SAR_ZONES))(
    'recognises the IMO SAR zones by their properties and files them as sar_regions, never as admin areas',
    () => {
      const body = readFileSync(SAR_ZONES, 'utf8')
      const plain = parseGeoJson(body)
      expect(plain.errors).toEqual([])
      expect(
        plain.rows.map((r) => [r.line, r.row.layer, r.row.record.id, r.row.record.responsibleCentre]),
      ).toEqual([
        [6, 'sar_regions', 'sar-it', 'MRCC ROMA'],
        [7, 'sar_regions', 'sar-ly', null],
        [8, 'sar_regions', 'sar-mt', null],
        [9, 'sar_regions', 'sar-tn', null],
      ])
      expect(plain.rows[0]?.row.record.sourceId).toBe('imo-gisis-sar-giocopp')
      const asAreas = parseGeoJson(JSON.stringify({ ...JSON.parse(body), 'crosswatch:layer': 'areas' }))
      expect(asAreas.rows).toEqual([])
      expect(asAreas.errors).toHaveLength(4)
      expect(asAreas.errors[0]).toMatchObject({
        column: 'features[0]',
        reason: expect.stringMatching(/not admin areas.*sar_regions layer/),
      })
    },
  )

  it('reads a sar_regions feature: country by code or name, the centre from the description', () => {
    const { rows, errors } = parseGeoJson(
      collection(
        [
          sar({ country: 'Testland' }),
          sar({ id: 'sar-zz-east', country: 'ZZ', description: 'JRCC Testport', name: 'East' }),
          sar({ country: 'LY' }, { type: 'Point', coordinates: [1, 1] }),
        ],
        { 'crosswatch:layer': 'sar_regions', 'crosswatch:source': source },
      ),
    )
    expect(rows.map((r) => r.row.record)).toMatchObject([
      { id: 'sar-zz-east', name: 'East', country: 'ZZ', responsibleCentre: 'JRCC Testport' },
    ])
    expect(errors.map((e) => [e.column, e.reason])).toEqual([
      ['features[0].properties.country', '"Testland": expected an ISO 3166-1 alpha-2 code or a country name'],
      ['features[2].geometry', 'expected a Polygon or a MultiPolygon'],
    ])
  })

  it('streams rows and errors in file order through the importer contract', async () => {
    const body = collection([feature('posts'), feature('posts', { id: 'zz-bad', kind: 'boat' })])
    const parsed = []
    for await (const p of geojsonImporter.parse(Readable.from([body.slice(0, 100), body.slice(100)])))
      parsed.push(p)
    expect(parsed.map((p) => ('row' in p ? 'row' : 'errors'))).toEqual(['row', 'errors'])
    expect(geojsonImporter.format).toBe('geojson')
  })
})

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
    const report = await runImport(database.current, importers.geojson as never, Readable.from([body]))
    expect(report).toMatchObject({ accepted: false, rejected: 1, errorCount: 1 })
    expect(report.errors[0]).toMatchObject({
      column: 'features[1].properties.country',
      line: featureLines(body)[1],
    })
    expect(await counts()).toBe(before)
    const again = await runImport(
      database.current,
      importers.geojson as never,
      Readable.from([collection(allLayers())]),
    )
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
