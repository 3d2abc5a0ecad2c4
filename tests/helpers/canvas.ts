// Pixels of the map in the browser tests: counting colours, comparing two shots, and waiting until the
// drawing has stopped changing (a condition, where a fixed sleep would be too short on a slow machine).
import { PNG } from 'pngjs'

/** How many pixels of the image are within `tolerance` of one of the colours. */
export function countColour(png: Buffer, colours: readonly (readonly number[])[], tolerance = 30): number {
  const { data } = PNG.sync.read(png)
  let n = 0
  for (let i = 0; i < data.length; i += 4) {
    for (const [r = 0, g = 0, b = 0] of colours) {
      if (
        Math.abs((data[i] ?? 0) - r) <= tolerance &&
        Math.abs((data[i + 1] ?? 0) - g) <= tolerance &&
        Math.abs((data[i + 2] ?? 0) - b) <= tolerance
      ) {
        n++
        break
      }
    }
  }
  return n
}

/** How many pixels differ by more than `tolerance` in some channel between two images of one size. */
export function countDifferent(a: Buffer, b: Buffer, tolerance = 24): number {
  const x = PNG.sync.read(a).data
  const y = PNG.sync.read(b).data
  let n = 0
  for (let i = 0; i < x.length; i += 4) {
    if (
      Math.abs((x[i] ?? 0) - (y[i] ?? 0)) > tolerance ||
      Math.abs((x[i + 1] ?? 0) - (y[i + 1] ?? 0)) > tolerance ||
      Math.abs((x[i + 2] ?? 0) - (y[i + 2] ?? 0)) > tolerance
    )
      n++
  }
  return n
}

/**
 * Shots taken back to back until two in a row differ in under `share` of their pixels: the map has
 * stopped moving (a flight ended, a layer drew). A new incident's pulsing ring changes far fewer.
 */
export async function settledShot(
  shoot: () => Promise<Buffer>,
  { timeout = 30_000, share = 0.002 } = {},
): Promise<Buffer> {
  const deadline = Date.now() + timeout
  let last = await shoot()
  for (;;) {
    const next = await shoot()
    const { width, height } = PNG.sync.read(next)
    if (countDifferent(last, next) < share * width * height) return next
    if (Date.now() > deadline) throw new Error(`the map was still changing after ${timeout} ms`)
    last = next
  }
}
