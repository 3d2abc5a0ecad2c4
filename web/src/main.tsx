// Entry point: languages first, then the session, then the data and the page.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { atLeast } from '../../db/vocabulary.ts'
import { App } from './App.tsx'
import type { SessionUser } from './api/session.ts'
import { initI18n } from './i18n/index.ts'
import { SignIn } from './panels/SignIn.tsx'
import { useDashboard } from './use-dashboard.ts'
import { useSession } from './use-session.ts'
import './styles.css'

initI18n()

function Dashboard({ user, onSignOut }: { user: SessionUser; onSignOut: () => void }) {
  return <App dashboard={useDashboard()} user={user} onSignOut={onSignOut} />
}

/** The map only for a signed-in user: reading it needs the viewer role or above. */
function Root() {
  const { session, signedIn, signOut } = useSession()
  if (session.state === 'checking') return null
  if (session.state === 'signed-out') return <SignIn onSignedIn={signedIn} expired={session.expired} />
  // A field reporter may not read the map: their page is the report page.
  if (!atLeast(session.user.role, 'viewer')) {
    window.location.replace('/report')
    return null
  }
  return <Dashboard user={session.user} onSignOut={signOut} />
}

const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root')
createRoot(container).render(
  <StrictMode>
    <Root />
  </StrictMode>,
)
