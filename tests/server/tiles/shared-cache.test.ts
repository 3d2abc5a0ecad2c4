// The tiles of one app, kept for all who may see the same (server/tiles/cache.ts): each caller is kept
// apart, so a tile another agency asked for first never shows or hides a report; from zoom 10 up a
// report is in the next tile; an aggregated tile is kept a while (with its Age) unless the map asks anew.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { FRESH_FROM_ZOOM } from '../../../server/tiles/cache.ts'
import { testApp } from '../../helpers/app.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'
import { tileAt } from '../../helpers/tiles.ts'
import { signedInAll } from '../../helpers/users.ts'

const occurredAt = new Date(Date.now() - 3_600_000).toISOString()
const WINDOW = new URLSearchParams({
  from: new Date(Date.parse(occurredAt) - 60_000).toISOString(),
  to: new Date(Date.parse(occurredAt) + 60_000).toISOString(),
})
const PLACE: [number, number] = [9.4321, 26.1234] // the Fezzan, where no seeded record is in the window

describe.each(engines)('tiles kept by one app on %s', (engine) => {
  const database = useTestDatabase(engine)

  it('keeps callers apart, and shows a new report at once from zoom 10 up', async () => {
    const { app } = testApp({ database: database.current })
    const people = await signedInAll(database.current, {
      reporter: ['reporter', 'Cache agency A'],
      coordinator: ['coordinator', 'Cache agency A'],
      otherViewer: ['viewer', 'Cache agency B'],
    })
    const report = async () => {
      const response = await app.request('/api/reports', {
        method: 'POST',
        headers: {
          ...people.reporter.auth,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify({
          type: 'stranded_group',
          occurredAt,
          location: { type: 'Point', coordinates: PLACE },
          counts: { dead: 0, missing: 0, injured: 0, survivors: 9, children: 1 },
          description: 'kept apart',
        }),
      })
      expect(response.status).toBe(201)
    }
    const incidents = async (who: keyof typeof people, z: number, v = '') => {
      const { x, y } = tileAt(PLACE[0], PLACE[1], z)
      const response = await app.request(`/api/tiles/incidents/${z}/${x}/${y}?${WINDOW}${v && `&v=${v}`}`, {
        headers: people[who].auth,
      })
      expect(response.status).toBe(200)
      expect(Number(response.headers.get('age'))).toBeGreaterThanOrEqual(0)
      return Number(response.headers.get('crosswatch-tile-incidents'))
    }

    await report()
    // Another agency asks first; its tile is its own: the unverified report is not in it…
    expect(await incidents('otherViewer', 5)).toBe(0)
    // …and the reporter's coordinator, asking the same tile after, sees it.
    expect(await incidents('coordinator', 5)).toBe(1)
    expect(await incidents('coordinator', FRESH_FROM_ZOOM)).toBe(1)

    await report()
    expect(await incidents('coordinator', FRESH_FROM_ZOOM)).toBe(2)
    // The aggregated tile is kept a while after the change; a new load of the map asks past it.
    expect(await incidents('coordinator', 5)).toBe(1)
    expect(await incidents('coordinator', 5, '2')).toBe(2)
    expect(await incidents('otherViewer', 5)).toBe(0)
  })
})
