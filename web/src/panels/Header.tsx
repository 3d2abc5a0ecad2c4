// The header: product name, what it is, the live connection, who is signed in, and the language switcher.
import { useTranslation } from 'react-i18next'
import type { SessionUser } from '../api/session.ts'
import type { StreamState } from '../api/use-event-stream.ts'
import { ConnectionState } from './ConnectionState.tsx'
import { LanguageSwitcher } from './LanguageSwitcher.tsx'

export function Header({
  stream,
  user,
  onSignOut,
  onReview,
  reviewing = false,
}: {
  stream: StreamState
  user: SessionUser
  onSignOut: () => void
  /** Coordinators and admins: opens or closes the review queue. */
  onReview?: (() => void) | undefined
  reviewing?: boolean
}) {
  const { t } = useTranslation()
  return (
    <header className="header">
      <div className="header__brand">
        <h1 className="header__name">{t('app.name')}</h1>
        <p className="header__tagline">{t('app.tagline')}</p>
      </div>
      <div className="header__end">
        <ConnectionState state={stream} />
        {onReview && (
          <button
            type="button"
            className="header__review"
            aria-pressed={reviewing}
            onClick={onReview}
            data-testid="review-toggle"
          >
            {t('review.open')}
          </button>
        )}
        <a className="header__report" href="/report">
          {t('auth.reportLink')}
        </a>
        <span className="header__user" title={user.agency?.name ?? ''}>
          {t('auth.signedInAs', { name: user.name || user.email })} · {t(`auth.roles.${user.role}`)}
        </span>
        <button type="button" className="header__sign-out" onClick={onSignOut}>
          {t('auth.signOut')}
        </button>
        <LanguageSwitcher />
      </div>
    </header>
  )
}
