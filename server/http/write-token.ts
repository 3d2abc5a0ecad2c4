// The one credential of every write endpoint until logins exist: `Authorization: Bearer <write token>`.
// The token is CROSSWATCH_WRITE_TOKEN, or on the embedded engine one made at start and written to the
// server file for local tools (docs/api.md#authorisation says how logins and roles will replace it).
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { Problem } from './problem.ts'

export function newWriteToken(): string {
  return randomBytes(32).toString('base64url')
}

/**
 * Lets a request through only with the write token; otherwise a 401 problem. `token` undefined: this
 * server takes no writes at all (a PostgreSQL server without CROSSWATCH_WRITE_TOKEN).
 */
export function requireWriteToken(token: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (!token)
      throw new Problem(
        401,
        'Unauthorized',
        'this server takes no writes over HTTP: start it with CROSSWATCH_WRITE_TOKEN set',
      )
    const given = c.req.header('authorization')?.match(/^Bearer (\S+)$/)?.[1]
    if (!given || !sameSecret(given, token)) {
      c.header('WWW-Authenticate', 'Bearer')
      throw new Problem(
        401,
        'Unauthorized',
        'a wrong or missing token: send Authorization: Bearer <CROSSWATCH_WRITE_TOKEN, or the token in the server file>',
      )
    }
    await next()
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
