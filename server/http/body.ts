// Reads a JSON request body once, with a size limit (jsonBody: in a route's middleware, before its
// validator), and turns zod issues into named invalid-params.
import type { Context, MiddlewareHandler } from 'hono'
import type { ZodError, z } from 'zod'
import { invalidParams } from './openapi.ts'
import { type InvalidParam, Problem } from './problem.ts'

/** `counts[3].site` from a zod path: array indices in brackets, object keys after dots. */
function fieldName(path: readonly PropertyKey[], root = ''): string {
  let out = root
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += out ? `.${String(part)}` : String(part)
  }
  return out || 'body'
}

/** One invalid-param per zod issue; unknown keys are named one by one. */
function issuesToParams(issues: readonly z.core.$ZodIssue[], root = ''): InvalidParam[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ name: fieldName([...issue.path, key], root), reason: 'unknown field' }))
      : [{ name: fieldName(issue.path, root), reason: issue.message }],
  )
}

/** The body as JSON, at most `maxBytes`; a 413 or a 400 problem otherwise, never a 500. */
export async function readJson(c: Context, maxBytes: number): Promise<unknown> {
  const type = c.req.header('content-type') ?? ''
  if (!/^application\/(.+\+)?json\b/i.test(type))
    throw Problem.invalid([{ name: 'Content-Type', reason: 'expected application/json' }])
  const text = new TextDecoder().decode(await readBytes(c, maxBytes))
  try {
    return JSON.parse(text)
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : 'not JSON'
    throw Problem.invalid([{ name: 'body', reason: `is not valid JSON: ${reason}` }])
  }
}

/**
 * A route's `middleware` (createRoute) that reads its JSON body with readJson before the route's validator
 * runs: so a body is refused (413) as it passes `maxBytes`, and one that is not JSON is a 400 naming `body`
 * or `Content-Type`. The validator then takes the parsed body from Hono's body cache, not the spent stream.
 */
export function jsonBody(maxBytes: number): MiddlewareHandler {
  return async (c, next) => {
    const body = await readJson(c, maxBytes)
    c.req.bodyCache.json = Promise.resolve(body)
    await next()
  }
}

/**
 * The validation hook of a route with a body (openapi(route, handler, fieldsHook)): the body's unknown
 * keys are named as unknown fields; headers, path and query as the other routes name them.
 */
export function fieldsHook(
  result: { target: string } & ({ success: true } | { success: false; error: ZodError }),
  _c: unknown,
): undefined {
  if (!result.success)
    throw Problem.invalid(
      result.target === 'json' ? issuesToParams(result.error.issues) : invalidParams(result.error),
    )
  return undefined
}

/**
 * The body's bytes, counted as they arrive: a body sent in chunks, with no Content-Length, is refused
 * (413) as soon as it passes `maxBytes`, and the rest is never read.
 */
async function readBytes(c: Context, maxBytes: number): Promise<Uint8Array> {
  refuseDeclaredLength(c, maxBytes)
  const reader = c.req.raw.body?.getReader()
  if (!reader) return new Uint8Array()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return Buffer.concat(chunks, size)
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel().catch(() => {})
      throw tooLarge(maxBytes)
    }
    chunks.push(value)
  }
}

/** A 413 before anything is read when the body says it is longer than `maxBytes`. */
export function refuseDeclaredLength(c: Context, maxBytes: number): void {
  if (Number(c.req.header('content-length') ?? 0) > maxBytes) throw tooLarge(maxBytes)
}

export function tooLarge(maxBytes: number): Problem {
  return new Problem(413, 'Content too large', `the body may be at most ${maxBytes} bytes`)
}
