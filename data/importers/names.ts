// Names as the importers compare them and turn them into ids: accents, case and punctuation aside, so
// that "Séguédine", "SEGUEDINE" and "Séguédine " are one place.

/** A name compared loosely: no accents, case, punctuation or spacing ("Aïn-Témouchent" = "ain temouchent"). */
export function looseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

/** A name as an id part: `Côte d'Ivoire` → `cote-d-ivoire`. */
export function slug(name: string): string {
  return looseName(name).replaceAll(' ', '-')
}
