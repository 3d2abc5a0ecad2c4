// A small map to tap where it happened, drawn by MapLibre from the same bundled Natural Earth basemap as
// the command-centre map (no tile server), in its own lazily loaded chunk.
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import 'maplibre-gl/dist/maplibre-gl.css'
import type { FeatureCollection, Point } from 'geojson'
import { type GeoJSONSource, Map as MapLibreMap, NavigationControl, setWorkerUrl } from 'maplibre-gl'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { loadBasemap } from '../../map/basemap/natural-earth.ts'
import { buildBasemapStyle } from '../../map/basemap/style.ts'
import { ROUTE_BOUNDS } from '../../map/view.ts'
import type { PickedLocation } from './draft.ts'

/**
 * MapLibre's worker, started from a blob: URL of its script. The script is fetched like the page's other
 * files (from the service worker's cache when offline); loading the worker from its URL offline failed now
 * and then in Chromium (seen in the browser test), and a blob: URL needs no request at all.
 */
let workerReady: Promise<void> | null = null
function startWorkerOffline(): Promise<void> {
  workerReady ??= fetch(maplibreWorkerUrl)
    .then(async (response) => {
      if (!response.ok) throw new Error(`${maplibreWorkerUrl}: HTTP ${response.status}`)
      const script = new Blob([await response.text()], { type: 'text/javascript' })
      setWorkerUrl(URL.createObjectURL(script))
    })
    .catch((error: unknown) => {
      workerReady = null // try again the next time the map opens
      throw error
    })
  return workerReady
}

/** The zoom the map opens at around a known point: a stretch of coast, not the whole route. @default 7 */
const NEAR_ZOOM = 7
const PICK_COLOR = '#ffb020'

const points = (value: PickedLocation | null): FeatureCollection<Point> => ({
  type: 'FeatureCollection',
  features: value
    ? [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [value.lon, value.lat] } }]
    : [],
})

export default function PickMap({
  value,
  onPick,
}: {
  value: PickedLocation | null
  onPick: (lon: number, lat: number) => void
}) {
  const { t } = useTranslation()
  const container = useRef<HTMLDivElement>(null)
  const map = useRef<MapLibreMap | null>(null)
  const pick = useRef(onPick)
  pick.current = onPick
  const first = useRef(value)
  const latest = useRef(value)
  latest.current = value
  const [state, setState] = useState<'loading' | 'ready' | { failed: string }>('loading')

  useEffect(() => {
    let live = true
    Promise.all([loadBasemap(), startWorkerOffline()]).then(
      ([geometry]) => {
        if (!live || !container.current) return
        const style = buildBasemapStyle(geometry)
        style.sources.picked = { type: 'geojson', data: points(first.current) }
        style.layers.push({
          id: 'picked',
          type: 'circle',
          source: 'picked',
          paint: {
            'circle-radius': 9,
            'circle-color': PICK_COLOR,
            'circle-stroke-color': '#000000',
            'circle-stroke-width': 2,
          },
        })
        const start = first.current
        const created = new MapLibreMap({
          container: container.current,
          style,
          ...(start
            ? { center: [start.lon, start.lat], zoom: NEAR_ZOOM }
            : { bounds: ROUTE_BOUNDS, fitBoundsOptions: { padding: 8 } }),
          minZoom: 2,
          maxZoom: 12,
          attributionControl: false,
          dragRotate: false,
          pitchWithRotate: false,
          touchPitch: false,
        })
        created.touchZoomRotate.disableRotation()
        created.addControl(new NavigationControl({ showCompass: false }), 'top-right')
        created.on('load', () => {
          if (!live) return
          created.getSource<GeoJSONSource>('picked')?.setData(points(latest.current))
          setState('ready')
        })
        // Before the first load an error means there is no map (no WebGL, say); after it, one tile or
        // frame went wrong and the map is still there.
        let loaded = false
        created.once('load', () => {
          loaded = true
        })
        created.on('error', (event) => {
          if (live && !loaded) setState({ failed: event.error?.message ?? 'error' })
          else console.warn(event.error)
        })
        created.on('click', (event) => pick.current(event.lngLat.lng, event.lngLat.lat))
        map.current = created
      },
      (error: unknown) => live && setState({ failed: String(error) }),
    )
    return () => {
      live = false
      map.current?.remove()
      map.current = null
    }
  }, [])

  // The point follows the value, wherever it came from (a tap, or the GPS).
  useEffect(() => {
    const source = map.current?.getSource<GeoJSONSource>('picked')
    source?.setData(points(value))
  }, [value])

  return (
    <div
      className="rp-map"
      data-testid="pick-map"
      data-map-state={typeof state === 'string' ? state : 'error'}
    >
      <div
        ref={container}
        className="rp-map__canvas"
        role="application"
        aria-label={t('report.location.mapLabel')}
      />
      {state === 'loading' && <p className="rp-map__message">{t('report.location.mapLoading')}</p>}
      {typeof state === 'object' && (
        <p className="rp-map__message rp-note--error" role="alert">
          {t('report.location.mapFailed', { reason: state.failed })}
        </p>
      )}
    </div>
  )
}
