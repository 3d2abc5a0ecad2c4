// A report the server has acknowledged (201) survives the server being killed at that instant (SIGKILL,
// nothing flushed on the way out), on each engine: after a restart on the same database it is there, and
// retrying its Idempotency-Key answers the same id without storing it twice.
import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { addUser } from '../../server/auth/accounts.ts'
import { useTestDatabase } from '../helpers/database.ts'
import { engines } from '../helpers/engines.ts'
import { type RunningServer, startServer } from '../helpers/server.ts'

const ROUNDS = 3
const REPORTS_PER_ROUND = 3
const PASSWORD = 'durability test password'

interface Sent {
  key: string
  body: Record<string, unknown>
  id: number
}

async function signIn(server: RunningServer, email: string): Promise<string> {
  const response = await fetch(new URL('api/auth/login', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  })
  expect(response.status).toBe(200)
  return ((await response.json()) as { token: string }).token
}

function postReport(server: RunningServer, token: string, key: string, body: unknown) {
  return fetch(new URL('api/reports', server.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  })
}

describe.each(engines)('acknowledged reports survive a SIGKILL on %s', (engine) => {
  const database = useTestDatabase(engine)
  const occurredAt = new Date(Date.now() - 3_600_000).toISOString()
  const window = new URLSearchParams({
    from: new Date(Date.parse(occurredAt) - 60_000).toISOString(),
    to: new Date(Date.parse(occurredAt) + 60_000).toISOString(),
    verification: 'unverified',
  })

  it(`keeps every report acknowledged before a kill, ${ROUNDS} kills in a row`, async () => {
    const reporter = `reporter-${engine}@crosswatch.example`
    const viewer = `viewer-${engine}@crosswatch.example`
    await addUser(database.current, { email: reporter, password: PASSWORD, role: 'reporter', agency: 'IOM' })
    await addUser(database.current, { email: viewer, password: PASSWORD, role: 'viewer', agency: 'IOM' })
    await database.current.close()

    const sent: Sent[] = []
    const restarts: string[] = []
    try {
      for (let round = 0; round <= ROUNDS; round++) {
        const started = performance.now()
        const server = await startServer(database.handle.env)
        if (round > 0)
          restarts.push(
            `${((performance.now() - started) / 1000).toFixed(1)} s (ready in ${server.output().match(/ready in ([\d.]+ s)/)?.[1]})`,
          )
        let killed = false
        try {
          // Everything acknowledged before the earlier kills is there…
          const reading = await signIn(server, viewer)
          const layer = await fetch(new URL(`api/layers/incidents?${window}`, server.url), {
            headers: { authorization: `Bearer ${reading}` },
          })
          expect(layer.status).toBe(200)
          const { features } = (await layer.json()) as {
            features: { properties: { id: number; externalId: string | null } }[]
          }
          const found = new Map(features.map((f) => [f.properties.externalId, f.properties.id]))
          expect(sent.map((s) => found.get(s.key))).toEqual(sent.map((s) => s.id))

          // …its sender reads it, and a retry of it is answered from what was stored, not stored again.
          const token = await signIn(server, reporter)
          for (const s of sent) {
            const stored = await fetch(new URL(`api/reports/${s.id}`, server.url), {
              headers: { authorization: `Bearer ${token}` },
            })
            expect(stored.status).toBe(200)
            expect(await stored.json()).toMatchObject({ id: s.id, description: s.body.description })
            const retry = await postReport(server, token, s.key, s.body)
            expect(retry.status).toBe(201)
            expect(retry.headers.get('idempotent-replayed')).toBe('true')
            expect(((await retry.json()) as { id: number }).id).toBe(s.id)
          }
          if (round === ROUNDS) break

          for (let n = 0; n < REPORTS_PER_ROUND; n++) {
            const key = randomUUID()
            const body = {
              type: 'stranded_group',
              occurredAt,
              location: { type: 'Point', coordinates: [8 + round, 19 + n] },
              counts: { dead: 0, missing: 0, injured: 0, survivors: 10 + n, children: 0 },
              description: `durability ${engine} round ${round} report ${n}`,
            }
            const response = await postReport(server, token, key, body)
            // The acknowledgement is the whole answer (it may arrive compressed, in chunks, after the status).
            const answer = response.status === 201 ? ((await response.json()) as { id: number }) : undefined
            // The last one of the round: killed the moment its acknowledgement arrives.
            if (n === REPORTS_PER_ROUND - 1 && answer) {
              server.process.kill('SIGKILL')
              killed = true
            }
            expect(response.status).toBe(201)
            sent.push({ key, body, id: answer?.id ?? -1 })
          }
        } finally {
          const code = await server.stop() // after the last round: SIGTERM, a clean stop
          if (round === ROUNDS) expect(code, server.output()).toBe(0)
        }
        expect(killed).toBe(round < ROUNDS)
      }
    } finally {
      database.current = await database.handle.open() // for the checks below, and for afterAll
    }

    const rows = await database.current.rows<{ key: string; n: number }>(sql`
      SELECT external_id AS key, count(*)::int AS n FROM incidents
      WHERE description LIKE ${`durability ${engine} %`} GROUP BY external_id ORDER BY 1`)
    expect(rows).toEqual(sent.map((s) => ({ key: s.key, n: 1 })).sort((a, b) => a.key.localeCompare(b.key)))
    console.info(
      `durability on ${engine}: ${sent.length} reports, ${ROUNDS} SIGKILLs; restarts after a kill took ` +
        `${restarts.join(', ')} from spawn to ready (the server's own count in brackets)`,
    )
    // What makes it so on the embedded engine: a commit writes its WAL (to the OS) before it returns.
    const [setting] = await database.current.rows<{ synchronous_commit: string }>(
      sql`SHOW synchronous_commit`,
    )
    expect(setting?.synchronous_commit).toBe('on')
  }, 600_000)
})
