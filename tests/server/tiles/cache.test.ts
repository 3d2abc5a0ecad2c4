// The tile cache: one query for requests at the same moment, kept while the data version holds, and an
// aggregated tile (below FRESH_FROM_ZOOM) up to MAX_AGE_MS past a change; failures are not kept.
import { describe, expect, it } from 'vitest'
import { FRESH_FROM_ZOOM, MAX_AGE_MS, TileCache } from '../../../server/tiles/cache.ts'

function setup(maxEntries?: number) {
  const state = { version: 'a.0', now: 1_000_000, made: 0 }
  const cache = new TileCache<string>(
    () => state.version,
    () => state.now,
    maxEntries,
  )
  const make = () => {
    state.made++
    return Promise.resolve(`tile ${state.made}`)
  }
  return { state, cache, make }
}

describe('TileCache', () => {
  it('makes a tile once for requests at the same moment', async () => {
    const { state, cache } = setup()
    let release: (v: string) => void = () => {}
    const slow = () => {
      state.made++
      return new Promise<string>((r) => {
        release = r
      })
    }
    const both = Promise.all([cache.get('k', 12, slow), cache.get('k', 12, slow)])
    release('made once')
    expect((await both).map((c) => c.value)).toEqual(['made once', 'made once'])
    expect(state.made).toBe(1)
  })

  it('keeps a tile while the version holds, at any zoom, and says its age', async () => {
    const { state, cache, make } = setup()
    await cache.get('k', 14, make)
    state.now += 3_600_000
    expect(await cache.get('k', 14, make)).toEqual({ value: 'tile 1', ageS: 3600 })
  })

  it(`makes a tile from zoom ${FRESH_FROM_ZOOM} up again after a change`, async () => {
    const { state, cache, make } = setup()
    await cache.get('k', FRESH_FROM_ZOOM, make)
    state.version = 'a.1'
    expect((await cache.get('k', FRESH_FROM_ZOOM, make)).value).toBe('tile 2')
  })

  it(`keeps an aggregated tile up to ${MAX_AGE_MS / 1000} s past a change`, async () => {
    const { state, cache, make } = setup()
    await cache.get('k', FRESH_FROM_ZOOM - 1, make)
    state.version = 'a.1'
    state.now += MAX_AGE_MS - 1
    expect(await cache.get('k', FRESH_FROM_ZOOM - 1, make)).toEqual({
      value: 'tile 1',
      ageS: Math.floor((MAX_AGE_MS - 1) / 1000),
    })
    state.now += 1
    expect((await cache.get('k', FRESH_FROM_ZOOM - 1, make)).value).toBe('tile 2')
  })

  it('keeps nothing of a failed tile: the next request makes it again', async () => {
    const { state, cache, make } = setup()
    await expect(cache.get('k', 5, () => Promise.reject(new Error('database away')))).rejects.toThrow(
      'database away',
    )
    expect((await cache.get('k', 5, make)).value).toBe('tile 1')
    expect(state.made).toBe(1)
  })

  it('lets the least recently asked tile go first when full', async () => {
    const { state, cache, make } = setup(2)
    await cache.get('a', 12, make)
    await cache.get('b', 12, make)
    await cache.get('a', 12, make) // a is now the more recent
    await cache.get('c', 12, make) // b goes
    expect(state.made).toBe(3)
    expect((await cache.get('a', 12, make)).value).toBe('tile 1')
    expect((await cache.get('b', 12, make)).value).toBe('tile 4')
  })
})
