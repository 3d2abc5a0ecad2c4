// Deterministic randomness for the modelled series: every draw is seeded from a key (model, site,
// direction, period), so a value never depends on which range was asked for or in what order.

import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64'
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus'
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator'

/** FNV-1a over the key's UTF-16 code units: a stable 32-bit seed from a string. */
function hashKey(key: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** A uniform draw in [0, 1) from a key, without keeping a generator. */
export function unitFor(key: string): number {
  return uniformFloat64(xoroshiro128plus(hashKey(key)))
}

/** A stream of draws seeded from a key. */
export class Draws {
  private readonly rng: RandomGenerator
  constructor(key: string) {
    this.rng = xoroshiro128plus(hashKey(key))
  }

  /** Uniform in [0, 1). */
  unit(): number {
    return uniformFloat64(this.rng)
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.unit()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.unit())
  }

  /** Poisson: Knuth's product method for small means, a rounded normal above 30. */
  poisson(mean: number): number {
    if (!(mean > 0)) return 0
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()))
    const limit = Math.exp(-mean)
    let k = 0
    let p = this.unit()
    while (p > limit) {
      k++
      p *= this.unit()
    }
    return k
  }

  /** Gamma(shape, scale) by Marsaglia–Tsang; shape ≥ 1. */
  gamma(shape: number, scale: number): number {
    const d = shape - 1 / 3
    const c = 1 / Math.sqrt(9 * d)
    for (;;) {
      let x: number
      let v: number
      do {
        x = this.normal()
        v = 1 + c * x
      } while (v <= 0)
      v = v * v * v
      const u = this.unit()
      if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v)))
        return d * v * scale
    }
  }

  /** An index drawn with the given weights (they need not sum to 1). */
  pick(weights: readonly number[]): number {
    const total = weights.reduce((a, b) => a + b, 0)
    let u = this.unit() * total
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i] ?? 0
      if (u < 0) return i
    }
    return weights.length - 1
  }
}
