// The header: product name, what it is, the live connection, and the language switcher.
import { useTranslation } from 'react-i18next'
import type { StreamState } from '../api/use-event-stream.ts'
import { ConnectionState } from './ConnectionState.tsx'
import { LanguageSwitcher } from './LanguageSwitcher.tsx'

export function Header({ stream }: { stream: StreamState }) {
  const { t } = useTranslation()
  return (
    <header className="header">
      <div className="header__brand">
        <h1 className="header__name">{t('app.name')}</h1>
        <p className="header__tagline">{t('app.tagline')}</p>
      </div>
      <div className="header__end">
        <ConnectionState state={stream} />
        <LanguageSwitcher />
      </div>
    </header>
  )
}
