// Picks the language to open in: the one asked for in the URL, else the one chosen last time, else the
// browser's, else the first supported.

export interface LanguageHints {
  /** `?lang=` of the page URL, for links and wall screens that must open in one language. */
  query?: string | null
  /** The reader's last choice, as stored. */
  stored?: string | null
  /** `navigator.languages`, most preferred first. */
  browser?: readonly string[]
}

/** The primary subtag in lower case: `fr-CA` → `fr`. */
export function primaryLanguage(tag: string): string {
  return tag.trim().split(/[-_]/)[0]?.toLowerCase() ?? ''
}

export function pickLanguage<L extends string>(hints: LanguageHints, supported: readonly [L, ...L[]]): L {
  const candidates = [hints.query, hints.stored, ...(hints.browser ?? [])]
  for (const candidate of candidates) {
    if (!candidate) continue
    const primary = primaryLanguage(candidate)
    const match = supported.find((language) => language === primary)
    if (match) return match
  }
  return supported[0]
}
