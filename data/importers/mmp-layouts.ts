// The layouts IOM Missing Migrants Project data comes in, told apart by their header, and where each
// keeps the fields an incident needs. See SOURCES.md §1 and docs/import.md for their quirks.

export type MmpLayout = 'hdx-json' | 'iom-export' | 'giocopp'

/** The fields of an incident, named as each layout names its column (or JSON key). */
export interface LayoutColumns {
  mainId: string
  /** The id of one part of a split incident; absent from the HDX API. */
  incidentId?: string
  date: string
  /** `lat, lon` in one column, or two columns. */
  coordinates: string | { lat: string; lon: string }
  dead: string
  missing: string
  survivors: string
  children: string
  cause: string
  /** The export has no country column: the country is read from the end of the location. */
  country?: string
  location: string
  route: string
  informationSource: string
  url: string
  quality: string
  /** giocopp's `day`/`month`. */
  precision?: string
}

export const LAYOUTS: Record<MmpLayout, LayoutColumns> = {
  'hdx-json': {
    mainId: 'web_id',
    date: 'reported_date',
    coordinates: 'location_coodinates',
    dead: 'number_dead',
    missing: 'number_missing',
    survivors: 'number_of_survivors',
    children: 'number_of_children',
    cause: 'cause_death',
    country: 'country_of_incident',
    location: 'location_description',
    route: 'migration_route',
    informationSource: 'information_source',
    url: 'url',
    quality: 'source_quality',
  },
  'iom-export': {
    mainId: 'Main ID',
    incidentId: 'Incident ID',
    date: 'Incident Date',
    coordinates: 'Coordinates',
    dead: 'Number Dead',
    missing: 'Minimum Estimated Number of Missing',
    survivors: 'Number of Survivors',
    children: 'Number of Children',
    cause: 'Cause of Death',
    location: 'Location of death',
    route: 'Migration route',
    informationSource: 'Information Source',
    url: 'URL',
    quality: 'Source Quality',
  },
  giocopp: {
    mainId: 'Main ID',
    incidentId: 'Incident ID',
    date: 'Incident date',
    coordinates: { lat: 'Latitude', lon: 'Longitude' },
    dead: 'No. dead',
    missing: 'No. missing',
    survivors: 'No. survivors',
    children: 'No. minors',
    cause: 'Cause of death (category)',
    country: 'Country of Incident',
    location: 'Location of death',
    route: 'Route',
    informationSource: 'Source',
    url: 'Link',
    quality: 'Source Quality',
    precision: 'incident_date_precision',
  },
}

/** Every column a layout needs, for checking a header. */
export function columnsOf(layout: MmpLayout): string[] {
  return Object.values(LAYOUTS[layout]).flatMap((v) => (typeof v === 'string' ? [v] : [v.lat, v.lon]))
}

/** Layouts that hold MMP figures but not incident records: recognised, and rejected with this reason. */
const AGGREGATES: { columns: string[]; reason: string }[] = [
  {
    columns: ['year', 'cause', 'lon', 'lat', 'n'],
    reason:
      "IOM's missing-migrants-graphic layout (year,cause,lon,lat,n) sums dead and missing per year, cause and " +
      'rounded point, from 10 up: not incident records. Import the per-incident MMP files instead',
  },
  {
    columns: ['id', 'year', 'cause', 'lat', 'lng', 'nb', 'type'],
    reason:
      "neocarto's compilation layout (id,year,cause,lat,lng,nb,…) dates records by year only, mixes UNITED and " +
      "The Migrants' Files with MMP, and has no MMP Main ID, so its MMP part would double the MMP records. " +
      'Import the per-incident MMP files instead',
  },
]

export type Detected = { layout: MmpLayout } | { aggregate: string } | { unknown: string }

/** Which layout a CSV header is. */
export function detectCsvLayout(header: string[]): Detected {
  const has = (names: string[]) => names.every((n) => header.includes(n))
  if (has(['Main ID', 'Incident Date', 'Coordinates'])) return { layout: 'iom-export' }
  if (has(['Main ID', 'Latitude', 'Longitude'])) return { layout: 'giocopp' }
  for (const aggregate of AGGREGATES) if (has(aggregate.columns)) return { aggregate: aggregate.reason }
  return {
    unknown:
      'not an MMP layout: expected the IOM website export ("Main ID", "Incident Date", Coordinates…), ' +
      `giocopp's curated CSV ("Main ID", Latitude, Longitude…) or an HDX API JSON array; found ${header
        .slice(0, 6)
        .join(',')}…`,
  }
}
