import i18next from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import type {
  BorderPostFeature as BorderPost,
  BorderPostFeatureCollection,
  BorderPostProperties,
  CrossingProperties,
  SurgeProperties,
} from '../../api/layer-types.ts'
import { resources } from '../../i18n/index.ts'
import {
  borderPostsCredits,
  borderPostsLegend,
  describeBorderPost,
  makeBorderPostsLayer,
  POST_COLORS,
  postStatus,
} from './border-posts.ts'
import { type LayerContext, NO_RELATED, type Related } from './types.ts'

const post = (properties: Partial<BorderPostProperties> = {}, coordinates = [5.8, 19.4]): BorderPost => ({
  type: 'Feature',
  id: properties.id ?? 'ne-assamaka',
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
    dataset: {
      id: 'cw',
      name: 'Border posts of the route',
      licence: 'CC BY 4.0',
      modelled: false,
      citation: null,
    },
    ...properties,
  },
})

const collection = (...features: BorderPost[]): BorderPostFeatureCollection => ({
  type: 'FeatureCollection',
  features,
})

const contexts: Record<'en' | 'fr', LayerContext> = {} as Record<'en' | 'fr', LayerContext>

beforeAll(async () => {
  for (const language of ['en', 'fr'] as const) {
    const instance = i18next.createInstance()
    await instance.init({ resources, lng: language, interpolation: { escapeValue: false } })
    contexts[language] = { t: instance.t, language }
  }
})

const crossing = (site: string, total: number) =>
  ({
    site,
    in: total - 10,
    out: 10,
    total,
    trend: 0.25,
    modelled: true,
    datasets: [],
  }) as unknown as CrossingProperties
const surge = (site: string, level: 'watch' | 'surge') =>
  ({ site, level, expected: 40, modelled: true, datasets: [], method: 'm' }) as unknown as SurgeProperties

const related = (crossings: CrossingProperties[] = [], surges: SurgeProperties[] = []): Related => ({
  ...NO_RELATED,
  crossings: new Map(crossings.map((c) => [c.site, c])),
  surges: new Map(surges.map((s) => [s.site, s])),
})

describe('makeBorderPostsLayer', () => {
  it.each([
    ['surge', related([crossing('ne-assamaka', 100)], [surge('ne-assamaka', 'surge')]), [255, 77, 77, 255]],
    ['watch', related([crossing('ne-assamaka', 100)], [surge('ne-assamaka', 'watch')]), [255, 176, 32, 255]],
    ['normal', related([crossing('ne-assamaka', 100)]), [45, 212, 191, 255]],
    ['uncounted', related(), [138, 154, 170, 255]],
  ] as const)('colours a post at %s %j', (status, rel, color) => {
    expect(postStatus(post(), rel)).toBe(status)
    const layer = makeBorderPostsLayer(collection(post()), { related: rel })
    const getFillColor = layer.props.getFillColor as (p: BorderPost) => unknown
    expect(getFillColor(post())).toEqual(color)
  })

  it('uses distinct colours for the statuses', () => {
    const colors = Object.values(POST_COLORS).map((c) => c.join())
    expect(new Set(colors).size).toBe(colors.length)
  })

  it('sizes posts by the people counted, the busiest at the largest radius', () => {
    const busy = post({ id: 'busy' })
    const quiet = post({ id: 'quiet' })
    const none = post({ id: 'none' })
    const layer = makeBorderPostsLayer(collection(busy, quiet, none), {
      related: related([crossing('busy', 400), crossing('quiet', 100)]),
      minRadiusPixels: 4,
      maxRadiusPixels: 16,
    })
    const getRadius = layer.props.getRadius as (p: BorderPost) => number
    expect([getRadius(busy), getRadius(quiet), getRadius(none)]).toEqual([16, 10, 4])
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

describe('describeBorderPost', () => {
  it.each([
    [
      'en',
      post(),
      related(),
      {
        title: 'Assamaka',
        modelled: false,
        rows: [
          ['Country', 'Niger'],
          ['Border with', 'Algeria'],
          ['Type', 'Land crossing'],
          ['Status', 'No counts'],
          ['Location', 'Exact site'],
          ['Source', 'Test source'],
        ],
      },
    ],
    [
      'fr',
      post({ kind: 'sea', countries: ['IT', 'LY'], operator: 'Guardia Costiera', locationPrecision: 'town' }),
      related([crossing('ne-assamaka', 100)], [surge('ne-assamaka', 'surge')]),
      {
        title: 'Assamaka',
        modelled: true,
        rows: [
          ['Pays', 'Italie'],
          ['Frontière avec', 'Libye'],
          ['Type', 'Port maritime'],
          ['Statut', 'Afflux'],
          ['Entrées', '90'],
          ['Sorties', '10'],
          [
            'Par rapport à la période précédente',
            new Intl.NumberFormat('fr', { style: 'percent', signDisplay: 'exceptZero' }).format(0.25),
          ],
          ['Habituel sur la période', '40'],
          ['Exploitant', 'Guardia Costiera'],
          ['Localisation', 'Approximative (ville)'],
          ['Source', 'Test source'],
        ],
      },
    ],
  ] as const)('in %s', (language, input, rel, expected) => {
    const content = describeBorderPost(input, contexts[language], rel)
    expect(content.title).toBe(expected.title)
    expect(content.modelled).toBe(expected.modelled)
    expect(content.rows.map((r) => [r.label, r.value])).toEqual(expected.rows)
    expect(content.series).toEqual({ kind: 'crossings', site: 'ne-assamaka' })
  })
})

describe('borderPostsLegend', () => {
  it('lists the statuses and says what the size means', () => {
    const legend = borderPostsLegend(collection(post()), contexts.en)
    expect(legend.title).toBe('Border posts')
    expect(legend.note).toMatch(/people counted/)
    expect(legend.items.map((i) => i.label)).toEqual(['Surge', 'Watch', 'Usual traffic', 'No counts'])
    expect(legend.modelled).toBe(false)
    expect(borderPostsLegend(null, contexts.en, related([crossing('ne-assamaka', 5)])).modelled).toBe(true)
  })
})

describe('borderPostsCredits', () => {
  it('credits each dataset once, with its licence', () => {
    const other = { id: 'osm', name: 'OpenStreetMap', licence: 'ODbL', modelled: false, citation: null }
    const credits = borderPostsCredits(collection(post(), post(), post({ dataset: other })), contexts.en)
    expect(credits).toEqual([
      { label: 'Border posts', name: 'Border posts of the route', licence: 'CC BY 4.0' },
      { label: 'Border posts', name: 'OpenStreetMap', licence: 'ODbL' },
    ])
  })
})
