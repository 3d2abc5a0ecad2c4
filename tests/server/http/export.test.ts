import { parse } from 'csv-parse/sync'
import type { FeatureCollection } from 'geojson'
import { describe, expect, it } from 'vitest'
import { collectionToCsv, flatten, parseFormat } from '../../../server/http/export.ts'

describe('flatten', () => {
  it.each([
    [{ a: 1 }, { a: '1' }],
    [
      { a: null, b: undefined },
      { a: '', b: '' },
    ],
    [{ countries: ['NE', 'DZ'] }, { countries: 'NE;DZ' }],
    [{ dataset: { id: 'x', modelled: false } }, { 'dataset.id': 'x', 'dataset.modelled': 'false' }],
    [{ a: { b: { c: 'd' } } }, { 'a.b.c': 'd' }],
  ])('%j → %j', (input, expected) => {
    expect(flatten(input)).toEqual(expected)
  })
})

describe('collectionToCsv', () => {
  const collection: FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [5.8, 19.37] },
        properties: { name: 'Assamaka, NE' },
      },
      {
        type: 'Feature',
        geometry: {
          type: 'LineString',
          coordinates: [
            [0, 0],
            [1, 1],
          ],
        },
        properties: { name: 'a "route"', extra: 2 },
      },
    ],
  }

  it('writes a header of every column, points as lon/lat, every geometry as WKT, quoting as RFC 4180', () => {
    const rows = parse(collectionToCsv(collection), { columns: true }) as Record<string, string>[]
    expect(rows[0]).toEqual({
      name: 'Assamaka, NE',
      lon: '5.8',
      lat: '19.37',
      wkt: 'POINT (5.8 19.37)',
      extra: '',
    })
    expect(rows[1]).toMatchObject({ name: 'a "route"', extra: '2', wkt: 'LINESTRING (0 0, 1 1)', lon: '' })
  })
})

describe('parseFormat', () => {
  it('defaults to GeoJSON and rejects unknown formats naming the parameter', () => {
    expect(parseFormat(undefined)).toBe('geojson')
    expect(parseFormat('csv')).toBe('csv')
    expect(() => parseFormat('xlsx')).toThrow('expected one of geojson, csv')
  })
})
