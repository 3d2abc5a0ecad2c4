// GET of JSON from the Crosswatch API, with failures sorted into what a person can be told.

/** Why a request failed: the server is unreachable, it answered with an error, or its answer is unusable. */
export type ApiErrorKind = 'network' | 'http' | 'invalid'

/** Announced on `window` when any API call answers 401: the session is gone (web/src/api/session.ts). */
export const SESSION_ENDED = 'crosswatch:session-ended'

export function announceSessionEnded(): void {
  window.dispatchEvent(new Event(SESSION_ENDED))
}

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** The `detail` or `title` of an RFC 9457 problem document, when the body is one. */
async function problemDetail(response: Response): Promise<string> {
  try {
    const body: unknown = await response.json()
    if (body && typeof body === 'object') {
      const { detail, title } = body as { detail?: unknown; title?: unknown }
      if (typeof detail === 'string') return detail
      if (typeof title === 'string') return title
    }
  } catch {
    // not JSON: the status says enough
  }
  return response.statusText || `HTTP ${response.status}`
}

export async function getJson(url: string, signal?: AbortSignal): Promise<unknown> {
  let response: Response
  try {
    response = await fetch(url, { signal, headers: { accept: 'application/geo+json, application/json' } })
  } catch (error) {
    if (signal?.aborted) throw error
    throw new ApiError('network', error instanceof Error ? error.message : String(error))
  }
  if (response.status === 401) announceSessionEnded()
  if (!response.ok) throw new ApiError('http', await problemDetail(response), response.status)
  try {
    return await response.json()
  } catch {
    throw new ApiError('invalid', `${url} did not answer with JSON`)
  }
}
