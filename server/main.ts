// Reads the config, opens and migrates the database, seeds it when empty, serves the API and the web app.
import { type ServerType, serve } from '@hono/node-server'
import { seedDemoUsers } from '../data/seed/demo-users.ts'
import { seedAll } from '../data/seed/index.ts'
import { type Database, DatabaseOpenError, openDatabase, openStandby, redact } from '../db/client.ts'
import { createApp } from './app.ts'
import { countUsers } from './auth/accounts.ts'
import { newLocalToken } from './auth/local-token.ts'
import { ConfigError, loadConfig } from './config.ts'
import { EventHub } from './event-hub.ts'
import { writeServerFile } from './imports.ts'
import { createLogger, type Logger } from './log.ts'
import { watchSurges } from './surge-watch.ts'

const started = Date.now()
// At info until the config names the level: a bad config is still reported.
let logger: Logger = createLogger()
const log = (line: string) => logger.info(line)
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`

async function main() {
  const config = loadConfig()
  logger = createLogger(config.logLevel)
  log(
    config.databaseUrl
      ? `database: ${redact(config.databaseUrl)}`
      : `database: embedded PostGIS in ${config.dataDir}/`,
  )
  // The embedded engine takes seconds to start (about 12 s the first time): show that it is alive.
  const ticker = setInterval(() => log(`… still starting the database (${elapsed()})`), 3000)
  let database: Database
  try {
    database = await openDatabase({
      url: config.databaseUrl,
      dataDir: config.dataDir,
      onProgress: (step) => log(`${step} (${elapsed()})`),
    })
  } finally {
    clearInterval(ticker)
  }
  const standby = config.databaseReadUrl
    ? await openStandby(config.databaseReadUrl, (line) => logger.warn(line)).catch(async (error) => {
        await database.close()
        throw error
      })
    : undefined
  if (config.databaseReadUrl) log(`reads on the standby ${redact(config.databaseReadUrl)} when it is current`)
  await seedAll(database, { log })
  if (config.demo) await seedDemoUsers(database, { log })
  if ((await countUsers(database)) === 0)
    log('no users yet: add the first admin with  npm run user -- add --email … --role admin --agency …')

  // On the embedded engine the CLIs cannot open the database we hold: they write through us with a
  // local token from the server file. A PostgreSQL server needs none (the CLIs reach the database).
  const embedded = database.engine === 'pglite'
  const localToken = embedded ? newLocalToken() : undefined
  const events = await EventHub.start(database, { logger })
  const stopWatching = watchSurges(database, events, (err) => logger.error({ err }, 'surge check failed'))
  events.onStop(stopWatching)
  const app = createApp({ database, config, localToken, events, logger, standby })
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const host = info.family === 'IPv6' ? `[${info.address}]` : info.address
    if (localToken) {
      const local = info.family === 'IPv6' ? '[::1]' : '127.0.0.1'
      const url = `http://${/^(0\.0\.0\.0|::)$/.test(info.address) ? local : host}:${info.port}/`
      const remove = writeServerFile(config.dataDir, { pid: process.pid, url, token: localToken })
      process.on('exit', remove)
    }
    const url = `http://${host}:${info.port}/`
    logger.info({ url }, `ready in ${elapsed()}: ${url}`)
  })
  // Node closes an idle kept-alive connection after 5 s; a client that reuses it at that instant gets
  // ECONNRESET (browsers retry, scripts and devices often do not). Idle connections last longer than
  // the clients' own pools keep them, so the client is the one to close.
  if ('keepAliveTimeout' in server) {
    server.keepAliveTimeout = 65_000
    server.headersTimeout = 66_000
  }
  server.on('error', (error: NodeJS.ErrnoException) => {
    fail(error.code === 'EADDRINUSE' ? `port ${config.port} is already in use (set PORT)` : error.message)
  })
  onShutdown(server, database, events, standby)
}

/** SIGINT/SIGTERM: stop accepting, let in-flight requests finish, then close the database cleanly. */
function onShutdown(server: ServerType, database: Database, events: EventHub, standby?: Database) {
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    log(`${signal}: finishing in-flight requests`)
    const force = setTimeout(() => {
      log('requests still open after 10 s: closing them')
      if ('closeAllConnections' in server) server.closeAllConnections()
    }, 10_000)
    force.unref()
    // Live streams never finish by themselves: end them, or the server would wait for them. The database
    // closes only after the hub's UNLISTEN: closing under it failed the stop (exit 1) on PostgreSQL.
    const eventsStopped = events.stop()
    server.close(async () => {
      await eventsStopped
      await Promise.all([database.close(), standby?.close()])
      log('database closed; bye')
      process.exit(0)
    })
    // Connections go idle as their requests finish (a live stream once it is ended): close each then,
    // rather than keep it for the long keep-alive.
    if ('closeIdleConnections' in server) {
      server.closeIdleConnections()
      setInterval(() => server.closeIdleConnections(), 200).unref()
    }
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

/** One fatal line naming the problem (with the stack when it is unexpected), then exit 1. */
function fail(message: string, err?: unknown): never {
  logger.fatal(err ? { err } : {}, message)
  process.exit(1)
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DatabaseOpenError) fail(error.message)
  const message = error instanceof Error ? error.message.split('\n')[0] : undefined
  fail(message || 'failed to start', error)
})
