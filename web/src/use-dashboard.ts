// The state of the dashboard and its data: the time range (and play), the layers' data for it (and
// whether merged and rejected reports are asked for), the live stream with its feed, and the incidents
// that arrived live. The page (App.tsx) only shows it.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { IncidentFeature } from './api/layer-types.ts'
import type { LayerId } from './api/layers.ts'
import { type StreamState, useEventStream } from './api/use-event-stream.ts'
import { type LayerStates, useLayerData } from './api/use-layer-data.ts'
import { type FeedItem, feedItem, type LiveEvent, pointOf } from './lib/feed.ts'
import type { IncidentTileContent } from './lib/incident-tiles.ts'
import {
  DEFAULT_RANGE,
  goLive,
  type QueryWindow,
  queryWindow,
  SLIDER_DAYS,
  stepDay,
  type TimeRange,
} from './lib/time-window.ts'

/** How many events the feed keeps. */
const FEED_LENGTH = 50
/** One day of the slider per tick while playing. */
const PLAY_STEP_MS = 1_500
/** In live mode the window is recomputed this often, so that it follows the date. */
const LIVE_TICK_MS = 60_000

/** Which layers an event changes: these are fetched again (ETags make unchanged ones cheap). */
const REFRESHED_BY: Record<LiveEvent['type'], LayerId[]> = {
  'incident.created': ['hotspots'],
  'incident.updated': ['incidents', 'hotspots'],
  'crossings.updated': ['crossings', 'corridors', 'flows', 'surges'],
  'surge.detected': ['surges', 'crossings'],
}

export interface Dashboard {
  range: TimeRange
  setRange: (range: TimeRange) => void
  window: QueryWindow
  now: Date
  playing: boolean
  setPlaying: (playing: boolean) => void
  goLive: () => void
  states: LayerStates
  reload: () => void
  /** Where the incidents layer tells what its tiles in view hold (legend, credits). */
  setIncidentTiles: (tiles: IncidentTileContent[]) => void
  /** Whether the incidents include merged and rejected reports (drawn muted, never counted). */
  closedReports: boolean
  setClosedReports: (on: boolean) => void
  stream: StreamState
  feed: FeedItem[]
  /** Incident id → when it arrived live (ms). */
  newIncidents: ReadonlyMap<number, number>
  /** Counts the report events (created, updated) seen live: the review queue reloads when it moves. */
  reportEvents: number
}

const isIncidentFeature = (value: unknown): value is IncidentFeature => {
  const f = value as IncidentFeature | null
  return pointOf(f) !== null && typeof f?.properties?.id === 'number' && typeof f.properties.type === 'string'
}

export function useDashboard(): Dashboard {
  const [range, setRangeState] = useState<TimeRange>(DEFAULT_RANGE)
  const [playing, setPlaying] = useState(false)
  const [now, setNow] = useState(() => new Date())
  const window = useMemo(() => queryWindow(range, now), [range, now])
  const [closedReports, setClosedReports] = useState(false)
  const { states, reload, refresh, addIncident, setIncidentTiles } = useLayerData(window, { closedReports })
  const [feed, setFeed] = useState<FeedItem[]>([])
  const [newIncidents, setNewIncidents] = useState<ReadonlyMap<number, number>>(new Map())
  const [reportEvents, setReportEvents] = useState(0)

  const setRange = useCallback((next: TimeRange) => {
    setPlaying(false)
    setRangeState(next)
  }, [])

  // Play: a day forward per tick, stopping at the end of the slider.
  useEffect(() => {
    if (!playing) return
    const timer = setInterval(() => {
      setRangeState((current) => {
        const next = stepDay(current)
        if (!next) setPlaying(false)
        return next ?? current
      })
    }, PLAY_STEP_MS)
    return () => clearInterval(timer)
  }, [playing])

  useEffect(() => {
    if (!range.live) return
    const timer = setInterval(() => setNow(new Date()), LIVE_TICK_MS)
    return () => clearInterval(timer)
  }, [range.live])

  // Time until every layer's first data is in, read by the browser test (the map draws it next frame).
  const allReady = Object.values(states).every((s) => s.status !== 'loading')
  useEffect(() => {
    if (allReady && performance.getEntriesByName('crosswatch:layers-ready').length === 0)
      performance.mark('crosswatch:layers-ready')
  }, [allReady])

  // Positions for feed lines whose event carries none: the sites and incidents on the map.
  const statesRef = useRef(states)
  statesRef.current = states
  const where = useCallback((site: string): [number, number] | null => {
    const s = statesRef.current
    for (const state of [s['border-posts'], s.crossings]) {
      if (state.status !== 'ready') continue
      // A post's feature id and a crossing's are the site's id.
      for (const f of state.data.features) if (f.id === site) return pointOf(f)
    }
    return null
  }, [])
  const incidentAt = useCallback((id: number): [number, number] | null => {
    const state = statesRef.current.incidents
    if (state.status !== 'ready') return null
    return state.data.features.find((f) => f.id === id)?.position ?? null
  }, [])

  const onEvent = useCallback(
    (event: LiveEvent) => {
      setFeed((items) =>
        [feedItem(event, where, incidentAt), ...items.filter((i) => i.id !== event.id)].slice(0, FEED_LENGTH),
      )
      if (event.type === 'incident.created') {
        const feature = event.payload.feature
        if (isIncidentFeature(feature)) {
          addIncident(feature)
          setNewIncidents((m) => new Map(m).set(feature.properties.id, Date.now()))
        } else refresh(['incidents'])
      }
      if (event.type === 'incident.created' || event.type === 'incident.updated')
        setReportEvents((n) => n + 1)
      refresh(REFRESHED_BY[event.type])
    },
    [where, incidentAt, addIncident, refresh],
  )
  const stream = useEventStream(onEvent)

  return {
    range,
    setRange,
    window,
    now,
    playing,
    setPlaying: (p: boolean) => {
      // Play from the start when the window is already at the end of the slider.
      if (p && range.end >= SLIDER_DAYS)
        setRangeState({ start: 0, end: range.end - range.start, live: false })
      else if (p) setRangeState({ ...range, live: false })
      setPlaying(p)
    },
    goLive: () => {
      setPlaying(false)
      setNow(new Date())
      setRangeState((r) => goLive(r))
    },
    states,
    reload,
    setIncidentTiles,
    closedReports,
    setClosedReports,
    stream,
    feed,
    newIncidents,
    reportEvents,
  }
}
