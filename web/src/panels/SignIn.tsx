// The sign-in form shown before the map: email and password, the server's reason when it refuses.
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type SessionUser, signIn } from '../api/session.ts'
import { LanguageSwitcher } from './LanguageSwitcher.tsx'

export function SignIn({
  onSignedIn,
  expired,
}: {
  onSignedIn: (user: SessionUser) => void
  expired: boolean
}) {
  const { t } = useTranslation()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    const result = await signIn(email, password)
    if (result.ok) return onSignedIn(result.user)
    setError(result.status === null ? t('auth.unreachable') : t('auth.failed', { reason: result.message }))
    setBusy(false)
  }

  return (
    <main className="sign-in">
      <form className="sign-in__form" onSubmit={submit} aria-labelledby="sign-in-title">
        <div className="sign-in__top">
          <h1 id="sign-in-title" className="sign-in__title">
            {t('auth.title')}
          </h1>
          <LanguageSwitcher />
        </div>
        <p className="sign-in__lead">{t('auth.lead')}</p>
        {expired && !error && <p className="sign-in__note">{t('auth.expired')}</p>}
        <label className="sign-in__field">
          <span>{t('auth.email')}</span>
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label className="sign-in__field">
          <span>{t('auth.password')}</span>
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p className="sign-in__error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="sign-in__submit" disabled={busy}>
          {busy ? t('auth.signingIn') : t('auth.submit')}
        </button>
      </form>
    </main>
  )
}
