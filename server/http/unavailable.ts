// Whether an error means the database is away (restarting, refusing connections, cut off), so that the
// answer is a 503 the client may retry, not a 500 that looks like a bug.

/** postgres-js's connection errors, Node's socket errors and PostgreSQL's SQLSTATEs for a lost server. */
const UNAVAILABLE = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  '08000', // connection_exception
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08003', // connection_does_not_exist
  '08006', // connection_failure
  '53300', // too_many_connections
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down, in recovery)
])

/** Seconds a client is told to wait before it asks again. */
export const RETRY_AFTER_S = 5

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false
  const { code, message, cause } = error as { code?: unknown; message?: unknown; cause?: unknown }
  if (typeof code === 'string' && UNAVAILABLE.has(code)) return true
  // 55000 is broad; only its "not accepting connections" (ALLOW_CONNECTIONS false) means away.
  if (
    code === '55000' &&
    typeof message === 'string' &&
    message.includes('not currently accepting connections')
  )
    return true
  if (error instanceof AggregateError && error.errors.some((e) => isDatabaseUnavailable(e, depth + 1)))
    return true
  return isDatabaseUnavailable(cause, depth + 1)
}
