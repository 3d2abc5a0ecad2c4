// EN / FR buttons; the choice is remembered and sets <html lang dir>.
import { useTranslation } from 'react-i18next'
import { isLanguage, LANGUAGES, setLanguage } from '../i18n/index.ts'

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation()
  const current = isLanguage(i18n.resolvedLanguage ?? '') ? i18n.resolvedLanguage : LANGUAGES[0]
  return (
    <fieldset className="language-switcher">
      <legend className="visually-hidden">{t('language.label')}</legend>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          className="language-switcher__button"
          lang={language}
          aria-pressed={language === current}
          aria-label={t(`language.names.${language}`)}
          title={t(`language.names.${language}`)}
          onClick={() => void setLanguage(language)}
        >
          {t(`language.short.${language}`)}
        </button>
      ))}
    </fieldset>
  )
}
