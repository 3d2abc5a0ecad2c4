// Reading vector tiles in tests with Mapbox's own decoder (not the encoder the server uses), and the tile
// arithmetic a map client does: which tile holds a point, where in it.
import { VectorTile } from '@mapbox/vector-tile'
import { PbfReader } from 'pbf'
import { type Tile, tileBounds, tilePosition } from '../../server/tiles/tile-math.ts'

export interface DecodedFeature {
  id: number | undefined
  x: number
  y: number
  properties: Record<string, string | number | boolean>
}

/** The features of each layer of an MVT, as points (the only geometry the tiled layers have). */
export function decodeTile(body: ArrayBuffer | Uint8Array): Record<string, DecodedFeature[]> {
  const tile = new VectorTile(new PbfReader(body instanceof Uint8Array ? body : new Uint8Array(body)))
  const out: Record<string, DecodedFeature[]> = {}
  for (const [name, layer] of Object.entries(tile.layers)) {
    out[name] = []
    for (let i = 0; i < layer.length; i++) {
      const f = layer.feature(i)
      const [[point] = []] = f.loadGeometry()
      if (f.type !== 1 || !point) throw new Error(`feature ${i} of ${name} is not a point`)
      out[name].push({ id: f.id, x: point.x, y: point.y, properties: f.properties })
    }
  }
  return out
}

/** The tile at zoom `z` that holds (lon, lat), as slippy-map clients compute it. */
export function tileAt(lon: number, lat: number, z: number): Tile {
  const n = 2 ** z
  const rad = (lat * Math.PI) / 180
  const x = Math.floor(((lon + 180) / 360) * n)
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n)
  return { z, x, y }
}

/** Where (lon, lat) lands in `tile`, 0…4095. */
export const positionIn = (tile: Tile, lon: number, lat: number) => tilePosition(tileBounds(tile), lon, lat)

/** `[west, south, east, north]` of a tile, a little wider, for the bbox of a layer read to compare with. */
export function around(tile: Tile): string {
  const b = tileBounds(tile)
  const pad = (b.east - b.west) / 100
  return [b.west - pad, b.south - pad, b.east + pad, b.north + pad].join(',')
}
