// The sign-in of both pages: email and password, and the server's reason when it refuses. One form; the
// map shows it as a page of its own (SignIn), the report page as a card among its others, each with its
// own classes and its own words (auth.* or report.signIn.* in web/src/i18n).
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type SessionUser, signIn } from '../api/session.ts'
import { LanguageSwitcher } from './LanguageSwitcher.tsx'

/** How each page shows the form: its class names, its messages and its heading. */
const LOOKS = {
  map: {
    strings: 'auth',
    form: 'sign-in__form',
    top: 'sign-in__top',
    title: 'sign-in__title',
    lead: 'sign-in__lead',
    note: 'sign-in__note',
    field: 'sign-in__field',
    label: undefined,
    input: undefined,
    error: 'sign-in__error',
    submit: 'sign-in__submit',
  },
  report: {
    strings: 'report.signIn',
    form: 'rp-card rp-signin',
    top: undefined,
    title: 'rp-card__title',
    lead: 'rp-muted',
    note: 'rp-note rp-note--warn',
    field: 'rp-field',
    label: 'rp-field__label',
    input: 'rp-input',
    error: 'rp-note rp-note--error',
    submit: 'rp-button rp-button--primary',
  },
} as const

export type SignInLook = keyof typeof LOOKS

export interface SignInFormProps {
  look: SignInLook
  /** A session just ended: say so above the form. */
  expired: boolean
  onSignedIn: (user: SessionUser) => void
}

export function SignInForm({ look, expired, onSignedIn }: SignInFormProps) {
  const { t } = useTranslation()
  const titleId = useId()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const css = LOOKS[look]
  const text = (key: 'title' | 'lead' | 'email' | 'password' | 'submit' | 'signingIn' | 'expired') =>
    t(`${css.strings}.${key}`)

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
          ? t(`${css.strings}.unreachable`)
          : t(`${css.strings}.failed`, { reason: result.message }),
      )
  }

  // The map's page is the form alone: its heading is the page's, with the language beside it.
  const heading =
    look === 'map' ? (
      <div className={css.top}>
        <h1 id={titleId} className={css.title}>
          {text('title')}
        </h1>
        <LanguageSwitcher />
      </div>
    ) : (
      <h2 id={titleId} className={css.title}>
        {text('title')}
      </h2>
    )

  return (
    <form className={css.form} onSubmit={submit} aria-labelledby={titleId} data-testid="sign-in">
      {heading}
      <p className={css.lead}>{text('lead')}</p>
      {expired && !error && (
        <p className={css.note} role="status">
          {text('expired')}
        </p>
      )}
      <Field look={look} label={text('email')} type="email" value={email} onChange={setEmail} />
      <Field look={look} label={text('password')} type="password" value={password} onChange={setPassword} />
      {error && (
        <p className={css.error} role="alert">
          {error}
        </p>
      )}
      <button type="submit" className={css.submit} disabled={busy}>
        {busy ? text('signingIn') : text('submit')}
      </button>
    </form>
  )
}

/** The email or the password, filled in by the browser's password manager. */
function Field({
  look,
  label,
  type,
  value,
  onChange,
}: {
  look: SignInLook
  label: string
  type: 'email' | 'password'
  value: string
  onChange: (value: string) => void
}) {
  const css = LOOKS[look]
  return (
    <label className={css.field}>
      <span className={css.label}>{label}</span>
      <input
        className={css.input}
        type={type}
        name={type}
        autoComplete={type === 'email' ? 'username' : 'current-password'}
        inputMode={type === 'email' ? 'email' : undefined}
        required
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  )
}

/** The map's sign-in page, shown before the map. */
export function SignIn({ onSignedIn, expired }: Omit<SignInFormProps, 'look'>) {
  return (
    <main className="sign-in">
      <SignInForm look="map" expired={expired} onSignedIn={onSignedIn} />
    </main>
  )
}
