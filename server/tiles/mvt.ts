// Mapbox Vector Tiles of points, encoded in JS with MapLibre's vt-pbf from rows whose tile coordinates the
// database computed. One encoder for both engines: PGlite's PostGIS has no ST_AsMVT, and encoding here
// makes a tile from either engine the same bytes.
import { type Feature, fromVectorTileJs, GeoJSONWrapper } from '@maplibre/vt-pbf'
import { EXTENT } from './tile-math.ts'

/** Property values an MVT carries. */
export type TileValue = string | number | boolean

export interface TilePoint {
  /** The record's id; none for a cluster. */
  id?: number
  x: number
  y: number
  properties: Record<string, TileValue>
}

/** One MVT (version 2) holding the named layers of points; a layer with no points is left out. */
export function encodeTile(layers: Record<string, readonly TilePoint[]>): Uint8Array {
  const wrapped: Record<string, GeoJSONWrapper> = {}
  for (const [name, points] of Object.entries(layers)) {
    if (points.length === 0) continue
    const features: Feature[] = points.map((p) => ({
      ...(p.id === undefined ? {} : { id: p.id }),
      type: 1,
      tags: p.properties,
      geometry: [[p.x, p.y]],
    }))
    const layer = new GeoJSONWrapper(features, { version: 2, extent: EXTENT })
    layer.name = name
    wrapped[name] = layer
  }
  return fromVectorTileJs({ layers: wrapped })
}
