// The report page's calls to the server: the session (from web/src/api/session.ts), posting one report
// with its Idempotency-Key, and reading a report's review. Failures come back as values, not throws.
import type { ReportDetail } from '../../../server/review/report.ts'
import type { Answer, OutboxItem } from './outbox/outbox.ts'

// The session calls are the map's own (web/src/api/session.ts): one sign-in for both pages.
export { fetchMe, type SessionUser as User, signOut } from '../api/session.ts'

/** Seconds of a Retry-After header as milliseconds (the date form is rare here and read as absent). */
function retryAfterMs(response: Response): number | undefined {
  const value = response.headers.get('retry-after')
  return value && /^\d+$/.test(value.trim()) ? Number(value) * 1000 : undefined
}

export async function postReport(item: OutboxItem): Promise<Answer> {
  let response: Response
  try {
    response = await fetch('/api/reports', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, application/problem+json',
        'idempotency-key': item.key,
      },
      body: JSON.stringify(item.body),
    })
  } catch (error) {
    return { kind: 'network', message: error instanceof Error ? error.message : String(error) }
  }
  let body: unknown = null
  try {
    body = await response.json()
  } catch {
    // Stored, but the answer was cut off: ask again with the same key to get it (and the report's id).
    if (response.ok) return { kind: 'network', message: 'the answer was cut off' }
    // Otherwise a proxy's error page, say: the status says enough.
  }
  const wait = retryAfterMs(response)
  return wait === undefined
    ? { kind: 'http', status: response.status, body }
    : { kind: 'http', status: response.status, body, retryAfterMs: wait }
}

/** GET /api/reports/:id; null when it cannot be read (offline, gone, or a server without the route yet). */
export async function fetchReport(id: number): Promise<ReportDetail | null> {
  try {
    const response = await fetch(`/api/reports/${id}`, { headers: { accept: 'application/json' } })
    return response.ok ? ((await response.json()) as ReportDetail) : null
  } catch {
    return null
  }
}
