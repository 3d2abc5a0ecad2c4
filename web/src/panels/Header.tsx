// The header: product name, what it is, and the language switcher.
import { useTranslation } from 'react-i18next'
import { LanguageSwitcher } from './LanguageSwitcher.tsx'

export function Header() {
  const { t } = useTranslation()
  return (
    <header className="header">
      <div className="header__brand">
        <h1 className="header__name">{t('app.name')}</h1>
        <p className="header__tagline">{t('app.tagline')}</p>
      </div>
      <LanguageSwitcher />
    </header>
  )
}
