import { describe, expect, it } from 'vitest'
import { parseCollection, withQuery } from './features.ts'
import { ApiError } from './http.ts'
import { surgeParams, windowParams } from './layers.ts'

const point = (coordinates: unknown, properties: unknown = { id: 1 }) => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates },
  properties,
})
const polygon = (ring: unknown) => ({
  type: 'Feature',
  geometry: { type: 'Polygon', coordinates: [ring] },
  properties: {},
})

describe('parseCollection', () => {
  it.each([
    ['a valid point', point([12.5, 35.5]), 0],
    ['a latitude out of range', point([12.5, 95]), 1],
    ['a string coordinate', point(['12', 35]), 1],
    ['no properties', point([12.5, 35.5], null), 1],
    ['properties refused by the layer', point([12.5, 35.5], { id: 'x' }), 1],
    [
      'a geometry of another type',
      polygon([
        [0, 0],
        [1, 1],
        [0, 1],
        [0, 0],
      ]),
      1,
    ],
  ])('%s: %i skipped', (_, feature, skipped) => {
    const parsed = parseCollection(
      { type: 'FeatureCollection', features: [feature] },
      'test',
      ['Point'],
      (p) => Number.isFinite(p.id),
    )
    expect(parsed.skipped).toBe(skipped)
    expect(parsed.features).toHaveLength(1 - skipped)
  })

  it('checks polygons ring by ring', () => {
    const ok = polygon([
      [0, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ])
    const bad = polygon([
      [0, 0],
      [1, 'x'],
    ])
    expect(
      parseCollection({ type: 'FeatureCollection', features: [ok, bad] }, 'test', ['Polygon']).skipped,
    ).toBe(1)
  })

  it.each([null, [], { type: 'Feature' }, 'text'])('refuses %j', (json) => {
    expect(() => parseCollection(json, 'test', ['Point'])).toThrow(ApiError)
  })
})

describe('query strings', () => {
  const from = new Date('2026-11-24T00:00:00Z')
  const to = new Date('2026-11-30T00:00:00Z')

  it('leaves out parameters without a value', () => {
    expect(withQuery('/x', { a: '1', b: undefined, c: 'a,b' })).toBe('/x?a=1&c=a%2Cb')
    expect(withQuery('/x', {})).toBe('/x')
  })

  it('asks for the window, open-ended when live', () => {
    expect(windowParams({ from, to })).toEqual({ from: from.toISOString(), to: to.toISOString() })
    expect(windowParams({ from, to: undefined })).toEqual({ from: from.toISOString(), to: undefined })
  })

  it('judges surges on the last day of the window, and on the server’s last 24 h when live', () => {
    expect(surgeParams({ from, to })).toEqual({ from: '2026-11-29T00:00:00.000Z', to: to.toISOString() })
    expect(surgeParams({ from, to: undefined })).toEqual({})
  })
})
