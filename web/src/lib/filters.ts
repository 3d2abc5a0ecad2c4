// Legend items double as filters: a hidden item (e.g. one incident type) hides the features it covers.
// Keys are `<layer>/<item>`, so one set holds the filters of every layer.

export type Hidden = ReadonlySet<string>

export const filterKey = (layer: string, item: string) => `${layer}/${item}`

export function toggleHidden(hidden: Hidden, key: string): Set<string> {
  const next = new Set(hidden)
  if (next.has(key)) next.delete(key)
  else next.add(key)
  return next
}

/** The features none of whose legend items is hidden; the same array when nothing of the layer is hidden. */
export function visibleFeatures<T>(
  features: T[],
  layer: string,
  itemsOf: (f: T) => string[],
  hidden: Hidden,
) {
  const prefix = `${layer}/`
  if (![...hidden].some((k) => k.startsWith(prefix))) return features
  return features.filter((f) => itemsOf(f).every((item) => !hidden.has(prefix + item)))
}
