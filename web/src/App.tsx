// The page: header, map and the panels over it. It receives the dashboard's state and data (use-
// dashboard.ts) and keeps only what is about the view: visible layers, filters, hover and selection.
import type { PickingInfo } from '@deck.gl/core'
import { useCallback, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { atLeast } from '../../db/vocabulary.ts'
import { fetchIncidentRecord } from './api/layers.ts'
import type { SessionUser } from './api/session.ts'
import type { FeedItem } from './lib/feed.ts'
import { type Hidden, toggleHidden } from './lib/filters.ts'
import { boundaryDate, SLIDER_DAYS } from './lib/time-window.ts'
import { describeRecord, PULSE_MS } from './map/layers/incidents.ts'
import {
  creditsFor,
  describePicked,
  layerOrder,
  legendsFor,
  type MapLayerId,
  makeLayers,
  mapLayers,
  relatedOf,
  type Selection,
  symbolPositions,
} from './map/layers/index.ts'
import { type FlyTarget, MapView } from './map/MapView.tsx'
import { usePulseClock } from './map/use-pulse-clock.ts'
import { useSizeScale } from './map/use-size-scale.ts'
import { Attribution } from './panels/Attribution.tsx'
import { EventFeed } from './panels/EventFeed.tsx'
import { Header } from './panels/Header.tsx'
import { LayerPanel } from './panels/LayerPanel.tsx'
import { ReviewPanel } from './panels/ReviewPanel.tsx'
import { SidePanel } from './panels/SidePanel.tsx'
import { TimeBar } from './panels/TimeBar.tsx'
import { Tooltip } from './panels/Tooltip.tsx'
import type { Dashboard } from './use-dashboard.ts'

interface Hover {
  x: number
  y: number
  width: number
  height: number
  selection: Selection
}

export function App({
  dashboard,
  user,
  onSignOut,
}: {
  dashboard: Dashboard
  user: SessionUser
  onSignOut: () => void
}) {
  const { t, i18n } = useTranslation()
  const { states, newIncidents, now } = dashboard
  const context = useMemo(() => ({ t, language: i18n.language }), [t, i18n.language])
  const sizeScale = useSizeScale()
  const [visible, setVisible] = useState<ReadonlySet<MapLayerId>>(() => new Set(layerOrder))
  const [hidden, setHidden] = useState<Hidden>(() => new Set())
  const [hovered, setHovered] = useState<Hover | null>(null)
  const [selected, setSelected] = useState<Selection | null>(null)
  const [flyTo, setFlyTo] = useState<FlyTarget | null>(null)
  const mayReview = atLeast(user.role, 'coordinator')
  const [reviewing, setReviewing] = useState(false)

  const pulsing = [...newIncidents.values()].some((at) => Date.now() - at < PULSE_MS)
  const clock = usePulseClock(pulsing)
  const base = useMemo(() => relatedOf(states, newIncidents, 0), [states, newIncidents])
  const related = useMemo(() => ({ ...base, now: clock }), [base, clock])
  const onIncidentTiles = dashboard.setIncidentTiles
  const layers = useMemo(
    () => makeLayers(states, visible, { sizeScale, related, hidden, onIncidentTiles }),
    [states, visible, sizeScale, related, hidden, onIncidentTiles],
  )
  const symbols = useMemo(() => symbolPositions(states, visible), [states, visible])

  const onHover = useCallback(
    (info: PickingInfo) => {
      const selection = describePicked(info, context, base)
      setHovered(
        selection && info.viewport
          ? { x: info.x, y: info.y, width: info.viewport.width, height: info.viewport.height, selection }
          : null,
      )
    },
    [context, base],
  )
  // An incident from a tile carries only what the map draws: its whole record is loaded when opened.
  const timeWindow = dashboard.window
  const loadingRecord = useRef<AbortController | null>(null)
  const onClick = useCallback(
    (info: PickingInfo) => {
      const selection = describePicked(info, context, base)
      setSelected(selection)
      loadingRecord.current?.abort()
      const id = selection?.description.recordId
      if (id === undefined) return
      const controller = new AbortController()
      loadingRecord.current = controller
      fetchIncidentRecord(id, timeWindow, controller.signal).then(
        (record) => {
          if (record)
            setSelected((current) =>
              current?.description.recordId === id
                ? { layer: 'incidents', description: describeRecord(record, context) }
                : current,
            )
        },
        (error: unknown) => {
          if (!controller.signal.aborted)
            console.warn(`incident ${id}: the whole record could not be loaded`, error)
        },
      )
    },
    [context, base, timeWindow],
  )

  const onPick = useCallback(
    (item: FeedItem) => {
      if (item.position) setFlyTo({ position: item.position, key: item.id })
      const incidents = states.incidents
      if (item.incidentId !== undefined && incidents.status === 'ready') {
        const feature = incidents.data.features.find((f) => f.id === item.incidentId)
        if (feature) {
          const description = mapLayers.incidents.describe(feature, context, base)
          setSelected({ layer: 'incidents', description })
          if (!item.position) setFlyTo({ position: description.position, key: item.id })
        }
      }
    },
    [states.incidents, context, base],
  )

  const toggleLayer = useCallback((id: MapLayerId) => {
    setVisible((v) => {
      const next = new Set(v)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
  }, [])

  return (
    <div className="app">
      <Header
        stream={dashboard.stream}
        user={user}
        onSignOut={onSignOut}
        onReview={mayReview ? () => setReviewing((r) => !r) : undefined}
        reviewing={reviewing}
      />
      <main className="app__main">
        <MapView
          layers={layers}
          symbols={symbols}
          sizeScale={sizeScale}
          onHover={onHover}
          onClick={onClick}
          flyTo={flyTo}
        >
          {hovered && (
            <Tooltip
              content={hovered.selection.description}
              x={hovered.x}
              y={hovered.y}
              mapWidth={hovered.width}
              mapHeight={hovered.height}
            />
          )}
          <LayerPanel
            states={states}
            legends={legendsFor(states, context, base, hidden)}
            visible={visible}
            onToggle={toggleLayer}
            hidden={hidden}
            onFilter={(key) => setHidden((h) => toggleHidden(h, key))}
            onRetry={dashboard.reload}
            closedReports={dashboard.closedReports}
            onClosedReports={dashboard.setClosedReports}
          />
          <div className="side-column">
            {reviewing && (
              <ReviewPanel
                refreshKey={dashboard.reportEvents}
                userId={user.id}
                agencyId={user.agency?.id ?? null}
                onLocate={(position, id) => setFlyTo({ position, key: `report-${id}-${Date.now()}` })}
                onClose={() => setReviewing(false)}
              />
            )}
            {!reviewing && selected && (
              <SidePanel
                selection={selected}
                from={boundaryDate(0, now)}
                to={boundaryDate(SLIDER_DAYS, now)}
                onClose={() => setSelected(null)}
              />
            )}
            <EventFeed items={dashboard.feed} onPick={onPick} />
          </div>
          <TimeBar
            range={dashboard.range}
            now={now}
            playing={dashboard.playing}
            onRange={dashboard.setRange}
            onPlay={dashboard.setPlaying}
            onLive={dashboard.goLive}
          />
          <Attribution credits={creditsFor(states, visible, context)} />
        </MapView>
      </main>
    </div>
  )
}
