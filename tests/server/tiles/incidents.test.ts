// GET /api/tiles/incidents/{z}/{x}/{y}: every incident of the layer in the tile, once, clustered on the
// grid below zoom 14; the same bytes from either engine; the layer's filters; errors named.
import { createHash } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { CLOSED_VERIFICATIONS, INCIDENT_TYPES, SEVERITIES } from '../../../db/vocabulary.ts'
import {
  CLUSTER_BELOW_ZOOM,
  CLUSTER_CELL,
  DATASETS_TILE_LAYER,
  INCIDENTS_TILE_LAYER,
} from '../../../server/tiles/incidents.ts'
import { encodeTile, type TilePoint } from '../../../server/tiles/mvt.ts'
import { type Tile, tileBounds } from '../../../server/tiles/tile-math.ts'
import { testApp } from '../../helpers/app.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'
import { around, type DecodedFeature, decodeTile, positionIn, tileAt } from '../../helpers/tiles.ts'

interface LayerFeature {
  id: number
  properties: {
    type: string
    severity: string
    verification: string
    access: string
    occurredAt: string
    dataset: { id: string; name: string; licence: string; modelled: boolean; citation: string | null }
  }
}

// A source of its own in 2001, before any seeded record: 60 incidents on a spiral around Lampedusa, of
// every severity and several types, two of them closed; one in the desert exactly on the tile edge at
// 11.25° E (of every zoom from 5 up).
const IN_2001 = 'from=2001-01-01&to=2002-01-01'
const FIXTURES = Array.from({ length: 60 }, (_, i) => ({
  lon: 12.6 + Math.cos(i) * (0.02 + i * 0.01),
  lat: 35.5 + Math.sin(i) * (0.02 + i * 0.01),
  type: INCIDENT_TYPES[i % 4] as string,
  severity: SEVERITIES[(i * 7) % 4] as string,
  verification: i === 7 ? 'rejected' : i === 8 ? 'duplicate' : i % 3 ? 'unverified' : 'verified',
  at: `2001-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}T06:00:00Z`,
}))
/** A second incident at the first one's place: from zoom 14 each is its own feature. */
const TWIN = { ...(FIXTURES[0] as (typeof FIXTURES)[number]), type: 'trafficking' }
const ON_EDGE = {
  lon: 11.25,
  lat: 20.1,
  type: 'shipwreck',
  severity: 'high',
  verification: 'verified',
  at: '2001-06-01T00:00:00Z',
}

describe.each(engines)('GET /api/tiles/incidents on %s', (engine) => {
  const database = useTestDatabase(engine)
  const request = (path: string, init?: RequestInit) =>
    testApp({ database: database.current }).request(path, init)
  const tileOf = async (tile: Tile, query = '') => {
    const response = await request(
      `/api/tiles/incidents/${tile.z}/${tile.x}/${tile.y}${query ? `?${query}` : ''}`,
    )
    expect(response.status, await response.clone().text()).toBe(200)
    const body = new Uint8Array(await response.arrayBuffer())
    return { response, body, features: decodeTile(body)[INCIDENTS_TILE_LAYER] ?? [] }
  }

  /**
   * The tile as it should be: the layer's features there, grouped on the grid in JS, and the datasets
   * they name, each once, sorted by id.
   */
  async function expectedTile(tile: Tile, query: string): Promise<Record<string, TilePoint[]>> {
    const response = await request(`/api/layers/incidents?bbox=${around(tile)}${query ? `&${query}` : ''}`)
    const { features } = (await response.json()) as { features: LayerFeature[] }
    // The exact positions: the layer rounds its coordinates to 6 decimals.
    const exact = new Map(
      (
        await database.current.rows<{ id: number; lon: number; lat: number }>(sql`
          SELECT id::int, ST_X(location) AS lon, ST_Y(location) AS lat FROM incidents
          WHERE id = ANY(${`{${features.map((f) => f.id).join(',')}}`}::bigint[])`)
      ).map((r) => [r.id, r]),
    )
    const b = tileBounds(tile)
    const cell = tile.z < CLUSTER_BELOW_ZOOM ? CLUSTER_CELL : 1
    const groups = new Map<
      string,
      {
        gx: number
        gy: number
        closed: boolean
        one: number
        members: (LayerFeature & { px: number; py: number })[]
      }
    >()
    for (const f of features) {
      const { lon, lat } = exact.get(f.id) as { lon: number; lat: number }
      if (!(lon >= b.west && lon < b.east && lat > b.south && lat <= b.north)) continue
      const [px, py] = positionIn(tile, lon, lat)
      const closed = (CLOSED_VERIFICATIONS as readonly string[]).includes(f.properties.verification)
      const gx = Math.floor(px / cell)
      const gy = Math.floor(py / cell)
      const one = cell === 1 ? f.id : 0
      const key = `${gy}/${gx}/${closed}/${one}`
      const group = groups.get(key) ?? { gx, gy, closed, one, members: [] }
      group.members.push({ ...f, px, py })
      groups.set(key, group)
    }
    const sorted = [...groups.values()].sort(
      (a, c) => a.gy - c.gy || a.gx - c.gx || Number(a.closed) - Number(c.closed) || a.one - c.one,
    )
    const datasets = new Map(
      sorted.flatMap((g) => g.members.map((m) => [m.properties.dataset.id, m.properties.dataset] as const)),
    )
    const points = sorted.map(({ closed, members }): TilePoint => {
      const n = members.length
      const p = members.map((m) => m.properties)
      const tally = (values: string[]) =>
        values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<string, number>())
      const types = tally(p.map((x) => x.type))
      const most = Math.max(...types.values())
      const common = {
        count: n,
        type: INCIDENT_TYPES.find((t) => types.get(t) === most) as string,
        severity: SEVERITIES[Math.max(...p.map((x) => SEVERITIES.indexOf(x.severity as never)))] as string,
        occurredAt: p
          .map((x) => x.occurredAt)
          .sort()
          .at(-1) as string,
        sources: [...new Set(p.map((x) => x.dataset.id))].sort().join(';'),
      }
      const x = Math.round(members.reduce((s, m) => s + m.px, 0) / n)
      const y = Math.round(members.reduce((s, m) => s + m.py, 0) / n)
      const [one] = members
      if (n === 1 && one)
        return {
          id: one.id,
          x,
          y,
          properties: {
            ...common,
            verification: one.properties.verification,
            shared: one.properties.access === 'shared',
          },
        }
      const mix = tally(p.map((x) => x.severity))
      return {
        x,
        y,
        properties: {
          ...common,
          closed,
          ...Object.fromEntries(SEVERITIES.map((s) => [s, mix.get(s) ?? 0])),
          ...Object.fromEntries(
            INCIDENT_TYPES.filter((t) => types.has(t)).map((t) => [t, types.get(t) ?? 0]),
          ),
        },
      }
    })
    const credits = [...datasets.values()]
      .sort((a, c) => (a.id < c.id ? -1 : 1))
      .map(({ citation, ...d }) => ({ x: 0, y: 0, properties: { ...d, ...(citation ? { citation } : {}) } }))
    return { [INCIDENTS_TILE_LAYER]: points, [DATASETS_TILE_LAYER]: credits }
  }

  const decoded = (points: TilePoint[]): DecodedFeature[] =>
    points.map((p) => ({ id: p.id, x: p.x, y: p.y, properties: p.properties }))

  beforeAll(async () => {
    await database.current.rows(sql`
      INSERT INTO sources (id, name, publisher, licence, modelled) VALUES ('test-tiles', 'Test tiles', 'Tests', 'none', false)`)
    for (const f of [...FIXTURES, TWIN, ON_EDGE])
      await database.current.rows(sql`
        INSERT INTO incidents (location, occurred_at, type, severity, verification, description, source_id)
        VALUES (ST_SetSRID(ST_MakePoint(${f.lon}::float8, ${f.lat}::float8), 4326), ${f.at}::timestamptz,
                ${f.type}, ${f.severity}, ${f.verification}, 'test tile', 'test-tiles')`)
  })

  it.each([
    ['the whole route at zoom 4, all time', 4, 13, 30, ''],
    ['the central Mediterranean at zoom 5, all time', 5, 12, 34, ''],
    ['Libya at zoom 6 in 2024', 6, 14, 30, 'from=2024-01-01&to=2025-01-01'],
    ['Lampedusa at zoom 8 in 2001', 8, 12.6, 35.5, IN_2001],
    ['Lampedusa at zoom 11 in 2001', 11, 12.6, 35.5, IN_2001],
    ['Lampedusa at zoom 14, every incident its own', 14, 12.62, 35.5, IN_2001],
    ['the high and critical ones', 8, 12.6, 35.5, `${IN_2001}&severity=high,critical`],
    ['two types', 8, 12.6, 35.5, `${IN_2001}&type=shipwreck,trafficking`],
    [
      'with the closed reports, apart',
      8,
      12.6,
      35.5,
      `${IN_2001}&verification=unverified,verified,rejected,duplicate`,
    ],
    ['one country', 5, 12, 34, 'country=LY'],
  ])('%s: every incident of the layer there once, on the grid', async (_, z, lon, lat, query) => {
    const tile = tileAt(lon, lat, z)
    const layers = await expectedTile(tile, query)
    const expected = layers[INCIDENTS_TILE_LAYER] ?? []
    expect(expected.length).toBeGreaterThan(0)
    const { response, body, features } = await tileOf(tile, query)
    expect(features).toEqual(decoded(expected))
    expect(decodeTile(body)[DATASETS_TILE_LAYER]).toEqual(decoded(layers[DATASETS_TILE_LAYER] ?? []))
    // The same bytes as the encoder makes of the expected features: the tile holds nothing else.
    expect(Buffer.from(body).equals(Buffer.from(encodeTile(layers)))).toBe(true)
    const total = expected.reduce((s, p) => s + Number(p.properties.count), 0)
    expect(response.headers.get('crosswatch-tile-incidents')).toBe(String(total))
    expect(response.headers.get('crosswatch-tile-features')).toBe(String(expected.length))
    expect(response.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile')
  })

  it('clusters below zoom 14 and not from it, even incidents at one place', async () => {
    const low = await tileOf(tileAt(12.6, 35.5, 8), IN_2001)
    expect(low.features.some((f) => Number(f.properties.count) > 1)).toBe(true)
    expect(low.features.filter((f) => Number(f.properties.count) > 1).every((f) => f.id === undefined)).toBe(
      true,
    )
    const high = await tileOf(tileAt(12.62, 35.5, 14), IN_2001)
    expect(high.features.length).toBeGreaterThan(0)
    expect(high.features.every((f) => f.properties.count === 1 && typeof f.id === 'number')).toBe(true)
    const places = high.features.map((f) => `${f.x},${f.y}`)
    expect(new Set(places).size).toBe(places.length - 1)
  })

  it('puts an incident on the edge between two tiles in one of them only', async () => {
    const east = tileAt(ON_EDGE.lon, ON_EDGE.lat, 8)
    const west = { ...east, x: east.x - 1 }
    expect(tileBounds(east).west).toBe(ON_EDGE.lon)
    const [a, b] = await Promise.all([tileOf(east, IN_2001), tileOf(west, IN_2001)])
    const counts = (fs: DecodedFeature[]) => fs.reduce((s, f) => s + Number(f.properties.count), 0)
    expect(counts(a.features)).toBe(1)
    expect(counts(b.features)).toBe(0)
  })

  it('is the same tile on either engine', async () => {
    // The fixtures alone (2001): this digest is the same on both engines, or one of them differs.
    const { body } = await tileOf(tileAt(12.6, 35.5, 9), IN_2001)
    expect(createHash('sha256').update(body).digest('hex')).toMatchInlineSnapshot(
      `"51a03523c9cacc7d2cfc0009b2176afe9d7dad3785c43251b876d7e4984b5149"`,
    )
  })

  it('answers an empty tile with no layer', async () => {
    const { response, features } = await tileOf({ z: 10, x: 0, y: 0 })
    expect(features).toEqual([])
    expect(response.headers.get('crosswatch-tile-incidents')).toBe('0')
  })

  it.each([
    ['/21/0/0', 'z'],
    ['/5/32/0', 'x'],
    ['/5/0/32', 'y'],
    ['/5/a/3', 'x'],
    ['/-1/0/0', 'z'],
    ['/5/1/1?bbox=1,2,3,4', 'bbox'],
    ['/5/1/1?from=2025-02-01&to=2025-01-01', 'to'],
    ['/5/1/1?severity=extreme', 'severity'],
  ])('answers %s with 400 naming %s', async (path, name) => {
    const response = await request(`/api/tiles/incidents${path}`)
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(
      ((await response.json()) as { 'invalid-params': { name: string }[] })['invalid-params'][0]?.name,
    ).toBe(name)
  })

  it('answers a 304 to a client that has the tile', async () => {
    const first = await request('/api/tiles/incidents/8/136/102?from=2001-01-01')
    const tag = first.headers.get('etag')
    expect(tag).toBeTruthy()
    const again = await request('/api/tiles/incidents/8/136/102?from=2001-01-01', {
      headers: { 'if-none-match': tag ?? '' },
    })
    expect(again.status).toBe(304)
  })
})
