// Calls to the Crosswatch API, with failures sorted into what a person can be told: one reader of the
// server's problem details (RFC 9457) for every page, its invalid-params mapped to the fields they name.
import type { ProblemBody } from '../../../server/http/openapi.ts'
import { isObject } from '../lib/is-object.ts'

/** Why a request failed: the server is unreachable, it answered with an error, or its answer is unusable. */
export type ApiErrorKind = 'network' | 'http' | 'invalid'

/** Announced on `window` when any API call answers 401: the session is gone (web/src/api/session.ts). */
export const SESSION_ENDED = 'crosswatch:session-ended'

function announceSessionEnded(): void {
  window.dispatchEvent(new Event(SESSION_ENDED))
}

/** An error answer as the page uses it. */
export interface Problem {
  status: number
  /** The problem's `detail`, else its `title`, else the status line. */
  message: string
  /** Each field or parameter invalid-params names (`counts.dead`, `If-Match`), with its reasons. */
  fields: Record<string, string>
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined)

/**
 * The problem in an error's body, whatever came back: a problem document (server/http/openapi.ts
 * ProblemBody), some other JSON, or nothing usable (a proxy's page); entries that are not reasons are skipped.
 */
export function problemOf(body: unknown, status: number, statusText = ''): Problem {
  const problem: Partial<ProblemBody> = isObject(body) ? body : {}
  const fields: Record<string, string> = {}
  for (const param of Array.isArray(problem['invalid-params']) ? problem['invalid-params'] : []) {
    if (!isObject(param)) continue
    const reason = text(param.reason)
    if (!reason) continue
    const name = text(param.name) ?? ''
    fields[name] = fields[name] ? `${fields[name]}; ${reason}` : reason
  }
  const message = text(problem.detail) ?? text(problem.title) ?? (statusText || `HTTP ${status}`)
  return { status, message, fields }
}

/** The problem an error response carries (its body read as JSON, when it is). */
export async function readProblem(response: Response): Promise<Problem> {
  const body: unknown = await response.json().catch(() => null)
  return problemOf(body, response.status, response.statusText)
}

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status?: number,
    readonly fields: Record<string, string> = {},
  ) {
    super(message)
    this.name = 'ApiError'
  }

  static of(problem: Problem): ApiError {
    return new ApiError('http', problem.message, problem.status, problem.fields)
  }
}

const networkError = (error: unknown) =>
  new ApiError('network', error instanceof Error ? error.message : String(error))

/** Any call of the API: a network failure, a 401 (announced) or another error status becomes an ApiError. */
async function call(url: string, init: RequestInit): Promise<Response> {
  let response: Response
  try {
    response = await fetch(url, init)
  } catch (error) {
    if (init.signal?.aborted) throw error
    throw networkError(error)
  }
  if (response.status === 401) announceSessionEnded()
  if (!response.ok) throw ApiError.of(await readProblem(response))
  return response
}

async function jsonOf(response: Response, url: string): Promise<unknown> {
  try {
    return await response.json()
  } catch {
    throw new ApiError('invalid', `${url} did not answer with JSON`)
  }
}

export async function getJson(url: string, signal?: AbortSignal): Promise<unknown> {
  const response = await call(url, {
    signal: signal ?? null,
    headers: { accept: 'application/geo+json, application/json' },
  })
  return jsonOf(response, url)
}

/** POSTs `body` as JSON, with extra `headers` (If-Match, Idempotency-Key…), and reads the JSON answer. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await call(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(body),
  })
  return jsonOf(response, url)
}

/** GETs binary data (a vector tile) as bytes. */
export async function getBytes(url: string, accept: string, signal?: AbortSignal): Promise<ArrayBuffer> {
  const response = await call(url, { signal: signal ?? null, headers: { accept } })
  return response.arrayBuffer()
}
