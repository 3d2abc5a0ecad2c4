// Tiles made once for all who may see the same: requests for one tile at the same moment share one
// query; a tile is kept while the data version is unchanged, and an aggregated one (zoom below
// FRESH_FROM_ZOOM, where one query reads up to a fifth of the table) for up to MAX_AGE_MS after a change:
// new incidents reach the map through the stream meanwhile, and the answer's Age says how old it is.

/** From this zoom up a tile is made again after every change. @default 10 (a tile is then ~39 km wide) */
export const FRESH_FROM_ZOOM = 10
/** How long an aggregated tile may be kept after a change. @default 30 s */
export const MAX_AGE_MS = 30_000
/** Tiles kept, the least recently asked for going first. @default 2,000 (~20 MB of MVT) */
const MAX_ENTRIES = 2000

interface Entry<T> {
  value: Promise<T>
  version: string
  at: number
}

export interface Cached<T> {
  value: T
  /** Seconds since it was made. */
  ageS: number
}

export class TileCache<T> {
  private readonly entries = new Map<string, Entry<T>>()

  constructor(
    private readonly version: () => string,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = MAX_ENTRIES,
  ) {}

  /**
   * The tile of `key` (which must name everything the tile depends on: who asks, the tile, its
   * filters) at `zoom`, kept or made by `make`. A failed `make` is not kept.
   */
  async get(key: string, zoom: number, make: () => Promise<T>): Promise<Cached<T>> {
    const version = this.version()
    const now = this.now()
    let entry = this.entries.get(key)
    const usable =
      entry && (entry.version === version || (zoom < FRESH_FROM_ZOOM && now - entry.at < MAX_AGE_MS))
    if (entry && usable) {
      // Most recently asked for: to the end of the map's order.
      this.entries.delete(key)
      this.entries.set(key, entry)
    } else {
      const made: Entry<T> = { value: make(), version, at: now }
      entry = made
      this.entries.delete(key)
      this.entries.set(key, made)
      made.value.catch(() => {
        if (this.entries.get(key) === made) this.entries.delete(key)
      })
      for (const oldest of this.entries.keys()) {
        if (this.entries.size <= this.maxEntries) break
        this.entries.delete(oldest)
      }
    }
    const value = await entry.value
    return { value, ageS: Math.max(0, Math.floor((this.now() - entry.at) / 1000)) }
  }
}
