// Routes are OpenAPIHono apps: their zod schemas validate requests and describe them in /api/openapi.json.
import { type Hook, OpenAPIHono } from '@hono/zod-openapi'
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

/** The description at /api/openapi.json: generated from the routes' own schemas. */
export const OPENAPI_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'Crosswatch API',
    version: '0.1.0',
    description:
      'Map layers of the central Mediterranean route as GeoJSON or CSV. Errors are RFC 9457 problem details naming the parameter at fault.',
  },
} as const
