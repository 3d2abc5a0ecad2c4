// The layer modules other than border posts (border-posts.test.ts): what each draws, how it sizes and
// colours features, and that modelled figures are said to be modelled.
import type { Layer } from '@deck.gl/core'
import { beforeAll, describe, expect, it } from 'vitest'
import { SEVERITIES } from '../../../../db/vocabulary.ts'
import type {
  CorridorFeature,
  CorridorProperties,
  Dataset,
  DisplacementFeature,
  FlowFeature,
  HotspotFeature,
  IncidentFeature,
  IncidentProperties,
  SurgeFeature,
} from '../../api/layer-types.ts'
import type { LayerStates } from '../../api/use-layer-data.ts'
import { fromRecord, type TileIncident } from '../../lib/incident-tiles.ts'
import { CORRIDOR_COLORS, corridorsLegend, describeCorridor, makeCorridorsLayer } from './corridors.ts'
import { areaColor, describeArea, makeDisplacementLayer, NO_CHANGE_COLOR } from './displacement.ts'
import { describeFlow, makeFlowsLayer } from './flows.ts'
import { describeHotspot, hotspotColor, makeHotspotsLayer } from './hotspots.ts'
import { ICON_MAPPING, ICON_TYPES } from './incident-icons.ts'
import {
  CLOSED_COLOR,
  describeIncident,
  type IncidentsView,
  incidentsLegend,
  makeIncidentsLayers,
  PULSE_MS,
  pulsing,
  SEVERITY_COLORS,
  sharedRow,
} from './incidents.ts'
import { creditsFor, layerOrder, mapLayerOf } from './index.ts'
import { describeSurge, makeSurgesLayer } from './surges.ts'
import { layerContexts } from './test-context.ts'
import { type LayerContext, NO_RELATED } from './types.ts'

let ctx: Record<'en' | 'fr', LayerContext>
beforeAll(async () => {
  ctx = await layerContexts()
})

const modelled: Dataset = { id: 'm', name: 'Model', licence: 'CC BY 4.0', modelled: true, citation: null }
const observed: Dataset = {
  id: 'o',
  name: 'Records',
  licence: 'CC BY 4.0',
  modelled: false,
  citation: 'Source: X',
}
const fc = <F>(features: F[]) => ({ type: 'FeatureCollection' as const, features })
const WINDOW = { from: '2026-11-23T00:00:00.000Z', to: '2026-11-30T00:00:00.000Z' }

const corridor = (p: Partial<CorridorProperties>): CorridorFeature => ({
  type: 'Feature',
  id: p.id ?? 'c',
  geometry: {
    type: 'LineString',
    coordinates: [
      [8, 17],
      [13, 32],
      [12.6, 35.5],
    ],
  },
  properties: {
    id: 'c',
    name: 'Central',
    mode: 'land',
    stages: ['Agadez', 'Sabha'],
    volume: 100,
    volumeBefore: 80,
    trend: 0.25,
    countedStages: 2,
    ...WINDOW,
    notes: null,
    dataset: observed,
    modelled: true,
    volumeDatasets: [modelled],
    ...p,
  },
})

describe('corridors', () => {
  it('widens a path with its volume and fades an uncounted one', () => {
    const busy = corridor({ id: 'a', volume: 400 })
    const quiet = corridor({ id: 'b', volume: 100, mode: 'sea' })
    const none = corridor({ id: 'c', volume: null })
    const layer = makeCorridorsLayer(fc([busy, quiet, none]), { minWidthPixels: 2, maxWidthPixels: 14 })
    const width = layer.props.getWidth as (c: unknown) => number
    const color = layer.props.getColor as unknown as (c: unknown) => number[]
    expect([width(busy), width(quiet), width(none)]).toEqual([14, 8, 2])
    expect(color(quiet)).toEqual([...CORRIDOR_COLORS.sea])
    expect(color(none)[3]).toBeLessThan(CORRIDOR_COLORS.land[3])
  })

  it('hides the modes the reader filtered out', () => {
    const layer = makeCorridorsLayer(fc([corridor({ mode: 'land' }), corridor({ mode: 'sea' })]), {
      hidden: new Set(['corridors/sea']),
    })
    expect((layer.props.data as unknown[]).length).toBe(1)
  })

  it('is described as modelled, with the datasets of its line and of its counts', () => {
    const d = describeCorridor(corridor({}), ctx.en)
    expect(d.modelled).toBe(true)
    expect(d.datasets.map((x) => x.id)).toEqual(['o', 'm'])
    expect(d.series).toEqual({ kind: 'incidents', bbox: [8, 17, 13, 35.5] })
    expect(corridorsLegend(fc([corridor({})]), ctx.en).modelled).toBe(true)
  })
})

const flow = (volume: number): FlowFeature => ({
  type: 'Feature',
  id: 'a>b',
  geometry: {
    type: 'LineString',
    coordinates: [
      [8, 17],
      [13, 32],
    ],
  },
  properties: {
    origin: 'a',
    originName: 'Agadez',
    destination: 'b',
    destinationName: 'Sabha',
    corridors: ['Central'],
    volume,
    volumeBefore: 0,
    trend: null,
    ...WINDOW,
    method: 'm',
    modelled: true,
    datasets: [modelled],
  },
})

describe('flows', () => {
  it('draws an arc from origin to destination as wide as its volume', () => {
    const layer = makeFlowsLayer(fc([flow(400), flow(100)]), { minWidthPixels: 2, maxWidthPixels: 10 })
    expect((layer.props.getSourcePosition as (f: unknown) => unknown)(flow(1))).toEqual([8, 17])
    expect((layer.props.getTargetPosition as (f: unknown) => unknown)(flow(1))).toEqual([13, 32])
    expect((layer.props.getWidth as (f: unknown) => number)(flow(100))).toBe(6)
  })

  it('is titled origin → destination and modelled', () => {
    const d = describeFlow(flow(5), ctx.fr)
    expect(d.title).toBe('Agadez → Sabha')
    expect(d.modelled).toBe(true)
    expect(d.method).toMatch(/moyenne/)
  })
})

const area = (changeRatio: number | null): DisplacementFeature => ({
  type: 'Feature',
  id: 'a',
  geometry: {
    type: 'MultiPolygon',
    coordinates: [
      [
        [
          [0, 10],
          [2, 10],
          [2, 12],
          [0, 10],
        ],
      ],
    ],
  },
  properties: {
    id: 'a',
    name: 'Agadez',
    country: 'NE',
    pcode: 'NE001',
    date: '2026-11-29',
    internallyDisplaced: 1200,
    returnees: null,
    peopleInSites: null,
    dateBefore: null,
    internallyDisplacedBefore: 1000,
    change: 200,
    changeRatio,
    modelled: true,
    dataset: modelled,
  },
})

describe('displacement', () => {
  it.each([
    [0.05, [249, 115, 22, 120]],
    [0, [100, 116, 139, 120]],
    [-0.1, [59, 130, 246, 120]],
    [null, [...NO_CHANGE_COLOR]],
  ])('colours a change of %s as %j', (ratio, color) => {
    expect(areaColor(ratio)).toEqual(color)
    const layer = makeDisplacementLayer(fc([area(ratio)]))
    expect((layer.props.getFillColor as (f: unknown) => unknown)(area(ratio))).toEqual(color)
  })

  it('is described in the reader’s language, modelled, over its bbox', () => {
    const d = describeArea(area(0.2), ctx.fr)
    expect(d.rows[0]).toEqual({ label: 'Pays', value: 'Niger' })
    expect(d.modelled).toBe(true)
    expect(d.series).toEqual({ kind: 'incidents', bbox: [0, 10, 2, 12] })
  })
})

const hexagon = (score: number, rank: number): HotspotFeature => ({
  type: 'Feature',
  id: rank,
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [12, 35],
        [13, 35],
        [13, 36],
        [12, 35],
      ],
    ],
  },
  properties: {
    score,
    incidents: 3,
    dead: 4,
    missing: 0,
    bySeverity: { low: 0, moderate: 0, high: 1, critical: 1 },
    rank,
    cellKm: 50,
    ...WINDOW,
    method: 'm',
  },
})

describe('hotspots', () => {
  it('colours the top hexagon deep red and lower ones towards yellow', () => {
    const layer = makeHotspotsLayer(fc([hexagon(16, 1), hexagon(4, 2)]))
    const color = layer.props.getFillColor as unknown as (f: unknown) => number[]
    expect(color(hexagon(16, 1))).toEqual([...hotspotColor(1, 1)])
    expect(color(hexagon(4, 2))).toEqual([...hotspotColor(4, 16)])
    expect(color(hexagon(4, 2))[1]).toBeGreaterThan(color(hexagon(16, 1))[1] ?? 0)
  })

  it('is titled by its rank', () => {
    expect(describeHotspot(hexagon(16, 1), ctx.en).title).toBe('Hotspot no. 1')
  })
})

const surge = (level: 'watch' | 'surge'): SurgeFeature => ({
  type: 'Feature',
  id: 'post:ne-assamaka',
  geometry: { type: 'Point', coordinates: [5.8, 19.4] },
  properties: {
    site: 'ne-assamaka',
    name: 'Assamaka',
    siteKind: 'post',
    country: 'NE',
    level,
    observed: 300,
    expected: 100,
    ratio: 3,
    z: 6.1,
    baselineDays: 28,
    ...WINDOW,
    method: 'm',
    modelled: true,
    datasets: [modelled],
  },
})

describe('surges', () => {
  it('rings a surge larger and redder than a watch', () => {
    const layer = makeSurgesLayer(fc([surge('surge'), surge('watch')]), { radiusPixels: 20 })
    const radius = layer.props.getRadius as (f: unknown) => number
    expect([radius(surge('surge')), radius(surge('watch'))]).toEqual([20, 16])
    expect((layer.props.getLineColor as unknown as (f: unknown) => number[])(surge('surge'))).toEqual([
      255, 77, 77, 255,
    ])
  })

  it('charts the crossings of its site', () => {
    expect(describeSurge(surge('surge'), ctx.en).series).toEqual({
      kind: 'crossings',
      site: 'ne-assamaka',
    })
  })
})

const incident = (id: number, p: Partial<IncidentProperties> = {}): IncidentFeature => ({
  type: 'Feature',
  id,
  geometry: { type: 'Point', coordinates: [12.6, 35.5] },
  properties: {
    id,
    type: 'shipwreck',
    severity: 'critical',
    occurredAt: '2026-11-29T10:00:00Z',
    occurredPrecision: 'day',
    reportedAt: '2026-11-29T11:00:00Z',
    counts: { dead: 4, missing: 0, injured: 0, survivors: 10, children: 0 },
    cause: null,
    country: 'LY',
    route: null,
    description: 'Boat capsized',
    withheld: [],
    access: 'public',
    agency: null,
    verification: 'verified',
    externalId: null,
    sourceUrl: null,
    dataset: observed,
    ...p,
  },
})

/** The layer's data with these incidents received live (no tile loaded yet). */
const view = (records: IncidentFeature[], inView: IncidentsView['inView'] = []): IncidentsView => ({
  tiles: '/api/tiles/incidents/{z}/{x}/{y}?v=1',
  features: records.map(fromRecord),
  inView,
})
const live = (l: Layer[], name: string) => l.find((layer) => layer.id === `incidents:live:${name}`)

describe('incidents', () => {
  it('has an icon for every type', () => {
    expect(ICON_TYPES).toHaveLength(12)
    for (const type of ICON_TYPES) expect(ICON_MAPPING[type]).toMatchObject({ width: 64, mask: true })
  })

  it('pulses only the incidents that arrived live in the last minute', () => {
    const features = [incident(1), incident(2), incident(3)].map(fromRecord)
    const arrived = new Map([
      [1, 1_000],
      [2, 1_000 - PULSE_MS],
    ])
    expect(pulsing(features, arrived, 1_500).map((f) => f.id)).toEqual([1])
  })

  it('draws the tiles, then the live ones over them: a pulse, a disc and an icon, leaving out filtered types', () => {
    const layers = makeIncidentsLayers(view([incident(1), incident(2, { type: 'trafficking' })]), {
      hidden: new Set(['incidents/type:trafficking']),
      related: { ...NO_RELATED, newIncidents: new Map([[1, 0]]), now: 10 },
    })
    expect(layers.map((l) => l.id)).toEqual([
      'incidents:tiles',
      'incidents:pulse',
      'incidents:live:disc',
      'incidents:live:icon',
    ])
    expect(layers.slice(1).map((l) => (l.props.data as unknown[]).length)).toEqual([1, 1, 1])
    expect(layers.map((l) => mapLayerOf(l.id))).toEqual(['incidents', 'incidents', 'incidents', 'incidents'])
    // The server leaves the hidden type out of the tiles, since a cluster mixes types.
    const url = decodeURIComponent(propOf<string>(layers[0], 'data'))
    expect(url).toContain('/api/tiles/incidents/{z}/{x}/{y}?v=1&type=')
    expect(url).not.toContain('trafficking')
    expect(url).toContain('shipwreck')
  })

  it('asks for no tile when every severity is hidden', () => {
    const hidden = new Set(SEVERITIES.map((s) => `incidents/severity:${s}`))
    expect(makeIncidentsLayers(view([incident(1)]), { hidden })).toEqual([])
  })

  it('is described with its counts and its citation, and lists only the types present', () => {
    const d = describeIncident(fromRecord(incident(1)), ctx.en)
    expect(d.title).toBe('Boat capsized')
    expect(d.rows.map((r) => r.label)).toEqual([
      'Type',
      'Severity',
      'Date',
      'Verification',
      'Dead',
      'Survivors',
      'Country',
      'Source',
    ])
    expect(d.modelled).toBe(false)
    expect(d.recordId).toBeUndefined()
    const legend = incidentsLegend(view([incident(1)]), ctx.en)
    expect(legend.items.filter((i) => i.shape === 'icon').map((i) => i.label)).toEqual(['Shipwreck'])
  })

  it('keeps a hidden type in the legend, so that it can be shown again', () => {
    const legend = incidentsLegend(
      view([incident(1)]),
      ctx.en,
      undefined,
      new Set(['incidents/type:smuggling']),
    )
    expect(legend.items.filter((i) => i.shape === 'icon').map((i) => [i.label, i.count])).toEqual([
      ['Shipwreck', 1],
      ['Smuggling', 0],
    ])
  })

  it('has no counts before the tiles in view have loaded', () => {
    const legend = incidentsLegend(view([incident(1)], null), ctx.en)
    expect(legend.count).toBeUndefined()
    expect(legend.items.every((i) => i.count === undefined)).toBe(true)
  })
})

/** A prop of one of the incidents' deck.gl layers (typed there only as a generic Layer). */
const propOf = <T>(layer: { props: object } | undefined, name: string): T =>
  (layer?.props as Record<string, T> | undefined)?.[name] as T

describe('incidents seen from another agency', () => {
  const iom = { code: 'iom', name: 'IOM (demo)' }
  const none = { dead: 0, missing: 0, injured: 0, survivors: 0, children: 0 }
  const rowsOf = (p: Partial<IncidentProperties>, language: 'en' | 'fr' = 'en') =>
    Object.fromEntries(
      describeIncident(fromRecord(incident(1, p)), ctx[language]).rows.map((r) => [r.label, r.value]),
    )
  it.each([
    ['en', { ...none, dead: null, survivors: 12 }, ['dead'], { Dead: 'fewer than 5', Survivors: '12' }],
    ['en', { ...none, children: null }, ['children'], { Children: 'fewer than 5' }],
    ['en', { ...none, injured: 3 }, [], { Injured: '3' }],
    ['fr', { ...none, missing: null, dead: 7 }, ['missing'], { Morts: '7', Disparus: 'moins de 5' }],
  ] as const)('%s: %j withheld %j reads %j', (language, counts, withheld, expected) => {
    const rows = rowsOf({ counts, withheld: [...withheld], access: 'shared', agency: iom }, language)
    expect(rows).toMatchObject(expected)
    for (const value of Object.values(expected)) expect(value).not.toBe('0')
  })

  it.each([
    [
      'en',
      'shared',
      iom,
      { label: 'Shared by', value: 'IOM (demo): position rounded to ~11 km, time to the hour' },
    ],
    [
      'en',
      'shared',
      null,
      { label: 'Shared by', value: 'another agency: position rounded to ~11 km, time to the hour' },
    ],
    [
      'fr',
      'shared',
      iom,
      {
        label: 'Partagé par',
        value: 'IOM (demo)\u202f: position arrondie à ~11\u00a0km, heure à l’heure près',
      },
    ],
    ['en', 'agency', iom, null],
    ['en', 'full', iom, null],
    ['en', 'public', null, null],
  ] as const)('%s: %s of %j → %j', (language, access, agency, expected) => {
    expect(sharedRow(incident(1, { access, agency }).properties, ctx[language])).toEqual(expected)
  })

  it('keeps the source of a published record and says nothing of sharing', () => {
    const rows = rowsOf({ access: 'public' })
    expect(rows.Source).toBe('Source: X')
    expect(rows['Shared by']).toBeUndefined()
  })

  it('titles a shared report without its description by its type', () => {
    const d = describeIncident(
      fromRecord(incident(1, { access: 'shared', agency: iom, description: '' })),
      ctx.en,
    )
    expect(d.title).toBe('Shipwreck')
    expect(d.rows.map((r) => r.label)).toEqual([
      'Type',
      'Severity',
      'Date',
      'Verification',
      'Dead',
      'Survivors',
      'Country',
      'Shared by',
      'Source',
    ])
  })

  it('rings a shared point thinner than an exact one', () => {
    const exact = fromRecord(incident(1))
    const shared = fromRecord(incident(2, { access: 'shared', agency: iom }))
    const disc = live(
      makeIncidentsLayers(view([incident(1), incident(2, { access: 'shared', agency: iom })])),
      'disc',
    )
    const width = propOf<(i: unknown) => number>(disc, 'getLineWidth')
    expect(width(shared)).toBeLessThan(width(exact))
  })
})

describe('merged and rejected reports, when asked for', () => {
  const open = fromRecord(incident(1))
  const merged = fromRecord(incident(2, { verification: 'duplicate' }))
  const rejected = fromRecord(incident(3, { verification: 'rejected', type: 'trafficking' }))
  const viewOf = (incidents: TileIncident[]): IncidentsView => ({ ...view([]), features: incidents })

  it('draws them grey and translucent, others in their severity', () => {
    const layers = makeIncidentsLayers(viewOf([open, merged, rejected]))
    const [disc, icon] = [live(layers, 'disc'), live(layers, 'icon')]
    const line = propOf<(i: unknown) => number[]>(disc, 'getLineColor')
    const color = propOf<(i: unknown) => number[]>(icon, 'getColor')
    expect(line(open)).toEqual([...SEVERITY_COLORS.critical])
    expect(line(merged)).toEqual([...CLOSED_COLOR])
    expect(line(rejected)).toEqual([...CLOSED_COLOR])
    expect(color(merged)[3]).toBeLessThan(color(open)[3] ?? 0)
  })

  it('does not pulse them', () => {
    const pulse = makeIncidentsLayers(viewOf([open, merged]), {
      related: {
        ...NO_RELATED,
        newIncidents: new Map([
          [1, 0],
          [2, 0],
        ]),
        now: 10,
      },
    }).find((l) => l.id === 'incidents:pulse')
    const data = propOf<TileIncident[]>(pulse, 'data')
    expect(data.map((i) => i.id)).toEqual([1])
  })

  it.each([
    ['events only', [open], 1, { critical: 1, closed: undefined }],
    ['merged and rejected left out of every count', [open, merged, rejected], 1, { critical: 1, closed: 2 }],
    ['nothing but merged ones', [merged], 0, { critical: 0, closed: 1 }],
  ] as const)('legend: %s', (_, features, count, expected) => {
    const legend = incidentsLegend(viewOf([...features]), ctx.en)
    const item = (id: string) => legend.items.find((i) => i.id === id)?.count
    expect(legend.count).toBe(count)
    expect(item('severity:critical')).toBe(expected.critical)
    expect(item('closed')).toBe(expected.closed)
  })
})

describe('the registry', () => {
  it('draws areas first and incidents last', () => {
    expect(layerOrder[0]).toBe('displacement')
    expect(layerOrder.at(-1)).toBe('incidents')
  })

  it('credits a dataset once across layers, and only for shown layers', () => {
    const states: LayerStates = {
      'border-posts': { status: 'loading' },
      crossings: { status: 'loading' },
      corridors: { status: 'loading' },
      displacement: { status: 'loading' },
      hotspots: { status: 'loading' },
      flows: { status: 'ready', data: fc([flow(1)]) },
      surges: { status: 'ready', data: fc([surge('surge')]) },
      incidents: { status: 'loading' },
    }
    expect(creditsFor(states, new Set(['flows', 'surges']), ctx.en).map((c) => c.name)).toEqual(['Model'])
    expect(creditsFor(states, new Set(['incidents']), ctx.en)).toEqual([])
  })
})
