// The map: the offline basemap, town names, and the layers the app gives it, with zoom controls.
import type { Layer, PickingInfo } from '@deck.gl/core'
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import 'maplibre-gl/dist/maplibre-gl.css'
import towns from 'virtual:crosswatch/towns'
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Map as MapLibreMap, type MapRef } from 'react-map-gl/maplibre'
import { zoomBucket } from '../lib/town-visibility.ts'
import { MapControls } from '../panels/MapControls.tsx'
import { makeTownsLayers } from './basemap/towns-layer.ts'
import { DeckOverlay } from './DeckOverlay.tsx'
import { useBasemapStyle } from './use-basemap-style.ts'
import { FIT_PADDING, MAX_ZOOM, MIN_ZOOM, ROUTE_BOUNDS } from './view.ts'

export interface MapViewProps {
  /** Data layers, drawn above the town names, in order. */
  layers: Layer[]
  /** [lon, lat] of the symbols of those layers: town names keep clear of them. */
  symbols: readonly (readonly [number, number])[]
  /** Multiplier of pixel sizes, for large screens. */
  sizeScale: number
  onHover: (info: PickingInfo) => void
  onClick?: (info: PickingInfo) => void
  /** Where to fly to; a new key flies again. */
  flyTo?: FlyTarget | null
  /** Drawn over the map, e.g. the tooltip. */
  children?: ReactNode
}

export interface FlyTarget {
  position: [number, number]
  key: number | string
}

/** The zoom a flight ends at, at least: close enough to tell one post from the next. */
const FLY_ZOOM = 6

export function MapView({ layers, symbols, sizeScale, onHover, onClick, flyTo, children }: MapViewProps) {
  const { t } = useTranslation()
  const basemap = useBasemapStyle()
  const mapRef = useRef<MapRef>(null)
  const [loaded, setLoaded] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const [zoomStep, setZoomStep] = useState<number | null>(null)
  const [cursor, setCursor] = useState<'grab' | 'pointer'>('grab')

  // Towns are chosen again only when the zoom crosses a half level, not on every frame of a zoom.
  const townLayers = useMemo(
    () =>
      zoomStep === null ? [] : makeTownsLayers(towns, { zoom: zoomStep, sizeScale, obstacles: symbols }),
    [zoomStep, sizeScale, symbols],
  )
  // Data layers wait for the basemap's first render: their shaders would otherwise delay it.
  const allLayers = useMemo(() => (loaded ? [...townLayers, ...layers] : []), [loaded, townLayers, layers])

  const handleHover = useCallback(
    (info: PickingInfo) => {
      setCursor(info.picked ? 'pointer' : 'grab')
      onHover(info)
    },
    [onHover],
  )

  useEffect(() => {
    const map = mapRef.current
    if (!flyTo || !map) return
    map.flyTo({ center: flyTo.position, zoom: Math.max(map.getZoom(), FLY_ZOOM), duration: 1200 })
  }, [flyTo])

  const resetView = useCallback(() => {
    mapRef.current?.fitBounds(ROUTE_BOUNDS, { padding: FIT_PADDING, duration: 600 })
  }, [])

  const failed = failure ?? (basemap.status === 'error' ? basemap.message : null)
  const state = failed ? 'error' : loaded ? 'ready' : 'loading'

  return (
    <section className="map" aria-label={t('map.label')} data-testid="map" data-map-state={state}>
      {basemap.status === 'ready' && !failed && (
        <MapLibreMap
          ref={mapRef}
          mapStyle={basemap.style}
          initialViewState={{ bounds: ROUTE_BOUNDS, fitBoundsOptions: { padding: FIT_PADDING } }}
          minZoom={MIN_ZOOM}
          maxZoom={MAX_ZOOM}
          workerUrl={maplibreWorkerUrl}
          attributionControl={false}
          // A flat situation map: no rotation or tilt to get lost in.
          dragRotate={false}
          touchPitch={false}
          pitchWithRotate={false}
          canvasContextAttributes={{ antialias: true }}
          cursor={cursor}
          // Its own stacking context, so MapLibre's z-indexed control corner (where the deck.gl canvas
          // lives) stays under the panels drawn over the map.
          style={{ position: 'absolute', inset: 0, zIndex: 0 }}
          onLoad={(event) => {
            // Time to first map render, read by the browser test and reported in the README.
            performance.mark('crosswatch:map-ready')
            setZoomStep(zoomBucket(event.target.getZoom()))
            setLoaded(true)
          }}
          // The map's own zoom: react-map-gl's `viewState` of the event can lag behind on MapLibre 6.
          onZoom={(event) => setZoomStep(zoomBucket(event.target.getZoom()))}
          onZoomEnd={(event) => setZoomStep(zoomBucket(event.target.getZoom()))}
          onError={(event) => {
            // Before the first load an error means there is no map at all (e.g. no WebGL2).
            if (!loaded) setFailure(event.error?.message ?? String(event.error))
            console.error(event.error)
          }}
        >
          <DeckOverlay layers={allLayers} onHover={handleHover} {...(onClick ? { onClick } : {})} />
        </MapLibreMap>
      )}
      {state === 'loading' && (
        <p className="map__message" role="status">
          {t('map.loading')}
        </p>
      )}
      {failed && (
        <p className="map__message map__message--error" role="alert">
          {t('map.failed', { reason: failed })}
        </p>
      )}
      {loaded && (
        <MapControls
          onZoomIn={() => mapRef.current?.zoomIn()}
          onZoomOut={() => mapRef.current?.zoomOut()}
          onResetView={resetView}
        />
      )}
      {children}
    </section>
  )
}
