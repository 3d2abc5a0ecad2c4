// One log line a request: its id (also sent back as X-Request-Id), method, route pattern, status, time and
// the caller's role. Never the raw URL (ids, query), a header's value or a body: nothing that could be a secret.
import type { MiddlewareHandler } from 'hono'
import { requestId } from 'hono/request-id'
import { callerOf, maybePrincipal } from '../auth/middleware.ts'
import type { Logger } from '../log.ts'

/** An incoming X-Request-Id (a proxy's trace id) is kept only when short and of [A-Za-z0-9_=-], else replaced. */
const MAX_INCOMING_ID = 64

/** The request id, then the line once the answer is ready (for a stream: when it starts). */
export function requestLog(logger: Logger): MiddlewareHandler[] {
  const log: MiddlewareHandler = async (c, next) => {
    const started = performance.now()
    await next()
    logger.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        // The pattern of the route that answered, e.g. /api/reports/:id: no ids, no query string.
        route: c.req.routePath,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
        // viewer … admin, `local` for the CLIs' local token, `none` when not signed in.
        role: callerOf(maybePrincipal(c)).role,
      },
      'request',
    )
  }
  return [requestId({ limitLength: MAX_INCOMING_ID }), log]
}
