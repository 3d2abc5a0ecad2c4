// Row-level security holds in the database itself: as the app's role with no caller set, a query sees
// only published records, and writes to restricted rows are refused — whatever a route would have done.
import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Tx } from '../../db/client.ts'
import { txRows } from '../../db/rows.ts'
import { APP_ROLE, asCaller } from '../../db/scope.ts'
import { ensureWriteSources } from '../../server/writes/origin.ts'
import { useTestDatabase } from '../helpers/database.ts'
import { engines } from '../helpers/engines.ts'
import { signedIn } from '../helpers/users.ts'

const REPORTS = sql`source_id IN ('crosswatch-field-reports', 'crosswatch-simulator')`

describe.each(engines)('row-level security on %s', (engine) => {
  const database = useTestDatabase(engine)
  let reportId = 0
  let agencyId = 0

  /** A transaction that only switches to the app's role, as a connection of the app would be. */
  const asAppRole = <T>(work: (tx: Tx) => Promise<T>) =>
    database.current.db.transaction(async (tx) => {
      await tx.execute(sql.raw(`SET LOCAL ROLE ${APP_ROLE}`))
      return work(tx)
    })
  const count = (tx: Tx, query: ReturnType<typeof sql>) =>
    txRows<{ n: number }>(tx, query).then(([row]) => row?.n ?? -1)

  beforeAll(async () => {
    await ensureWriteSources(database.current)
    const reporter = await signedIn(database.current, 'reporter', `RLS agency ${engine}`)
    agencyId = reporter.user.agency.id
    // Filed as the reporter would be, through the policies, with an event, an audit row and a key.
    reportId = await asCaller(
      database.current,
      { role: 'reporter', userId: reporter.user.id, agencyId },
      async (tx) => {
        const [row] = await txRows<{ id: number }>(
          tx,
          sql`INSERT INTO incidents (location, occurred_at, type, severity, description, source_id, reported_by, agency_id)
              VALUES (ST_SetSRID(ST_MakePoint(12.54321, 33.45678), 4326), now(), 'shipwreck', 'high', 'a name and a phone',
                      'crosswatch-field-reports', ${reporter.user.id}, ${agencyId}) RETURNING id::int`,
        )
        const id = row?.id as number
        await tx.execute(
          sql`INSERT INTO incident_audit (incident_id, user_id, action) VALUES (${id}, ${reporter.user.id}, 'reported')`,
        )
        await tx.execute(
          sql`INSERT INTO events (type, payload, incident_id) VALUES ('incident.created', '{}', ${id})`,
        )
        await tx.execute(sql`INSERT INTO idempotency_keys (key, scope, request_hash, status, response, user_id)
                             VALUES (${randomUUID()}::uuid, 'test', 'h', 201, 'null', ${reporter.user.id})`)
        return id
      },
    )
  })

  it('runs the app role without BYPASSRLS and without superuser', async () => {
    const [role] = await database.current.rows<{ super: boolean; bypass: boolean }>(
      sql`SELECT rolsuper AS super, rolbypassrls AS bypass FROM pg_roles WHERE rolname = ${APP_ROLE}`,
    )
    expect(role).toEqual({ super: false, bypass: false })
  })

  it('shows no restricted row to the app role when no caller is set', async () => {
    const owner = await database.current.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM incidents WHERE ${REPORTS}`,
    )
    expect(owner[0]?.n).toBeGreaterThan(0)
    await asAppRole(async (tx) => {
      const [who] = await txRows<{ user: string }>(tx, sql`SELECT current_user AS user`)
      expect(who?.user).toBe(APP_ROLE)
      expect(await count(tx, sql`SELECT count(*)::int AS n FROM incidents WHERE ${REPORTS}`)).toBe(0)
      expect(await count(tx, sql`SELECT count(*)::int AS n FROM visible_incidents() WHERE ${REPORTS}`)).toBe(
        0,
      )
      expect(await count(tx, sql`SELECT count(*)::int AS n FROM incident_audit`)).toBe(0)
      expect(
        await count(tx, sql`SELECT count(*)::int AS n FROM events WHERE incident_id = ${reportId}`),
      ).toBe(0)
      expect(await count(tx, sql`SELECT count(*)::int AS n FROM idempotency_keys`)).toBe(0)
      // The published records stay readable.
      expect(
        await count(tx, sql`SELECT count(*)::int AS n FROM incidents WHERE source_id LIKE 'iom-mmp%'`),
      ).toBeGreaterThan(0)
    })
  })

  it('refuses to change or file a restricted row when no caller is set', async () => {
    await asAppRole(async (tx) => {
      const updated = await txRows(
        tx,
        sql`UPDATE incidents SET description = '' WHERE id = ${reportId} RETURNING id`,
      )
      expect(updated).toEqual([])
    })
    await expect(
      asAppRole((tx) =>
        tx.execute(sql`INSERT INTO incidents (location, occurred_at, type, severity, source_id, agency_id)
                       VALUES (ST_SetSRID(ST_MakePoint(12, 33), 4326), now(), 'shipwreck', 'low', 'crosswatch-field-reports', ${agencyId})`),
      ),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/row-level security/) } })
    const [row] = await database.current.rows<{ description: string }>(
      sql`SELECT description FROM incidents WHERE id = ${reportId}`,
    )
    expect(row?.description).toBe('a name and a phone')
  })

  it('shows another agency’s viewer nothing of an unverified report, and the verified one coarsened', async () => {
    const other = { role: 'viewer' as const, userId: null, agencyId: agencyId + 1000 }
    const read = () =>
      asCaller(database.current, other, (tx) =>
        txRows<{ x: number; y: number; description: string }>(
          tx,
          sql`SELECT ST_X(location) AS x, ST_Y(location) AS y, description FROM visible_incidents() WHERE id = ${reportId}`,
        ),
      )
    expect(await read()).toEqual([])
    await database.current.rows(sql`UPDATE incidents SET verification = 'verified' WHERE id = ${reportId}`)
    expect(await read()).toEqual([{ x: 12.5, y: 33.5, description: '' }])
  })

  it('uses the spatial index for a bbox under row-level security', async () => {
    const plan = await asCaller(database.current, { role: 'viewer', userId: null, agencyId }, (tx) =>
      txRows<Record<string, string>>(
        tx,
        sql`EXPLAIN SELECT id FROM visible_incidents(ST_MakeEnvelope(10, 30, 15, 35, 4326))`,
      ),
    )
    expect(plan.map((r) => Object.values(r)[0]).join('\n')).toMatch(/incidents_location_idx/)
  })
})
