import { existsSync, readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { geojsonImporter, parseGeoJson } from '../../../data/importers/geojson.ts'
import { featureLines } from '../../../data/importers/json-document.ts'
import {
  allLayers,
  collection,
  feature,
  good,
  point,
  SAR_ZONES,
  sar,
  source,
} from '../../helpers/importers/geojson.ts'

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
    'recognises the IMO SAR zones of ../shared by their properties and files them as sar_regions, never as admin areas',
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
