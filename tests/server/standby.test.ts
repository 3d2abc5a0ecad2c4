// Reads on a streaming hot standby (docs/deploy.md#a-standby): a private primary and a standby made with
// pg_basebackup, the app with both. The map reads from the standby only when it has replayed every
// change the layers' ETags count (paused replay sends them to the primary); reads go on while the
// primary restarts, writes then get a 503; a standby that stops sends the reads back to the primary.
import { randomUUID } from 'node:crypto'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Database, openDatabase, openStandby } from '../../db/client.ts'
import { createApp } from '../../server/app.ts'
import { EventHub } from '../../server/event-hub.ts'
import { type Cluster, canRunCluster, primaryCluster, standbyCluster } from '../helpers/cluster.ts'
import { engines } from '../helpers/engines.ts'
import { type SignedIn, signedIn } from '../helpers/users.ts'

const occurredAt = new Date(Date.now() - 3_600_000).toISOString()
const WINDOW = new URLSearchParams({
  from: new Date(Date.parse(occurredAt) - 60_000).toISOString(),
  to: new Date(Date.parse(occurredAt) + 60_000).toISOString(),
  verification: 'unverified',
})

describe.runIf(engines.includes('postgres') && canRunCluster)('map reads on a hot standby', () => {
  let primary: Cluster
  let standby: Cluster
  let database: Database
  let replica: Database
  let events: EventHub
  let app: ReturnType<typeof createApp>
  let reporter: SignedIn
  let coordinator: SignedIn
  let replay: postgres.Sql

  beforeAll(async () => {
    primary = await primaryCluster()
    const admin = postgres(primary.url('postgres'), { max: 1, onnotice: () => {} })
    await admin`CREATE DATABASE crosswatch`
    await admin.end()
    database = await openDatabase({ url: primary.url('crosswatch'), dataDir: '' })
    standby = await standbyCluster(primary)
    replica = await openStandby(standby.url('crosswatch'), (line) => {
      throw new Error(line)
    })
    events = await EventHub.start(database)
    app = createApp({ database, config: { webDir: 'no-web' }, events, standby: replica })
    reporter = await signedIn(database, 'reporter', 'Standby agency')
    coordinator = await signedIn(database, 'coordinator', 'Standby agency')
    replay = postgres(standby.url('crosswatch'), { max: 1, onnotice: () => {} })
  }, 120_000)
  afterAll(async () => {
    await replay?.end({ timeout: 1 }).catch(() => {})
    await events?.stop()
    await Promise.all([database?.close(), replica?.close()].map((p) => p?.catch(() => {})))
    standby?.remove()
    primary?.remove()
  })

  const report = (description: string) =>
    app.request('/api/reports', {
      method: 'POST',
      headers: { ...reporter.auth, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        type: 'stranded_group',
        occurredAt,
        location: { type: 'Point', coordinates: [7.99, 16.97] },
        counts: { dead: 0, missing: 0, injured: 0, survivors: 12, children: 2 },
        description,
      }),
    })
  const incidentIds = async () => {
    const response = await app.request(`/api/layers/incidents?${WINDOW}`, { headers: coordinator.auth })
    expect(response.status).toBe(200)
    const { features } = (await response.json()) as { features: { properties: { id: number } }[] }
    return features.map((f) => f.properties.id)
  }
  const health = async () =>
    (await (await app.request('/api/health')).json()) as {
      standby: { reachable: boolean; lagBytes: number | null; reads: { standby: number; primary: number } }
    }
  const until = async (check: () => Promise<boolean>, what: string) => {
    for (let tries = 0; tries < 100; tries++) {
      if (await check()) return
      await new Promise((r) => setTimeout(r, 100))
    }
    throw new Error(`still not ${what} after 10 s`)
  }
  /** Posts a report and returns its id, once the standby has caught up with it. */
  const posted = async (description: string) => {
    const response = await report(description)
    expect(response.status).toBe(201)
    const { id } = (await response.json()) as { id: number }
    await until(async () => (await health()).standby.lagBytes === 0, 'replayed')
    return id
  }

  it('serves the map from the standby once it has replayed the latest change', async () => {
    const id = await posted('first on the standby')
    // The first read after a change may go to the primary while its WAL position is asked.
    await until(async () => {
      const before = (await health()).standby.reads.standby
      const ids = await incidentIds()
      return ids.includes(id) && (await health()).standby.reads.standby === before + 1
    }, 'read from the standby')
    expect((await health()).standby).toMatchObject({ reachable: true })
  })

  it('reads from the primary while the standby is behind, so no answer misses a report', async () => {
    await replay`SELECT pg_wal_replay_pause()`
    try {
      const response = await report('posted while replay is paused')
      expect(response.status).toBe(201)
      const { id } = (await response.json()) as { id: number }
      const before = (await health()).standby.reads
      for (let i = 0; i < 3; i++) expect(await incidentIds()).toContain(id)
      const after = (await health()).standby.reads
      expect(after.primary - before.primary).toBe(3)
      expect(after.standby).toBe(before.standby)
    } finally {
      await replay`SELECT pg_wal_replay_resume()`
    }
  })

  it('keeps serving reads while the primary restarts; writes meanwhile get a 503', async () => {
    const id = await posted('before the primary stops')
    await until(async () => (await incidentIds()).includes(id), 'readable')
    primary.stop('fast')
    try {
      expect(await incidentIds()).toContain(id)
      const tile = await app.request('/api/tiles/incidents/5/16/14', { headers: coordinator.auth })
      expect(tile.status).toBe(200)
      const refused = await report('while the primary is away')
      expect(refused.status).toBe(503)
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/)
      expect((await refused.json()).title).toBe('Database unavailable')
    } finally {
      primary.start()
    }
    let stored: Response | undefined
    await until(async () => {
      stored = await report('after the primary is back')
      return stored.status === 201
    }, 'accepting reports')
    const { id: after } = (await (stored as Response).json()) as { id: number }
    await until(async () => (await incidentIds()).includes(after), 'showing the new report')
  })

  it('sends the reads back to the primary when the standby stops', async () => {
    const id = await posted('before the standby stops')
    standby.stop('fast')
    try {
      // Refused at connect, before any answer began: made again on the primary, not a 503.
      expect(await incidentIds()).toContain(id)
      const state = await health()
      expect(state.standby).toMatchObject({ reachable: false, lagBytes: null })
      const before = state.standby.reads.primary
      expect(await incidentIds()).toContain(id)
      expect((await health()).standby.reads.primary).toBe(before + 1)
    } finally {
      standby.start()
    }
  })
})
