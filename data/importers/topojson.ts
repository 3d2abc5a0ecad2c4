// The `topojson` importer: IOM's UN-style world map (object `countries`) → countries, and its dotted
// disputed-boundary overlays (`disputed_dotted_black`, `disputed_dotted_white`) → disputed_boundaries,
// so a basemap can come from the database. Each geometry is named by its JSON path.
// TopoJSON is one JSON value whose shapes share arcs: it is read whole (the world map is 0.7 MB).
import type { Geometry, LineString, MultiLineString, MultiPolygon, Polygon } from 'geojson'
import { feature } from 'topojson-client'
import type { GeometryObject, Topology } from 'topojson-specification'
import type { Tx } from '../../db/client.ts'
import { countries, disputedBoundaries } from '../../db/schema.ts'
import { upsertSource } from '../../db/sources.ts'
import { upsertRows } from '../../db/upsert.ts'
import { readAll } from './json-document.ts'
import { slug } from './names.ts'
import type { Importer, LoadResult, Parsed, RowError } from './types.ts'

export type TopoJsonRow =
  | {
      table: 'countries'
      id: string
      name: string
      iso2: string | null
      iso3: string | null
      dataCountry: string | null
      geometry: MultiPolygon
      path: string
    }
  | {
      table: 'disputed'
      id: string
      style: 'black' | 'white'
      name: string | null
      geometry: MultiLineString
    }

const IOM_MAP_SOURCE = {
  id: 'iom-world-map',
  name: 'IOM world map and disputed-boundary overlays (missing-migrants-graphic)',
  publisher: 'International Organization for Migration (IOM)',
  licence: 'MIT, © 2025 OIM – UN Migration',
  url: 'https://github.com/iom/missing-migrants-graphic',
  retrievedAt: new Date('2025-03-31T00:00:00Z'),
  modelled: false,
  calibratedOn: null,
  citation: 'Map: © IOM (OIM – UN Migration), MIT licence',
  notes:
    'assets/data/world_map.json and disputed_dotted_{black,white}.json at commit 0598e9fd…. The boundaries ' +
    'and names shown do not imply official endorsement or acceptance by IOM or the United Nations.',
}

/** The objects this importer knows, and what each becomes. */
const OBJECTS = {
  countries: 'countries',
  disputed_dotted_black: 'black',
  disputed_dotted_white: 'white',
} as const

const ROW = 1 // the files are one line: errors are named by their JSON path

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null)

/** Every geometry of the known objects as a row, or its errors by JSON path. Pure. */
export function parseTopoJson(body: string): Parsed<TopoJsonRow>[] {
  const fail = (column: string, reason: string): Parsed<TopoJsonRow>[] => [
    { line: ROW, errors: [{ line: ROW, column, reason }] },
  ]
  let doc: unknown
  try {
    doc = JSON.parse(body)
  } catch (error) {
    return fail('row', `not valid JSON: ${(error as Error).message}`)
  }
  const topology = doc as Topology
  if (typeof doc !== 'object' || doc === null || topology.type !== 'Topology') {
    return fail('type', 'expected a TopoJSON Topology')
  }
  if (!Array.isArray(topology.arcs)) return fail('arcs', 'expected an array of arcs')
  if (typeof topology.objects !== 'object' || topology.objects === null) return fail('objects', 'is missing')
  const names = Object.keys(topology.objects)
  const unknown = names.filter((n) => !(n in OBJECTS))
  if (unknown.length || !names.length) {
    const known = Object.keys(OBJECTS).join(', ')
    return fail(`objects.${unknown[0] ?? ''}`, `not an object this importer knows (${known})`)
  }
  const out: Parsed<TopoJsonRow>[] = []
  for (const name of names as (keyof typeof OBJECTS)[]) {
    const collection = topology.objects[name] as { type?: string; geometries?: unknown }
    if (collection.type !== 'GeometryCollection' || !Array.isArray(collection.geometries)) {
      out.push(...fail(`objects.${name}`, 'expected a GeometryCollection'))
      continue
    }
    const ids = new Map<string, number>()
    for (const [i, object] of (collection.geometries as GeometryObject[]).entries()) {
      const path = `objects.${name}.geometries[${i}]`
      const errors: RowError[] = []
      const err = (column: string, reason: string) =>
        errors.push({ line: ROW, column: `${path}${column}`, reason })
      let geometry: Geometry | null = null
      if (object?.type === null || object?.type === undefined) err('.type', 'no geometry (null)')
      else {
        try {
          geometry = (feature(topology, object) as { geometry: Geometry | null }).geometry
        } catch (error) {
          err('.arcs', `cannot be decoded: ${(error as Error).message}`)
        }
      }
      const p = (object?.properties ?? {}) as Record<string, unknown>
      if (OBJECTS[name] === 'countries') {
        const english = text(p.english)
        if (!english) err('.properties.english', 'is empty')
        const iso2 = text(p.iso2c)
        const iso3 = text(p.iso3c)
        if (iso2 !== null && !/^[A-Z]{2}$/.test(iso2))
          err('.properties.iso2c', `"${iso2}": expected an ISO alpha-2 code`)
        if (iso3 !== null && !/^[A-Z]{3}$/.test(iso3))
          err('.properties.iso3c', `"${iso3}": expected an ISO alpha-3 code`)
        const multi = geometry && asMultiPolygon(geometry)
        if (geometry && !multi) err('.type', `${geometry.type}: expected a Polygon or a MultiPolygon`)
        if (errors.length || !multi || !english) {
          out.push({ line: ROW, errors })
          continue
        }
        // A name's further shapes (the United Kingdom has four) get -2, -3… in file order.
        const base = slug(english)
        const n = (ids.get(base) ?? 0) + 1
        ids.set(base, n)
        out.push({
          line: ROW,
          row: {
            table: 'countries',
            id: n === 1 ? base : `${base}-${n}`,
            name: english,
            iso2,
            iso3,
            dataCountry: text(p['For.data.p']),
            geometry: multi,
            path,
          },
        })
      } else {
        const multi = geometry && asMultiLineString(geometry)
        if (geometry && !multi) err('.type', `${geometry.type}: expected a LineString or a MultiLineString`)
        if (errors.length || !multi) {
          out.push({ line: ROW, errors })
          continue
        }
        const label = text(p.name) ?? text(p.territory) ?? text(p['For data p']) ?? text(p.shapefile_)
        out.push({
          line: ROW,
          row: { table: 'disputed', id: `${name}-${i}`, style: OBJECTS[name], name: label, geometry: multi },
        })
      }
    }
  }
  return out
}

function asMultiPolygon(g: Geometry): MultiPolygon | null {
  if (g.type === 'MultiPolygon') return g
  if (g.type === 'Polygon') return { type: 'MultiPolygon', coordinates: [(g as Polygon).coordinates] }
  return null
}

function asMultiLineString(g: Geometry): MultiLineString | null {
  if (g.type === 'MultiLineString') return g
  if (g.type === 'LineString')
    return { type: 'MultiLineString', coordinates: [(g as LineString).coordinates] }
  return null
}

async function loadTopoJson(tx: Tx, rows: TopoJsonRow[]): Promise<LoadResult> {
  const total: LoadResult = { inserted: 0, updated: 0, unchanged: 0 }
  const add = (r: LoadResult) => {
    total.inserted += r.inserted
    total.updated += r.updated
    total.unchanged += r.unchanged
  }
  const shapes = rows.flatMap((r) => (r.table === 'countries' ? [r] : []))
  const lines = rows.flatMap((r) => (r.table === 'disputed' ? [r] : []))
  // A world map's shapes are big: a few dozen per statement keeps each parameter list small.
  for (let i = 0; i < shapes.length; i += 50) {
    const part = shapes.slice(i, i + 50).map((r) => ({
      id: r.id,
      name: r.name,
      iso2: r.iso2,
      iso3: r.iso3,
      dataCountry: r.dataCountry,
      geometry: r.geometry,
      sourceId: IOM_MAP_SOURCE.id,
      sourceRef: r.path,
    }))
    add(await upsertRows(tx, countries, ['id'], part))
  }
  if (lines.length) {
    const records = lines.map((r) => ({
      id: r.id,
      style: r.style,
      name: r.name,
      geometry: r.geometry,
      sourceId: IOM_MAP_SOURCE.id,
    }))
    add(await upsertRows(tx, disputedBoundaries, ['id'], records))
  }
  return total
}

export const topojson: Importer<TopoJsonRow> = {
  format: 'topojson',
  description:
    'IOM’s TopoJSON world map (object countries) → countries; its disputed_dotted_* overlays → disputed_boundaries',
  async *parse(input) {
    yield* parseTopoJson(await readAll(input))
  },
  async prepare(tx) {
    await upsertSource(tx, IOM_MAP_SOURCE)
  },
  load: loadTopoJson,
  batchSize: 500,
}
