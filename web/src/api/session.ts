// Who is signed in, signing in and out (for the map and the report page alike), and noticing when a
// session ends: any API answer of 401 is announced on `window`, and the page goes back to its sign-in form.
import type { LoginResponse, Me } from '../../../server/auth/schemas.ts'
import { readProblem } from './http.ts'

export { SESSION_ENDED } from './http.ts'

/** GET /api/auth/me, as the server declares it (server/auth/schemas.ts). */
export type SessionUser = Me

/** The signed-in user; null without a session (401); 'offline' when the server cannot be reached. */
export async function fetchMe(): Promise<SessionUser | null | 'offline'> {
  try {
    const response = await fetch('/api/auth/me', { headers: { accept: 'application/json' } })
    if (response.status === 401) return null
    if (!response.ok) return 'offline'
    return (await response.json()) as SessionUser
  } catch {
    return 'offline'
  }
}

/** `status` null: the server could not be reached. */
export type SignInResult =
  | { ok: true; user: SessionUser }
  | { ok: false; status: number | null; message: string }

/** Signs in: the server sets the httpOnly session cookie. Failures come back as values, with the server's reason. */
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
  if (!response.ok) {
    const { status, message } = await readProblem(response)
    return { ok: false, status, message }
  }
  const body = (await response.json().catch(() => null)) as LoginResponse | null
  if (!body?.user) return { ok: false, status: response.status, message: `HTTP ${response.status}` }
  // The session is the user's own: a user, signed in with the cookie.
  return { ok: true, user: { ...body.user, kind: 'session' } }
}

export async function signOut(): Promise<void> {
  await fetch('/api/auth/logout', { method: 'POST' }).catch(() => undefined)
}
