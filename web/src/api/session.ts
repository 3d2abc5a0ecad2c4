// Who is signed in, signing in and out (for the map and the report page alike), and noticing when a
// session ends: any API answer of 401 is announced on `window`, and the page goes back to its sign-in form.
export { announceSessionEnded, SESSION_ENDED } from './http.ts'

export type Role = 'reporter' | 'viewer' | 'coordinator' | 'admin'

export interface SessionUser {
  id: number | null
  email: string
  name: string
  role: Role
  agency: { id: number; code: string; name: string } | null
}

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
  const body = (await response.json().catch(() => ({}))) as {
    user?: SessionUser
    detail?: string
    title?: string
  }
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
