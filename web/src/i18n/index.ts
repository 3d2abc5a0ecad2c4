// The one i18n module: every string a person sees comes from here (i18next + react-i18next).
import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { pickLanguage } from '../lib/language.ts'
import { en } from './en.ts'
import { fr } from './fr.ts'

/** Supported languages, the default first. Arabic (right to left) is planned: the layout is ready for it. */
export const LANGUAGES = ['en', 'fr'] as const satisfies readonly [string, ...string[]]
export type Language = (typeof LANGUAGES)[number]

export const resources = {
  en: { translation: en },
  fr: { translation: fr },
} as const satisfies Record<Language, unknown>

const STORAGE_KEY = 'crosswatch.language'

function storedLanguage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY)
  } catch {
    return null // storage disabled (private mode, kiosk policies)
  }
}

/** The language to open in, from the URL (`?lang=fr`), the last choice, or the browser. */
function initialLanguage(): Language {
  return pickLanguage(
    {
      query: new URLSearchParams(location.search).get('lang'),
      stored: storedLanguage(),
      browser: navigator.languages,
    },
    [...LANGUAGES],
  )
}

/** Keeps `<html lang dir>` and the document title in step with the language, for screen readers and RTL. */
function applyToDocument(language: string) {
  const root = document.documentElement
  root.lang = language
  root.dir = i18next.dir(language)
  document.title = i18next.t('app.title')
}

export function initI18n(language: Language = initialLanguage()) {
  i18next.on('languageChanged', applyToDocument)
  i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false, // resources are bundled: ready before the first render
  })
  applyToDocument(language)
  return i18next
}

export async function setLanguage(language: Language) {
  await i18next.changeLanguage(language)
  try {
    localStorage.setItem(STORAGE_KEY, language)
  } catch {
    // not remembered; the choice still applies to this page
  }
}

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value)
}
