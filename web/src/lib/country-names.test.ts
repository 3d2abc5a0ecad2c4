import { describe, expect, it } from 'vitest'
import { countryName } from './country-names.ts'

describe('countryName', () => {
  it.each([
    ['NE', 'en', 'Niger'],
    ['DZ', 'en', 'Algeria'],
    ['DZ', 'fr', 'Algérie'],
    ['LY', 'fr', 'Libye'],
    ['mt', 'en', 'Malta'],
    [' IT ', 'fr', 'Italie'],
    ['XX', 'en', 'XX'],
    ['Niger', 'en', 'Niger'],
    ['', 'en', ''],
  ])('%j in %s is %j', (code, locale, expected) => {
    expect(countryName(code, locale)).toBe(expected)
  })
})
