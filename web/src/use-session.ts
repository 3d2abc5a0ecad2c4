// The page's session: checking, signed out (and whether a session just ended), or a signed-in user.
import { useCallback, useEffect, useState } from 'react'
import { fetchMe, SESSION_ENDED, type SessionUser, signOut } from './api/session.ts'

export type Session =
  | { state: 'checking' }
  | { state: 'signed-out'; expired: boolean }
  | { state: 'signed-in'; user: SessionUser }

export function useSession() {
  const [session, setSession] = useState<Session>({ state: 'checking' })

  useEffect(() => {
    let live = true
    const check = async () => {
      const user = await fetchMe()
      if (!live) return
      // The server is unreachable: try again shortly rather than show a sign-in that cannot work.
      if (user === 'offline') setTimeout(check, 3000)
      else setSession(user ? { state: 'signed-in', user } : { state: 'signed-out', expired: false })
    }
    void check()
    const ended = () => setSession({ state: 'signed-out', expired: true })
    window.addEventListener(SESSION_ENDED, ended)
    return () => {
      live = false
      window.removeEventListener(SESSION_ENDED, ended)
    }
  }, [])

  const signedIn = useCallback((user: SessionUser) => setSession({ state: 'signed-in', user }), [])
  const end = useCallback(async () => {
    await signOut()
    setSession({ state: 'signed-out', expired: false })
  }, [])
  return { session, signedIn, signOut: end }
}
