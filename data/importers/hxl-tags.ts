// HXL hashtags (https://hxlstandard.org): finding the hashtag row of a file and a column by its tag and
// attributes, as the standard says: attributes may come in any order, and case does not matter.

export interface Tag {
  tag: string
  attributes: Set<string>
}

/** `#adm1 +code` → { tag: 'adm1', attributes: {code} }; null when the cell is not a hashtag. */
function parseTag(cell: string): Tag | null {
  const match = /^\s*#([a-z][a-z0-9_]*)((?:\s*\+\s*[a-z][a-z0-9_]*)*)\s*$/i.exec(cell)
  if (!match) return null
  const attributes = (match[2] ?? '')
    .split('+')
    .map((a) => a.trim().toLowerCase())
    .filter(Boolean)
  return { tag: (match[1] as string).toLowerCase(), attributes: new Set(attributes) }
}

/** The hashtag row: every non-blank cell a hashtag, at least one. */
export function hashtagRow(fields: string[]): (Tag | null)[] | null {
  const cells = fields.filter((f) => f.trim() !== '')
  if (!cells.length) return null
  const tags = fields.map((f) => (f.trim() ? parseTag(f) : null))
  return cells.length === tags.filter(Boolean).length ? tags : null
}

export interface Pattern {
  tag: string
  /** Attributes the column must have. */
  with?: string[]
  /** Attributes the column must not have (a breakdown, an origin…). */
  without?: string[]
  /** When given, the column may have no attributes outside `with` and these. */
  only?: string[]
}

/** The index of the first column matching the pattern, or -1. */
export function findColumn(tags: (Tag | null)[], pattern: Pattern): number {
  return tags.findIndex((t) => {
    if (!t || t.tag !== pattern.tag) return false
    if (!(pattern.with ?? []).every((a) => t.attributes.has(a))) return false
    if ((pattern.without ?? []).some((a) => t.attributes.has(a))) return false
    if (pattern.only) {
      const allowed = new Set([...(pattern.with ?? []), ...pattern.only])
      if ([...t.attributes].some((a) => !allowed.has(a))) return false
    }
    return true
  })
}

/** The first pattern that matches a column. */
export function findFirst(tags: (Tag | null)[], patterns: Pattern[]): number {
  for (const pattern of patterns) {
    const index = findColumn(tags, pattern)
    if (index >= 0) return index
  }
  return -1
}

export function show(pattern: Pattern): string {
  return `#${pattern.tag}${(pattern.with ?? []).map((a) => `+${a}`).join('')}`
}
