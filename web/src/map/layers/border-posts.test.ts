import i18next from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import type { BorderPost, BorderPostCollection, BorderPostProperties } from '../../api/border-posts.ts'
import { resources } from '../../i18n/index.ts'
import {
  borderPostsCredits,
  borderPostsLegend,
  borderPostTooltip,
  makeBorderPostsLayer,
  POST_COLORS,
} from './border-posts.ts'
import type { LayerContext } from './types.ts'

const post = (properties: Partial<BorderPostProperties> = {}, coordinates = [5.8, 19.4]): BorderPost => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates },
  properties: {
    id: 'ne-assamaka',
    name: 'Assamaka',
    kind: 'land',
    countries: ['NE', 'DZ'],
    operator: null,
    locationPrecision: 'site',
    source: 'Test source',
    sourceUrl: null,
    ...properties,
  },
})

const collection = (...features: BorderPost[]): BorderPostCollection => ({
  type: 'FeatureCollection',
  features,
  skipped: 0,
})

const contexts: Record<'en' | 'fr', LayerContext> = {} as Record<'en' | 'fr', LayerContext>

beforeAll(async () => {
  for (const language of ['en', 'fr'] as const) {
    const instance = i18next.createInstance()
    await instance.init({ resources, lng: language, interpolation: { escapeValue: false } })
    contexts[language] = { t: instance.t, language }
  }
})

describe('makeBorderPostsLayer', () => {
  it.each([
    ['land', [255, 176, 32, 255]],
    ['sea', [34, 211, 238, 255]],
    ['air', [244, 114, 182, 255]],
  ] as const)('colours a %s post %j', (kind, color) => {
    const layer = makeBorderPostsLayer(collection(post({ kind })))
    const getFillColor = layer.props.getFillColor as (p: BorderPost) => unknown
    expect(getFillColor(post({ kind }))).toEqual(color)
  })

  it('uses distinct colours for the kinds', () => {
    const colors = Object.values(POST_COLORS).map((c) => c.join())
    expect(new Set(colors).size).toBe(colors.length)
  })

  it('is pickable, sized in pixels and scaled for large screens', () => {
    const layer = makeBorderPostsLayer(collection(post()), { sizeScale: 1.5 })
    expect(layer.id).toBe('border-posts')
    expect(layer.props).toMatchObject({
      pickable: true,
      radiusUnits: 'pixels',
      radiusScale: 1.5,
      getLineWidth: 3,
    })
  })

  it('places a post at its coordinates', () => {
    const layer = makeBorderPostsLayer(collection(post({}, [12.6, 35.5])))
    const getPosition = layer.props.getPosition as (p: BorderPost) => unknown
    expect(getPosition(post({}, [12.6, 35.5]))).toEqual([12.6, 35.5])
  })
})

describe('borderPostTooltip', () => {
  it.each([
    [
      'en',
      post(),
      {
        title: 'Assamaka',
        rows: [
          ['Country', 'Niger'],
          ['Border with', 'Algeria'],
          ['Type', 'Land crossing'],
          ['Location', 'Exact site'],
          ['Source', 'Test source'],
        ],
      },
    ],
    [
      'fr',
      post({ kind: 'sea', countries: ['IT', 'LY'], operator: 'Guardia Costiera', locationPrecision: 'town' }),
      {
        title: 'Assamaka',
        rows: [
          ['Pays', 'Italie'],
          ['Frontière avec', 'Libye'],
          ['Type', 'Port maritime'],
          ['Exploitant', 'Guardia Costiera'],
          ['Localisation', 'Approximative (ville)'],
          ['Source', 'Test source'],
        ],
      },
    ],
  ] as const)('in %s', (language, input, expected) => {
    const content = borderPostTooltip(input, contexts[language])
    expect(content.title).toBe(expected.title)
    expect(content.rows.map((r) => [r.label, r.value])).toEqual(expected.rows)
  })
})

describe('borderPostsLegend', () => {
  it('lists every kind with its count', () => {
    const legend = borderPostsLegend(collection(post(), post({ kind: 'sea' }), post()), contexts.en)
    expect(legend.title).toBe('Border posts')
    expect(legend.items.map((i) => [i.label, i.count])).toEqual([
      ['Land crossing', 2],
      ['Seaport', 1],
      ['Airport', 0],
    ])
  })

  it('has no counts while the data is loading', () => {
    const legend = borderPostsLegend(null, contexts.fr)
    expect(legend.items.map((i) => i.count)).toEqual([undefined, undefined, undefined])
    expect(legend.items.map((i) => i.label)).toEqual(['Passage terrestre', 'Port maritime', 'Aéroport'])
  })
})

describe('borderPostsCredits', () => {
  it('credits each dataset once, with its licence', () => {
    const dataset = { id: 'cw', name: 'Border posts of the route', licence: 'CC BY 4.0', modelled: false }
    const credits = borderPostsCredits(collection(post({ dataset }), post({ dataset })), contexts.en)
    expect(credits).toEqual([{ label: 'Border posts', name: 'Border posts of the route (CC BY 4.0)' }])
  })

  it('without datasets, lists the first sources cited and counts the rest', () => {
    const sources = ['A', 'B', 'A', 'C', 'D', 'E'].map((source) =>
      post({ source, sourceUrl: source === 'A' ? 'https://a.example' : null }),
    )
    const credits = borderPostsCredits(collection(...sources), contexts.en)
    expect(credits.map((c) => [c.name, c.url])).toEqual([
      ['A', 'https://a.example'],
      ['B', undefined],
      ['C', undefined],
      ['+2', undefined],
    ])
  })
})
