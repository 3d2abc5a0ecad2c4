// Announces surges as counts arrive: after crossings.updated events (from any server process), the
// surges layer is computed for the last 24 hours and each site newly at surge level goes out once as
// surge.detected. Several processes may look at once: a lock and the events log make it once.
import { sql } from 'drizzle-orm'
import type { Database, Db } from '../db/client.ts'
import { txRows } from '../db/rows.ts'
import type { EventHub } from './event-hub.ts'
import { publish } from './events.ts'
import { listSurges } from './layers/surges.ts'

/** A site's surge is announced again only after this long. @default 6 hours */
const REANNOUNCE_AFTER_HOURS = 6
/** Counts arrive in bursts: look at most this often. @default 5 s */
const CHECK_EVERY_MS = 5_000

/** Checks the given sites now; returns the sites announced. */
export async function announceSurges(
  database: Database,
  sites: Set<string>,
  now = new Date(),
): Promise<string[]> {
  const { features } = await listSurges(database, {}, now)
  const announced: string[] = []
  for (const surge of features) {
    const { site, siteKind, level } = surge.properties
    if (level !== 'surge' || siteKind === 'area' || !sites.has(site)) continue
    const sent = await (database.db as Db).transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`surge.detected:${site}`}))`)
      const recent = await txRows(
        tx,
        sql`SELECT 1 AS one FROM events WHERE type = 'surge.detected' AND payload->>'site' = ${site}
            AND created_at > now() - make_interval(hours => ${REANNOUNCE_AFTER_HOURS}::int) LIMIT 1`,
      )
      if (recent.length) return false
      await publish(tx, 'surge.detected', { site, feature: surge })
      return true
    })
    if (sent) announced.push(site)
  }
  return announced
}

/** Watches crossings.updated events and checks their sites, at most every CHECK_EVERY_MS. */
export function watchSurges(database: Database, hub: EventHub, onError = console.error): () => void {
  let pending = new Set<string>()
  let timer: NodeJS.Timeout | null = null
  const check = async () => {
    timer = null
    const sites = pending
    pending = new Set()
    try {
      await announceSurges(database, sites)
    } catch (error) {
      onError(error)
    }
  }
  const unsubscribe = hub.subscribe((event) => {
    if (event.type !== 'crossings.updated') return
    for (const site of event.payload.sites) pending.add(site)
    timer ??= setTimeout(check, CHECK_EVERY_MS)
  })
  return () => {
    unsubscribe()
    if (timer) clearTimeout(timer)
  }
}
