// The report page's calls to the server: the session (sign in, who am I, sign out), posting one report
// with its Idempotency-Key, and reading a report's review. Failures come back as values, not throws.
import type { Answer, OutboxItem } from './outbox/outbox.ts'

export interface User {
  id: number | null
  email: string
  name: string
  role: string
  agency: unknown
}

/** The signed-in user; null without a session (401); 'offline' when the server cannot be reached. */
export async function fetchMe(): Promise<User | null | 'offline'> {
  try {
    const response = await fetch('/api/auth/me', { headers: { accept: 'application/json' } })
    if (response.status === 401) return null
    if (!response.ok) return 'offline'
    return (await response.json()) as User
  } catch {
    return 'offline'
  }
}

export type SignInResult = { ok: true; user: User } | { ok: false; status: number | null; message: string }

export async function signIn(email: string, password: string): Promise<SignInResult> {
  let response: Response
  try {
    response = await fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ email, password }),
    })
  } catch (error) {
    return { ok: false, status: null, message: error instanceof Error ? error.message : String(error) }
  }
  const body = (await response.json().catch(() => ({}))) as { user?: User; detail?: string; title?: string }
  if (response.ok && body.user) return { ok: true, user: body.user }
  return {
    ok: false,
    status: response.status,
    message: body.detail ?? body.title ?? `HTTP ${response.status}`,
  }
}

export async function signOut(): Promise<void> {
  await fetch('/api/auth/logout', { method: 'POST' }).catch(() => undefined)
}

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
export async function fetchReport(id: number): Promise<unknown> {
  try {
    const response = await fetch(`/api/reports/${id}`, { headers: { accept: 'application/json' } })
    return response.ok ? await response.json() : null
  } catch {
    return null
  }
}
