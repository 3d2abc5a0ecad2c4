// An ETag for the layers that costs no query: the version of the data as this process knows it (bumped
// by every live event it hears, every import any process announces, and its own writes), the hour
// (layers' default windows end at the next whole hour), the caller and the URL. If-None-Match then gets
// its 304 before any SQL runs.
import { createHash, randomBytes } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import type { Database } from '../../db/client.ts'
import { callerOf, maybePrincipal } from '../auth/middleware.ts'
import type { EventHub } from '../event-hub.ts'
import type { Logger } from '../log.ts'
import { LAYERS_CHANNEL } from './layer-changes.ts'

/**
 * The version of the data in this process: an epoch of its own (so a version never repeats across
 * restarts) and a count of the changes heard since.
 */
export class DataVersion {
  private readonly epoch = randomBytes(6).toString('base64url')
  private changes = 0
  private readonly listeners = new Set<() => void>()

  bump() {
    this.changes++
    for (const listener of this.listeners) listener()
  }

  /** Calls `listener` after each bump (a standby's reads follow them: db/replica.ts); returns its undo. */
  onBump(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  get current(): string {
    return `${this.epoch}.${this.changes}`
  }
}

const byDatabase = new WeakMap<Database, DataVersion>()
const followed = new WeakSet<EventHub>()

/**
 * The data version of `database` in this process, shared by every app on it. With `events` it also
 * bumps with every event the hub delivers and every announcement on LAYERS_CHANNEL, until the hub
 * stops; without (most tests) only the apps' own writes bump it.
 */
export function dataVersion(database: Database, events: EventHub | undefined, logger: Logger): DataVersion {
  const version = byDatabase.get(database) ?? new DataVersion()
  byDatabase.set(database, version)
  if (events && !followed.has(events)) {
    followed.add(events)
    follow(version, database, events, logger)
  }
  return version
}

function follow(version: DataVersion, database: Database, events: EventHub, logger: Logger) {
  const bump = () => version.bump()
  events.onStop(events.subscribe(bump))
  let unlisten: () => Promise<void> = async () => {}
  const listen = () =>
    Promise.resolve()
      .then(() => database.listen(LAYERS_CHANNEL, bump))
      .then(
        (stop) => {
          unlisten = stop
        },
        (err: unknown) =>
          logger.warn(
            { err },
            `cannot listen on ${LAYERS_CHANNEL}: imports by other processes show within the hour`,
          ),
      )
  void listen()
  // After the database came back, imports may have been announced unheard: listen again, and bump.
  events.onReconnect(() => {
    bump()
    void unlisten()
      .catch(() => {})
      .then(listen)
  })
  events.onStop(() => void unlisten().catch(() => {}))
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Bumps `version` after each write the app answers (its transaction has committed by then), and again
 * when a streamed answer (an import's NDJSON) has been sent, since it commits at its end.
 */
export function bumpAfterWrites(version: DataVersion): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE.has(c.req.method)) return next()
    await next()
    if (c.res.status >= 400) return
    version.bump()
    const body = c.res.body
    if (body)
      c.res = new Response(body.pipeThrough(new TransformStream({ flush: () => version.bump() })), c.res)
  }
}

/** Browsers keep the answer but ask again each time: a 304 is cheap now. */
const CACHE_CONTROL = 'private, no-cache'
const HOUR_MS = 3600_000

/** Whether If-None-Match names `tag` (weak comparison, as for GET), or is `*`. */
function matches(header: string | undefined, tag: string): boolean {
  if (!header) return false
  const opaque = (t: string) => t.trim().replace(/^W\//, '')
  return header.split(',').some((t) => t.trim() === '*' || opaque(t) === opaque(tag))
}

/**
 * A weak ETag on each 200 of GET, from the version, the hour, who asks (role, agency and user: what the
 * database lets them see) and the path with its query, computed before the route runs; an If-None-Match
 * that names it gets a 304 and the route does not run.
 */
export function versionETag(version: DataVersion, now = () => Date.now()): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next()
    const caller = callerOf(maybePrincipal(c))
    const url = new URL(c.req.url)
    const key = [
      version.current,
      Math.floor(now() / HOUR_MS),
      caller.role,
      caller.agencyId,
      caller.userId,
      url.pathname + url.search,
    ].join('\n')
    const tag = `W/"${createHash('sha256').update(key).digest('base64url').slice(0, 22)}"`
    if (matches(c.req.header('if-none-match'), tag))
      return c.body(null, 304, { etag: tag, 'cache-control': CACHE_CONTROL })
    await next()
    if (c.res.status !== 200) return
    c.res.headers.set('etag', tag)
    c.res.headers.set('cache-control', CACHE_CONTROL)
  }
}
