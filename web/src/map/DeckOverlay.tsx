// deck.gl layers on the MapLibre map, through react-map-gl's control hook.
import { MapboxOverlay, type MapboxOverlayProps } from '@deck.gl/mapbox'
import { useControl } from 'react-map-gl/maplibre'

/**
 * Overlaid, not interleaved: deck.gl draws on its own canvas over MapLibre's. Interleaving would share
 * MapLibre's WebGL context and let a layer sit under basemap lines, but @deck.gl/mapbox 9.4 reads the
 * private `map.transform` while drawing interleaved, and MapLibre 6 removed it: every frame throws
 * (visgl/deck.gl#10501). Overlaid mode uses MapLibre's public camera API only, and since the basemap
 * has no labels for data to hide under, drawing on top loses nothing here.
 */
export function DeckOverlay(props: MapboxOverlayProps) {
  const overlay = useControl(() => new MapboxOverlay({ ...props, interleaved: false }))
  overlay.setProps(props)
  return null
}
