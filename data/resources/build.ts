// Builds data/resources/resources.geojson from resources.csv: published figures are kept; missing ones
// are modelled by the rule below and the record then points at the modelled source. Run by hand after
// editing the CSV:  node --import tsx data/resources/build.ts
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseCsv } from 'csv-parse/sync'

/**
 * Occupancy ratios (people present / places), each from a published figure:
 * - Sicilian hotspots: 1,529 people in the hotspots of Sicily on 2025-09-15 (Ministero dell'Interno,
 *   cruscotto statistico, via Liberiamoli tutti! accoglienza.csv, CC BY 4.0), shared over the Sicilian
 *   hotspots below in proportion to their places; Apulia had 0 people in hotspots that day.
 * - Malta: 287 residents in open centres that can take 2,964 (UNHCR Malta, January–April 2023, reported
 *   by Malta News Agency/Italpress, June 2023).
 * - IOM transit centres in Niger: around 5,000 migrants in seven centres (IOM, "Alarming overcrowding in
 *   Niger migrant transit centres", 2023) over the 1,750 places of the six centres whose capacity IOM
 *   published; this reflects the 2023 crisis after the border closures, not an ordinary month.
 */
export const CALIBRATION = {
  sicilyHotspots: {
    present: 1529,
    ids: ['it-lampedusa-hotspot', 'it-pozzallo-hotspot', 'it-porto-empedocle-hotspot'],
  },
  apuliaHotspots: { present: 0, ids: ['it-taranto-hotspot'] },
  malta: { present: 287, places: 2964 },
  nigerIom: { present: 5000, places: 1750 },
}

const here = dirname(fileURLToPath(import.meta.url))

export const SOURCES = {
  compiled: {
    id: 'crosswatch-resources',
    name: 'Shelters, camps, transit and reception centres of the central Mediterranean route',
    publisher: 'Crosswatch contributors, compiled from public sources cited per record',
    licence:
      'Mixed, per record: GeoNames CC BY 4.0; Wikipedia CC BY-SA 4.0; facts from IOM, AIDA/ECRE and press pages',
    url: 'data/resources/README.md',
    retrieved_at: '2026-11-23',
    modelled: false,
  },
  ficss: {
    id: 'unhcr-ficss-2020',
    name: 'UNHCR displacement locations (FICSS, as of 2020-01-06)',
    publisher:
      'UNHCR Field Information and Coordination Support Section; dataset validated by Zhou & Shaver (2021)',
    licence: 'No licence stated; cite Zhou & Shaver (2021) and acknowledge UNHCR ODSS/FICSS',
    url: 'https://github.com/global-displacement-locations/displacement_locations_unhcr',
    retrieved_at: '2026-11-23',
    modelled: false,
    citation:
      'Zhou, Y.-Y. & Shaver, A. (2021), Reexamining the Effect of Refugees on Civil Conflict, APSR, ' +
      'doi:10.1017/S0003055421000502; data: UNHCR ODSS/FICSS',
  },
  model: {
    id: 'crosswatch-resources-model',
    name: 'Modelled capacity and occupancy of resources',
    publisher: 'Crosswatch contributors',
    licence: 'CC BY 4.0',
    url: 'data/resources/README.md',
    retrieved_at: '2026-11-23',
    modelled: true,
    calibrated_on:
      'Capacity: median of the published capacities of the same kind in this dataset (reception centres: 300). ' +
      'Occupancy: hotspot presence by region on 2025-09-15 (Ministero dell’Interno via Liberiamoli tutti!, ' +
      'Sicily 1,529, Apulia 0); Malta open centres 287 of 2,964 places (UNHCR, Jan–Apr 2023); Niger IOM ' +
      'transit centres ~5,000 people in 7 centres of ~1,750 published places (IOM, 2023)',
    notes: 'Deterministic rule documented in data/resources/README.md and data/resources/build.ts',
  },
} as const

interface Row {
  id: string
  name: string
  kind: string
  country: string
  lon: string
  lat: string
  operator: string
  capacity: string
  occupancy: string
  figures_ref: string
  location_source_id: string
  location_ref: string
  notes: string
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b)
  return s.length ? (s[Math.floor((s.length - 1) / 2)] ?? 0) : null
}

/** The rule: keep what is published, model what a published figure can calibrate, leave the rest unknown. */
export function model(rows: Row[]) {
  const published = (r: Row) => (r.capacity ? Number(r.capacity) : null)
  const medianByKind = new Map<string, number | null>()
  for (const kind of new Set(rows.map((r) => r.kind))) {
    medianByKind.set(
      kind,
      median(rows.filter((r) => r.kind === kind && r.capacity).map((r) => Number(r.capacity))),
    )
  }
  const capacityOf = (r: Row) =>
    published(r) ??
    (['transit_centre', 'reception_centre'].includes(r.kind) ? (medianByKind.get(r.kind) ?? null) : null)
  const regionRatio = ({ present, ids }: { present: number; ids: string[] }) =>
    present / ids.reduce((n, id) => n + (capacityOf(rows.find((r) => r.id === id) as Row) ?? 0), 0)
  const ratioFor = (r: Row): number | null => {
    if (CALIBRATION.sicilyHotspots.ids.includes(r.id)) return regionRatio(CALIBRATION.sicilyHotspots)
    if (CALIBRATION.apuliaHotspots.ids.includes(r.id)) return regionRatio(CALIBRATION.apuliaHotspots)
    if (r.country === 'MT') return CALIBRATION.malta.present / CALIBRATION.malta.places
    if (r.country === 'NE' && r.operator === 'IOM')
      return CALIBRATION.nigerIom.present / CALIBRATION.nigerIom.places
    return null
  }
  return rows.map((r) => {
    const capacity = capacityOf(r)
    const ratio = ratioFor(r)
    const occupancy = r.occupancy
      ? Number(r.occupancy)
      : capacity !== null && ratio !== null
        ? Math.round(capacity * ratio)
        : null
    const modelledCapacity = capacity !== null && !r.capacity
    const modelledOccupancy = occupancy !== null && !r.occupancy
    const modelled = modelledCapacity || modelledOccupancy
    const what = [modelledCapacity && 'capacity', modelledOccupancy && 'occupancy']
      .filter(Boolean)
      .join(' and ')
    const figures = [r.figures_ref, modelled && `${what} modelled (${SOURCES.model.id})`]
      .filter(Boolean)
      .join('. ')
    return {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [Number(r.lon), Number(r.lat)] },
      properties: {
        id: r.id,
        name: r.name,
        kind: r.kind,
        country: r.country,
        operator: r.operator || null,
        capacity,
        occupancy,
        capacity_source_id: modelled
          ? SOURCES.model.id
          : capacity !== null || occupancy !== null
            ? SOURCES.compiled.id
            : null,
        source_id: r.location_source_id,
        source_ref: [`Location: ${r.location_ref}`, figures].filter(Boolean).join('. '),
        notes: r.notes || null,
      },
    }
  })
}

function build() {
  const rows = parseCsv(readFileSync(join(here, 'resources.csv')), { columns: true, bom: true }) as Row[]
  const features = model(rows)
  const head = JSON.stringify({
    type: 'FeatureCollection',
    'crosswatch:layer': 'resources',
    'crosswatch:source': SOURCES.compiled,
    'crosswatch:sources': [SOURCES.ficss, SOURCES.model],
  }).slice(0, -1)
  const body = features.map((f) => JSON.stringify(f)).join(',\n')
  writeFileSync(join(here, 'resources.geojson'), `${head},"features":[\n${body}\n]}\n`)
  const modelled = features.filter((f) => f.properties.capacity_source_id === SOURCES.model.id).length
  console.log(`wrote ${features.length} resources (${modelled} with modelled figures)`)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) build()
