// Sign-in for the report page: the server sets the session cookie; the reports that waited then go.
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { signIn, type User } from './api.ts'

export function SignInForm({ expired, onSignedIn }: { expired: boolean; onSignedIn: (user: User) => void }) {
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
    setBusy(false)
    if (result.ok) onSignedIn(result.user)
    else
      setError(
        result.status === null
          ? t('report.signIn.unreachable')
          : t('report.signIn.failed', { reason: result.message }),
      )
  }

  return (
    <form className="rp-card rp-signin" onSubmit={submit} data-testid="sign-in">
      <h2 className="rp-card__title">{t('report.signIn.title')}</h2>
      {expired && (
        <p className="rp-note rp-note--warn" role="status">
          {t('report.signIn.expired')}
        </p>
      )}
      <p className="rp-muted">{t('report.signIn.lead')}</p>
      <label className="rp-field">
        <span className="rp-field__label">{t('report.signIn.email')}</span>
        <input
          className="rp-input"
          type="email"
          autoComplete="username"
          inputMode="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </label>
      <label className="rp-field">
        <span className="rp-field__label">{t('report.signIn.password')}</span>
        <input
          className="rp-input"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {error && (
        <p className="rp-note rp-note--error" role="alert">
          {error}
        </p>
      )}
      <button className="rp-button rp-button--primary" type="submit" disabled={busy}>
        {busy ? t('report.signIn.signingIn') : t('report.signIn.submit')}
      </button>
    </form>
  )
}
