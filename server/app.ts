// Builds the Hono app from its dependencies, so tests call app.request() with no port and no globals.
import { existsSync } from 'node:fs'
import { serveStatic } from '@hono/node-server/serve-static'
import { etag } from 'hono/etag'
import { HTTPException } from 'hono/http-exception'
import type { Database } from '../db/client.ts'
import { runAs, SYSTEM, scopedDatabase } from '../db/scope.ts'
import { authenticate, requireRole, SESSION_COOKIE, scopeToCaller } from './auth/middleware.ts'
import { authRoutes } from './auth/routes.ts'
import type { Config } from './config.ts'
import { crossingRoutes } from './crossings.ts'
import type { EventHub } from './event-hub.ts'
import { healthRoutes } from './health.ts'
import { staticCaching } from './http/caching.ts'
import { compress } from './http/compress.ts'
import { bumpAfterWrites, dataVersion, versionETag } from './http/layer-version.ts'
import { apiApp, OPENAPI_INFO, registerSecuritySchemes } from './http/openapi.ts'
import { Problem, problemResponse } from './http/problem.ts'
import { requestLog } from './http/request-log.ts'
import { sameOriginWrites, securityHeaders } from './http/security.ts'
import { isDatabaseUnavailable, RETRY_AFTER_S } from './http/unavailable.ts'
import { importRoutes } from './imports.ts'
import { layers } from './layers/index.ts'
import { type Logger, silentLogger } from './log.ts'
import { ogcRoutes } from './ogc/routes.ts'
import { reportRoutes } from './reports.ts'
import { seriesRoutes } from './series/index.ts'
import { standbyReads } from './standby.ts'
import { mountStream } from './stream.ts'
import { tiledLayers } from './tiles/index.ts'
import { userRoutes } from './users.ts'

export interface AppDeps {
  database: Database
  /** `photoDir` is optional for tests that send no photo; the server always has one (config.ts). */
  config: Pick<Config, 'webDir'> & Partial<Pick<Config, 'photoDir' | 'trustedProxies'>>
  /**
   * Where each request's line and each unexpected error go (server/log.ts); an error never reaches the
   * client beyond a 500 problem with its request id. Without one (most tests) nothing is logged.
   */
  logger?: Logger
  /**
   * The embedded server's local token (server/auth/local-token.ts): the CLIs on this machine use it, with
   * an admin's rights, while the server holds the database. Without it only users' tokens are accepted.
   */
  localToken?: string | undefined
  /** Live events for GET /api/stream; without it (most tests) there is no stream. */
  events?: EventHub | undefined
  /**
   * A hot standby of `database` (DATABASE_READ_URL): the layers, tiles, series and OGC read there when
   * it is current (server/standby.ts); everything else, and every write, uses `database`.
   */
  standby?: Database | undefined
}

export function createApp({
  database: owner,
  config,
  logger = silentLogger,
  localToken,
  events,
  standby,
}: AppDeps) {
  const app = apiApp()
  // First, so that every answer (a 401 from authenticate, a 500 from onError) has its id and its line.
  app.use('*', ...requestLog(logger))
  // Security headers on every answer, and no write forged from another site (docs/api.md#web-security).
  app.use('*', securityHeaders(), sameOriginWrites())
  // brotli, gzip or deflate for what compresses (JSON, GeoJSON, CSV, HTML, scripts, tiles), over 1 KiB;
  // never the live stream nor NDJSON, whose lines must leave as they happen.
  app.use('*', compress())

  // Who is asking, for every API route; each route then says which role it needs (docs/api.md#roles).
  app.use('/api/*', authenticate(owner, localToken, standby))
  app.use('/ogc', authenticate(owner, localToken, standby), requireRole('viewer'))
  app.use('/ogc/*', authenticate(owner, localToken, standby), requireRole('viewer'))
  // Then every query of the request runs as its caller, under row-level security (db/scope.ts), except
  // the bulk writes of published data (imports, crossing counts): they need the owner's COPY, and their
  // routes let in only coordinators and admins.
  app.use('*', scopeToCaller())
  for (const path of ['/api/imports/*', '/api/crossings', '/api/crossings/*'])
    app.use(path, (_, next) => runAs(SYSTEM, next))
  const database = scopedDatabase(owner)
  for (const path of ['/api/layers/*', '/api/tiles/*', '/api/series/*']) app.use(path, requireRole('viewer'))

  // Layers change by the minute, not by the request: a client that has the same version gets a 304,
  // decided before any query (http/layer-version.ts). Writes bump the version once committed.
  const version = dataVersion(owner, events, logger)
  const routed = standby && standbyReads(owner, standby, version, logger)
  const reads = routed ? scopedDatabase(routed) : database
  app.use('/api/*', bumpAfterWrites(version))
  app.use('/api/layers/*', versionETag(version))
  app.use('/api/tiles/*', etag())
  app.route(
    '/api/health',
    healthRoutes(database, standby && routed && { database: scopedDatabase(standby), counts: routed.counts }),
  )
  for (const [id, routes] of Object.entries(layers)) app.route(`/api/layers/${id}`, routes(reads))
  for (const [id, routes] of Object.entries(tiledLayers))
    app.route(
      `/api/tiles/${id}`,
      routes(reads, () => version.current),
    )
  app.route('/api/series', seriesRoutes(reads))
  app.route('/api/auth', authRoutes(database, { trustedProxies: config.trustedProxies ?? [] }))
  app.route('/api/users', userRoutes(database))
  app.route('/api/imports', importRoutes(database))
  app.route('/api/reports', reportRoutes({ database, photoDir: config.photoDir }))
  app.route('/api/crossings', crossingRoutes(database))
  if (events) mountStream(app, events, owner)
  app.route('/ogc', ogcRoutes(reads))
  registerSecuritySchemes(app, SESSION_COOKIE)
  app.doc31('/api/openapi.json', OPENAPI_INFO)
  app.all('/ogc/*', (c) =>
    problemResponse(c, new Problem(404, 'Not found', `no OGC API resource at ${c.req.path}`)),
  )
  app.all('/api/*', (c) =>
    problemResponse(c, new Problem(404, 'Not found', `no API resource at ${c.req.path}`)),
  )

  if (existsSync(config.webDir)) {
    app.use('/*', staticCaching())
    // The field report page (a page of its own, installable, that works offline) and its paths.
    const reportPage = serveStatic({ root: config.webDir, path: 'report.html' })
    app.get('/report', reportPage)
    app.get('/report/*', reportPage)
    app.use('/*', serveStatic({ root: config.webDir }))
    // The web app routes in the browser: unknown paths get its page.
    app.get('*', serveStatic({ root: config.webDir, path: 'index.html' }))
  }

  app.notFound((c) => problemResponse(c, new Problem(404, 'Not found')))
  app.onError((error, c) => {
    if (error instanceof Problem) return problemResponse(c, error)
    if (error instanceof HTTPException && error.status < 500) {
      return problemResponse(c, new Problem(error.status, error.message || 'Bad request'))
    }
    const requestId = c.get('requestId')
    if (isDatabaseUnavailable(error)) {
      logger.warn({ err: error, requestId }, 'the database is unavailable')
      c.header('Retry-After', String(RETRY_AFTER_S))
      return problemResponse(
        c,
        new Problem(
          503,
          'Database unavailable',
          'the database cannot be reached just now: try again shortly',
        ),
      )
    }
    logger.error({ err: error, requestId }, 'unexpected error')
    const problem = new Problem(500, 'Internal error', `the error was logged on the server as ${requestId}`)
    return problemResponse(c, problem, { requestId })
  })
  return app
}
