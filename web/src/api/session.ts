// Who is signed in, signing in and out, and noticing when a session ends: any API answer of 401 is
// announced on `window`, and the page goes back to its sign-in form.
import { ApiError } from './http.ts'

export { announceSessionEnded, SESSION_ENDED } from './http.ts'

export type Role = 'reporter' | 'viewer' | 'coordinator' | 'admin'

export interface SessionUser {
  id: number | null
  email: string
  name: string
  role: Role
  agency: { id: number; code: string; name: string } | null
}

/** The signed-in user, or null when there is no live session. */
export async function fetchMe(): Promise<SessionUser | null> {
  let response: Response
  try {
    response = await fetch('/api/auth/me', { headers: { accept: 'application/json' } })
  } catch (error) {
    throw new ApiError('network', error instanceof Error ? error.message : String(error))
  }
  if (response.status === 401) return null
  if (!response.ok) throw new ApiError('http', response.statusText, response.status)
  return (await response.json()) as SessionUser
}

/** Signs in: the server sets the httpOnly session cookie. Throws an ApiError with the server's reason. */
export async function signIn(email: string, password: string): Promise<SessionUser> {
  let response: Response
  try {
    response = await fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ email, password }),
    })
  } catch (error) {
    throw new ApiError('network', error instanceof Error ? error.message : String(error))
  }
  const body = (await response.json().catch(() => ({}))) as { user?: SessionUser; detail?: string }
  if (!response.ok || !body.user)
    throw new ApiError('http', body.detail ?? response.statusText, response.status)
  return body.user
}

export async function signOut(): Promise<void> {
  await fetch('/api/auth/logout', { method: 'POST' }).catch(() => undefined)
}
