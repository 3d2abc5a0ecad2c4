import { describe, expect, it } from 'vitest'
import { type LanguageHints, pickLanguage, primaryLanguage } from './language.ts'

const supported = ['en', 'fr'] as const satisfies readonly [string, ...string[]]

describe('pickLanguage', () => {
  it.each<[string, LanguageHints, string]>([
    ['nothing known', {}, 'en'],
    ['the browser prefers French', { browser: ['fr-FR', 'en'] }, 'fr'],
    ['the browser prefers an unsupported language', { browser: ['de-DE', 'fr'] }, 'fr'],
    ['no browser language is supported', { browser: ['de', 'it'] }, 'en'],
    ['a stored choice beats the browser', { stored: 'en', browser: ['fr'] }, 'en'],
    ['the URL beats a stored choice', { query: 'fr', stored: 'en', browser: ['en'] }, 'fr'],
    ['an unsupported URL value is skipped', { query: 'xx', stored: 'fr' }, 'fr'],
    ['case and region are ignored', { query: 'FR_ca' }, 'fr'],
  ])('%s', (_, hints, expected) => {
    expect(pickLanguage(hints, [...supported])).toBe(expected)
  })
})

describe('primaryLanguage', () => {
  it.each([
    ['fr-FR', 'fr'],
    ['ar', 'ar'],
    ['EN_gb', 'en'],
    ['', ''],
  ])('%j → %j', (tag, expected) => {
    expect(primaryLanguage(tag)).toBe(expected)
  })
})
