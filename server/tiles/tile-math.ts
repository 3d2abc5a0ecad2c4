// Web Mercator tiles (the XYZ scheme of OSM, MapLibre and deck.gl): a tile's bounds in WGS 84 and in
// Mercator units, which the tile queries turn into tile-local integer coordinates.

/** Tile coordinates run 0…EXTENT-1 across a tile, as in most MVT (ST_AsMVT's default). */
export const EXTENT = 4096

export interface Tile {
  z: number
  x: number
  y: number
}

export interface TileBounds {
  /** WGS 84 degrees. */
  west: number
  south: number
  east: number
  north: number
  /** Mercator y, as ln(tan(π/4 + φ/2)), at the tile's north and south edges. */
  mercatorNorth: number
  mercatorSouth: number
}

/** PostgreSQL's radians() multiplies by this double (RADIANS_PER_DEGREE in its float.c). */
const RADIANS_PER_DEGREE = 0.017453292519943295

/** Mercator y of a latitude in degrees, in the order of operations of the tile query's SQL. */
function mercatorY(latitude: number): number {
  return Math.log(Math.tan(Math.PI / 4 + (latitude * RADIANS_PER_DEGREE) / 2))
}

function latitudeOf(y: number, z: number): number {
  const n = Math.PI * (1 - (2 * y) / 2 ** z)
  return (Math.atan(Math.sinh(n)) * 180) / Math.PI
}

export function tileBounds({ z, x, y }: Tile): TileBounds {
  const size = 2 ** z
  const north = latitudeOf(y, z)
  const south = latitudeOf(y + 1, z)
  return {
    west: (x / size) * 360 - 180,
    east: ((x + 1) / size) * 360 - 180,
    north,
    south,
    mercatorNorth: Math.PI * (1 - (2 * y) / size),
    mercatorSouth: Math.PI * (1 - (2 * (y + 1)) / size),
  }
}

/** Tile units per degree of longitude (kx) and per Mercator unit (ky). */
export function tileScale(b: TileBounds): { kx: number; ky: number } {
  return { kx: EXTENT / (b.east - b.west), ky: EXTENT / (b.mercatorNorth - b.mercatorSouth) }
}

/** Where a point falls in a tile, 0…EXTENT-1 on each axis (y down), as the tile query computes it. */
export function tilePosition(b: TileBounds, lon: number, lat: number): [number, number] {
  const { kx, ky } = tileScale(b)
  return [clamp(Math.floor((lon - b.west) * kx)), clamp(Math.floor((b.mercatorNorth - mercatorY(lat)) * ky))]
}

const clamp = (v: number) => Math.min(EXTENT - 1, Math.max(0, v))
