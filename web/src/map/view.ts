// Where the map opens and how far it may go.
import type { LngLatBoundsLike } from 'maplibre-gl'

/** The route from the Sahel to Italy and Malta: 10°W–25°E, 10°N–40°N. */
export const ROUTE_BOUNDS: LngLatBoundsLike = [
  [-10, 10],
  [25, 40],
]

export const FIT_PADDING = 24

export const MIN_ZOOM = 2
export const MAX_ZOOM = 12
