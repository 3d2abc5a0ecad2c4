// Who is asking (a Bearer token or the session cookie) and whether their role may: 401 without
// credentials, 403 with a role too low, both as problem+json.
import { timingSafeEqual } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import type { Database } from '../../db/client.ts'
import { type Caller, NOBODY, runAs } from '../../db/scope.ts'
import { Problem } from '../http/problem.ts'
import { isDatabaseUnavailable } from '../http/unavailable.ts'
import { atLeast, type Principal, type Role } from './roles.ts'
import { principalFor } from './tokens.ts'

export const SESSION_COOKIE = 'crosswatch_session'
const READS = new Set(['GET', 'HEAD'])

declare module 'hono' {
  interface ContextVariableMap {
    /** Who is asking, set by authenticate(); absent when no one signed in. */
    principal: Principal
  }
}

/** The principal of a local tool holding the embedded server's token (server/auth/local-token.ts). */
const LOCAL_PRINCIPAL: Principal = Object.freeze({
  kind: 'local',
  userId: null,
  email: 'local',
  name: 'local tools',
  role: 'admin',
  agencyId: null,
  agency: null,
  tokenId: null,
})

/** The token a request carries: `Authorization: Bearer …` first, else the session cookie. */
function requestToken(c: Context): { token: string; from: 'bearer' | 'cookie' } | null {
  const header = c.req.header('authorization')
  if (header) {
    const token = header.match(/^Bearer ([\x21-\x7e]{1,200})$/i)?.[1]
    if (!token) throw unauthorized('the Authorization header must be "Bearer <token>"')
    return { token, from: 'bearer' }
  }
  const cookie = getCookie(c, SESSION_COOKIE)
  return cookie ? { token: cookie, from: 'cookie' } : null
}

/**
 * Finds who is asking and keeps it on the context for requireRole and principalOf. A Bearer token that is
 * unknown, expired or revoked is a 401 at once; a stale cookie is as if there were none.
 */
export function authenticate(database: Database, localToken?: string, standby?: Database): MiddlewareHandler {
  // While the primary is away, a read may still be let in by what the standby knows of the token.
  const find = async (token: string, method: string) => {
    try {
      return await principalFor(database, token)
    } catch (error) {
      if (!standby || !READS.has(method) || !isDatabaseUnavailable(error)) throw error
      return principalFor(standby, token, { touch: false })
    }
  }
  return async (c, next) => {
    const given = requestToken(c)
    if (given) {
      const principal =
        localToken && sameSecret(given.token, localToken)
          ? LOCAL_PRINCIPAL
          : await find(given.token, c.req.method)
      if (principal) c.set('principal', principal)
      else if (given.from === 'bearer')
        throw unauthorized('the token is unknown, expired or revoked: sign in again')
    }
    await next()
  }
}

/** The principal of the request, if any. */
export function maybePrincipal(c: Context): Principal | undefined {
  return c.get('principal') as Principal | undefined
}

/** Who the database reads for (db/scope.ts): the operator's local token sees every record. */
export function callerOf(principal: Principal | undefined): Caller {
  if (!principal) return NOBODY
  if (principal.kind === 'local') return { role: 'local', userId: null, agencyId: null }
  return { role: principal.role, userId: principal.userId, agencyId: principal.agencyId }
}

/** Runs the rest of the request's handling as its caller: every query then runs under row-level security. */
export function scopeToCaller(): MiddlewareHandler {
  return (c, next) => runAs(callerOf(maybePrincipal(c)), next)
}

/** The principal of the request; a 401 when there is none. */
export function principalOf(c: Context): Principal {
  const principal = maybePrincipal(c)
  if (!principal)
    throw unauthorized('sign in first: POST /api/auth/login, then send the cookie or Bearer token')
  return principal
}

/** Lets the request through only for `minimum` or a higher role. */
export function requireRole(minimum: Role): MiddlewareHandler {
  return async (c, next) => {
    const principal = principalOf(c)
    if (!atLeast(principal.role, minimum))
      throw new Problem(
        403,
        'Forbidden',
        `this needs the role ${minimum} or above; you are ${principal.role}`,
      )
    await next()
  }
}

export function unauthorized(detail: string): Problem {
  return new Problem(401, 'Unauthorized', detail)
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
