import { z } from '@hono/zod-openapi'
import { parse } from 'csv-parse/sync'
import type { Feature, FeatureCollection } from 'geojson'
import { describe, expect, it } from 'vitest'
import { parseFormat } from '../../../server/http/export.ts'
import {
  columnsFromSchema,
  columnsOf,
  csvRow,
  csvText,
  flatten,
  geojsonText,
} from '../../../server/http/feature-text.ts'

const text = async (chunks: AsyncIterable<string>) => {
  let out = ''
  for await (const chunk of chunks) out += chunk
  return out
}

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

describe('csvText', () => {
  it('writes a header of every column, points as lon/lat, every geometry as WKT, quoting as RFC 4180', async () => {
    const rows = collection.features.map(csvRow)
    const csv = await text(csvText([rows.slice(0, 1), [], rows.slice(1)], columnsOf(rows)))
    const parsed = parse(csv, { columns: true }) as Record<string, string>[]
    expect(parsed[0]).toEqual({
      name: 'Assamaka, NE',
      lon: '5.8',
      lat: '19.37',
      wkt: 'POINT (5.8 19.37)',
      extra: '',
    })
    expect(parsed[1]).toMatchObject({ name: 'a "route"', extra: '2', wkt: 'LINESTRING (0 0, 1 1)', lon: '' })
  })

  it('writes the header alone when there is no row', async () => {
    expect(await text(csvText([], ['a', 'b']))).toBe('a,b\n')
  })
})

describe('columnsFromSchema', () => {
  it('names the leaves of nested, nullable and enum-keyed properties, then the geometry', () => {
    const schema = z.object({
      id: z.number(),
      counts: z.object({ dead: z.number().nullable(), missing: z.number().nullable() }),
      agency: z.object({ code: z.string(), name: z.string() }).nullable(),
      bySeverity: z.record(z.enum(['low', 'high']), z.number()),
      withheld: z.array(z.string()),
      note: z.string().optional(),
    })
    expect(columnsFromSchema(schema, true)).toEqual([
      'id',
      'counts.dead',
      'counts.missing',
      'agency.code',
      'agency.name',
      'bySeverity.low',
      'bySeverity.high',
      'withheld',
      'note',
      'lon',
      'lat',
      'wkt',
    ])
    expect(columnsFromSchema(z.object({ id: z.string() }), false)).toEqual(['id', 'wkt'])
  })
})

describe('geojsonText', () => {
  it.each([
    ['in one batch', [collection.features]],
    ['a feature a batch, with an empty one', [[collection.features[0]], [], [collection.features[1]]]],
    ['with no feature', []],
  ] as [string, Feature[][]][])('is the collection as JSON.stringify writes it, %s', async (_, batches) => {
    const links = [{ href: 'http://x/?after=1', rel: 'next', type: 'application/geo+json' }]
    const out = await text(geojsonText(batches, { links }))
    const features = batches.flat()
    expect(out).toBe(
      JSON.stringify({ type: 'FeatureCollection', features, numberReturned: features.length, links }),
    )
  })
})

describe('parseFormat', () => {
  it('defaults to GeoJSON and rejects unknown formats naming the parameter', () => {
    expect(parseFormat(undefined)).toBe('geojson')
    expect(parseFormat('csv')).toBe('csv')
    expect(() => parseFormat('xlsx')).toThrow('expected one of geojson, csv')
  })
})
