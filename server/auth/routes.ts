// POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me: sessions as an httpOnly SameSite cookie
// for the browser and, from the same login, a Bearer token for scripts and devices.

import { getConnInfo } from '@hono/node-server/conninfo'
import { createRoute, z } from '@hono/zod-openapi'
import { deleteCookie, setCookie } from 'hono/cookie'
import type { Database } from '../../db/client.ts'
import { fieldsHook, jsonBody } from '../http/body.ts'
import { apiApp, PUBLIC, problems, SIGNED_IN } from '../http/openapi.ts'
import { Problem } from '../http/problem.ts'
import { findUser, loginCandidate } from './accounts.ts'
import { principalOf, SESSION_COOKIE, unauthorized } from './middleware.ts'
import { checkPassword, MAX_PASSWORD_LENGTH } from './passwords.ts'
import { loginResponseSchema, meSchema } from './schemas.ts'
import { LoginThrottle } from './throttle.ts'
import { createSession, endSession, SESSION_DAYS } from './tokens.ts'

const loginSchema = z
  .strictObject({
    email: z
      .string({ error: 'expected the email you sign in with' })
      .trim()
      .min(3, { error: 'expected an email' })
      .max(320),
    password: z
      .string({ error: 'expected the password' })
      .min(1, { error: 'expected the password' })
      .max(MAX_PASSWORD_LENGTH, { error: `at most ${MAX_PASSWORD_LENGTH} characters` }),
  })
  .openapi('LoginRequest')

const TAGS = ['auth']

const login = createRoute({
  method: 'post',
  path: '/login',
  operationId: 'login',
  summary: 'Sign in: sets the session cookie and returns a Bearer token for scripts',
  tags: TAGS,
  security: PUBLIC,
  middleware: [jsonBody(4096)],
  request: { body: { required: true, content: { 'application/json': { schema: loginSchema } } } },
  responses: {
    200: {
      description: `signed in: the session cookie (httpOnly, SameSite=Lax, ${SESSION_DAYS} days) is set`,
      headers: z.object({ 'Set-Cookie': z.string().openapi({ description: `${SESSION_COOKIE}=<token>` }) }),
      content: { 'application/json': { schema: loginResponseSchema } },
    },
    ...problems(401, 413, 415),
    429: {
      ...problems(429)[429],
      headers: z.object({
        'Retry-After': z.string().openapi({ description: 'seconds until this account may be tried again' }),
      }),
    },
  },
})

const logout = createRoute({
  method: 'post',
  path: '/logout',
  operationId: 'logout',
  summary: 'Sign out: ends the session and clears its cookie',
  tags: TAGS,
  security: SIGNED_IN,
  responses: { 204: { description: 'signed out' }, ...problems(401) },
})

const me = createRoute({
  method: 'get',
  path: '/me',
  operationId: 'getMe',
  summary: 'Who is signed in: the user, their role and agency',
  tags: TAGS,
  security: SIGNED_IN,
  responses: {
    200: { description: 'the caller', content: { 'application/json': { schema: meSchema } } },
    ...problems(401),
  },
})

export function authRoutes(
  database: Database,
  { trustedProxies = [] as readonly string[], throttle = new LoginThrottle(database) } = {},
) {
  const trusted = new Set(trustedProxies)
  return apiApp()
    .openapi(
      login,
      async (c) => {
        const input = c.req.valid('json')
        const attempt = await throttle.admit(input.email, clientAddress(c, trusted))
        if ('retryAfter' in attempt) {
          c.header('Retry-After', String(attempt.retryAfter))
          throw new Problem(
            429,
            'Too many attempts',
            `too many failed sign-ins: try again in ${Math.ceil(attempt.retryAfter / 60)} min`,
          )
        }
        const candidate = await loginCandidate(database, input.email)
        if (!(await checkPassword(candidate?.passwordHash, input.password)) || !candidate)
          throw unauthorized('wrong email or password') // the attempt stays counted as a failure
        await throttle.succeeded(attempt)
        const user = await findUser(database, candidate.id)
        if (!user) throw unauthorized('wrong email or password') // removed meanwhile
        const token = await createSession(database, candidate.id)
        setCookie(c, SESSION_COOKIE, token, {
          httpOnly: true,
          sameSite: 'Lax',
          secure: new URL(c.req.url).protocol === 'https:',
          path: '/',
          maxAge: SESSION_DAYS * 86_400,
        })
        return c.json({ token, user }, 200)
      },
      fieldsHook,
    )
    .openapi(logout, async (c) => {
      const principal = principalOf(c)
      if (principal.tokenId !== null) await endSession(database, principal.tokenId)
      deleteCookie(c, SESSION_COOKIE, { path: '/' })
      return c.body(null, 204)
    })
    .openapi(me, (c) => {
      const p = principalOf(c)
      return c.json(
        { id: p.userId, email: p.email, name: p.name, role: p.role, agency: p.agency, kind: p.kind },
        200,
      )
    })
    .all('*', () => {
      throw new Problem(404, 'Not found', 'POST /api/auth/login, POST /api/auth/logout or GET /api/auth/me')
    })
}

/** The caller's address: the socket's peer, or behind a trusted proxy the address it forwarded. */
function clientAddress(c: Parameters<typeof getConnInfo>[0], trusted: ReadonlySet<string>): string {
  let peer: string | undefined
  try {
    peer = getConnInfo(c).remote.address
  } catch {
    // in-process requests (tests) have no socket
  }
  return sourceAddress(peer, c.req.header('x-forwarded-for'), trusted)
}

/**
 * `peer` unless it is a trusted proxy; then the last address of X-Forwarded-For, the one that proxy saw
 * (earlier ones are whatever the client claimed, and not believed).
 */
export function sourceAddress(
  peer: string | undefined,
  forwardedFor: string | undefined,
  trusted: ReadonlySet<string>,
): string {
  if (!peer) return 'unknown'
  const plain = peer.replace(/^::ffff:/, '')
  if (!trusted.has(plain) && !trusted.has(peer)) return peer
  const forwarded = forwardedFor?.split(',').at(-1)?.trim()
  return forwarded || peer
}
