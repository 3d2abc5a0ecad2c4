// Country names for ISO 3166-1 alpha-2 codes, in the reader's language, from the browser's own CLDR data.

const cache = new Map<string, Intl.DisplayNames>()

function displayNames(locale: string): Intl.DisplayNames {
  let names = cache.get(locale)
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' })
    cache.set(locale, names)
  }
  return names
}

/**
 * The name of a country in `locale`, e.g. `countryName('DZ', 'fr')` → `Algérie`.
 * A code that is not two letters, or that the browser does not know, comes back as written, so a
 * bad record shows its raw value instead of breaking the tooltip.
 */
export function countryName(code: string, locale: string): string {
  const upper = code.trim().toUpperCase()
  if (!/^[A-Z]{2}$/.test(upper)) return code
  try {
    return displayNames(locale).of(upper) ?? upper
  } catch {
    return upper
  }
}
