// Routes are OpenAPIHono apps: their zod schemas validate requests, type responses and describe both in
// /api/openapi.json. This module holds what every route shares: the problem schema, the error responses,
// the security schemes and the document's header.

import type { OpenAPIObjectConfigure } from '@hono/zod-openapi'
import { type Hook, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Env } from 'hono'
import type { ZodError } from 'zod'
import { type InvalidParam, Problem, problemResponse } from './problem.ts'

/** Zod issues as the parameters or fields at fault: `bbox`, `counts.dead`, `features[3].id`. */
export function invalidParams(error: ZodError): InvalidParam[] {
  return error.issues.flatMap((issue): InvalidParam[] => {
    if (issue.code === 'unrecognized_keys') {
      const where = issue.path.length ? `${pathName(issue.path)}.` : ''
      return issue.keys.map((key) => ({ name: `${where}${key}`, reason: 'unknown parameter' }))
    }
    const name = pathName(issue.path) || 'body'
    if (issue.code === 'invalid_type' && issue.expected === 'string' && issue.message.includes('array'))
      return [{ name, reason: 'given more than once' }]
    return [{ name, reason: issue.message }]
  })
}

function pathName(path: PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  )
}

const problemHook: Hook<unknown, Env, string, unknown> = (result, c) => {
  if (!result.success) return problemResponse(c, Problem.invalid(invalidParams(result.error as ZodError)))
}

export function apiApp() {
  return new OpenAPIHono({ defaultHook: problemHook })
}

/** Any route app built by apiApp(), whatever its routes' types. */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds apps of different route types
export type ApiApp = OpenAPIHono<Env, any, any>

/** RFC 9457 problem details, as every error leaves the server (server/http/problem.ts). */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    'invalid-params': z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
    requestId: z.string().optional().openapi({ description: 'on a 500: the id the server logged it under' }),
  })
  .openapi('Problem')
export type ProblemBody = z.infer<typeof problemSchema>

/** What each error status means on this API; a route lists the ones it can answer with problems(). */
const PROBLEMS = {
  400: 'an invalid parameter or field, named in invalid-params',
  401: 'not signed in, or the token is unknown, expired or revoked',
  403: "the caller's role may not do this",
  404: 'no such resource, or none the caller may see',
  409: 'conflicts with the current state',
  412: 'changed meanwhile: If-Match names an older version',
  413: 'the body is larger than the route allows',
  415: 'the body is not of a type the route reads',
  422: 'understood but refused (e.g. an Idempotency-Key already used for another request)',
  429: 'too many attempts: see Retry-After',
  500: 'an unexpected error, logged on the server under the requestId it returns',
  503: 'the database is unavailable just now: see Retry-After',
} as const
export type ProblemStatus = keyof typeof PROBLEMS

type ProblemResponse = {
  description: string
  content: { 'application/problem+json': { schema: typeof problemSchema } }
}

/**
 * The error responses of a route, as problem+json. 400, 500 and 503 are in every route (any request can
 * be malformed, any server can fail, any database can be away); name the others: `problems(401, 403, 404)`.
 */
export function problems<const S extends ProblemStatus>(
  ...statuses: S[]
): Record<S | 400 | 500 | 503, ProblemResponse> {
  const out = {} as Record<S | 400 | 500 | 503, ProblemResponse>
  for (const status of [400, ...statuses, 500, 503] as (S | 400 | 500 | 503)[])
    out[status] = {
      description: PROBLEMS[status],
      content: { 'application/problem+json': { schema: problemSchema } },
    }
  return out
}

/** The errors of a route that needs a signed-in caller with some role. */
export const signedIn = () => problems(401, 403)

/** For a route anyone may call (health, sign-in, the document itself). */
export const PUBLIC: Record<string, string[]>[] = []

/** For a route that needs a signed-in caller: either scheme (registerSecuritySchemes). */
export const SIGNED_IN: Record<string, string[]>[] = [{ bearer: [] }, { cookie: [] }]

/** The description at /api/openapi.json: generated from the routes' own schemas. */
export const OPENAPI_INFO: Exclude<OpenAPIObjectConfigure<Env, string>, (...args: never[]) => unknown> = {
  openapi: '3.1.0',
  info: {
    title: 'Crosswatch API',
    version: '0.1.0',
    description:
      'Map layers of the central Mediterranean route as GeoJSON or CSV, field reports and their review, ' +
      'live events and OGC API Features. Errors are RFC 9457 problem details naming the parameter at fault. ' +
      'Every read is scoped to the caller by the database: see docs/api.md#who-sees-what.',
    license: { name: 'AGPL-3.0-or-later', url: 'https://www.gnu.org/licenses/agpl-3.0.html' },
  },
  servers: [{ url: '/', description: 'this server' }],
  // Signed in with either scheme, unless a route says `security: PUBLIC`.
  security: SIGNED_IN,
}

/** Registers the two ways to be signed in: a Bearer token (scripts, devices) or the browser's cookie. */
export function registerSecuritySchemes(app: ApiApp, cookieName: string) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'the token POST /api/auth/login returns, or a device token',
  })
  app.openAPIRegistry.registerComponent('securitySchemes', 'cookie', {
    type: 'apiKey',
    in: 'cookie',
    name: cookieName,
    description: 'the session cookie POST /api/auth/login sets (httpOnly, SameSite=Lax)',
  })
}
