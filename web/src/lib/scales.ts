// Scales of the map's symbols: sizes by square root (so a symbol's area follows the quantity) and
// colour ramps, clamped so that one huge value does not make the others vanish.

export type Rgb = readonly [number, number, number]

/** Maps 0…max to minPixels…maxPixels by square root; a missing or non-positive value gets minPixels. */
export function sqrtSize(
  value: number | null | undefined,
  max: number,
  minPixels: number,
  maxPixels: number,
) {
  if (!value || value <= 0 || !(max > 0)) return minPixels
  const t = Math.sqrt(Math.min(value, max) / max)
  return minPixels + t * (maxPixels - minPixels)
}

/** The largest value of a list, 0 when empty. */
export function maxOf(values: Iterable<number | null | undefined>): number {
  let max = 0
  for (const v of values) if (v !== null && v !== undefined && v > max) max = v
  return max
}

export function mix(a: Rgb, b: Rgb, t: number): [number, number, number] {
  const k = Math.min(1, Math.max(0, t))
  return [0, 1, 2].map((i) => Math.round((a[i] ?? 0) + ((b[i] ?? 0) - (a[i] ?? 0)) * k)) as [
    number,
    number,
    number,
  ]
}

/**
 * A diverging colour for a relative change: `fall` at −limit or less, `flat` at 0, `rise` at +limit or
 * more. Null (nothing to compare with) gives null, for the caller's "no data" colour.
 */
export function divergingColor(ratio: number | null, limit: number, fall: Rgb, flat: Rgb, rise: Rgb) {
  if (ratio === null || !Number.isFinite(ratio)) return null
  return ratio < 0 ? mix(flat, fall, -ratio / limit) : mix(flat, rise, ratio / limit)
}
