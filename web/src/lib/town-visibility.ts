// Which towns are named at a zoom level: fewer and bigger when zoomed out, so labels stay readable.
import type { Town } from './towns.ts'

/** From each zoom on (MapLibre zoom levels), the smallest population of an ordinary town shown. */
const POPULATION_STEPS: readonly { zoom: number; minPopulation: number }[] = [
  { zoom: 0, minPopulation: 5_000_000 },
  { zoom: 3.5, minPopulation: 1_500_000 },
  { zoom: 4.5, minPopulation: 600_000 },
  { zoom: 5.5, minPopulation: 200_000 },
  { zoom: 6.5, minPopulation: 80_000 },
  { zoom: 7.5, minPopulation: 30_000 },
  { zoom: 8.5, minPopulation: 0 },
]

/** Capitals and key transit towns are named from this zoom on, whatever their size. */
const KEY_TOWN_MIN_ZOOM = 3

export function minPopulationAtZoom(zoom: number): number {
  let min = Number.POSITIVE_INFINITY
  for (const step of POPULATION_STEPS) if (zoom >= step.zoom) min = step.minPopulation
  return min
}

export function isTownVisible(town: Town, zoom: number): boolean {
  if ((town.capital || town.transit) && zoom >= KEY_TOWN_MIN_ZOOM) return true
  return town.population >= minPopulationAtZoom(zoom)
}

/**
 * The zoom rounded down to a half level: the map chooses its towns again only when this changes, not on
 * every frame of a zoom.
 */
export function zoomBucket(zoom: number): number {
  return Math.floor(zoom * 2) / 2
}
