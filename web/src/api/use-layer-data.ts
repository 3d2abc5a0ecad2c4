// Loads every API layer for the time window, again when it changes or on demand (live events), keeping
// for each whether it is loading, ready or failed. Data stays on the map while newer data loads; an
// answer that a newer request of the same layer overtook is dropped.
import { useCallback, useEffect, useRef, useState } from 'react'
import { fromRecord, type IncidentTileContent } from '../lib/incident-tiles.ts'
import { inWindow, type QueryWindow, windowKey } from '../lib/time-window.ts'
import { ApiError } from './http.ts'
import type { IncidentFeature } from './layer-types.ts'
import { type Fetcher, type FetchOptions, type LayerDataMap, type LayerId, layerFetchers } from './layers.ts'

export type LoadState<D> =
  | { status: 'loading' }
  | { status: 'ready'; data: D }
  | { status: 'error'; error: ApiError }

export type LayerStates = { [K in LayerId]: LoadState<LayerDataMap[K]> }

const layerIds = Object.keys(layerFetchers) as LayerId[]

function allLoading(): LayerStates {
  return Object.fromEntries(layerIds.map((id) => [id, { status: 'loading' }])) as LayerStates
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  return new ApiError('invalid', error instanceof Error ? error.message : String(error))
}

export interface LayerData {
  states: LayerStates
  /** Loads every layer again (after a failure). */
  reload: () => void
  /** Loads these layers again, keeping what is shown meanwhile (on a live event). */
  refresh: (ids: LayerId[]) => void
  /** Adds an incident received live, when it falls in the window. */
  addIncident: (feature: IncidentFeature) => void
  /** Keeps what the incidents' tiles in view hold, for the legend and the credits. */
  setIncidentTiles: (tiles: IncidentTileContent[]) => void
}

export function useLayerData(window: QueryWindow, options: FetchOptions = {}): LayerData {
  const [states, setStates] = useState<LayerStates>(allLoading)
  const [attempt, setAttempt] = useState(0)
  const windowRef = useRef(window)
  windowRef.current = window
  const optionsRef = useRef(options)
  optionsRef.current = options
  const controllerRef = useRef<AbortController | null>(null)
  const latestRef = useRef(new Map<LayerId, number>())
  const key = windowKey(window)

  const load = useCallback((ids: LayerId[], signal: AbortSignal) => {
    const loadOne = <K extends LayerId>(id: K) => {
      const request = (latestRef.current.get(id) ?? 0) + 1
      latestRef.current.set(id, request)
      const settle = (state: LoadState<LayerDataMap[K]>) => {
        if (!signal.aborted && latestRef.current.get(id) === request)
          setStates((previous) => ({ ...previous, [id]: keepTilesInView(previous, id, state) }))
      }
      const fetcher: Fetcher<K> = layerFetchers[id]
      fetcher(windowRef.current, signal, optionsRef.current, request).then(
        (data) => settle({ status: 'ready', data }),
        (error: unknown) => settle({ status: 'error', error: toApiError(error) }),
      )
    }
    for (const id of ids) loadOne(id)
  }, [])

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` and `attempt` are the signals to load again
  useEffect(() => {
    const controller = new AbortController()
    controllerRef.current = controller
    load(layerIds, controller.signal)
    return () => controller.abort()
  }, [key, attempt, load])

  const reload = useCallback(() => {
    setStates(allLoading())
    setAttempt((n) => n + 1)
  }, [])

  const refresh = useCallback(
    (ids: LayerId[]) => {
      const signal = controllerRef.current?.signal
      if (signal) load(ids, signal)
    },
    [load],
  )

  // Asking for merged and rejected reports changes the incidents only: fetch those again, not the rest.
  const closedReports = options.closedReports ?? false
  const shownClosed = useRef(closedReports)
  useEffect(() => {
    if (shownClosed.current === closedReports) return
    shownClosed.current = closedReports
    refresh(['incidents'])
  }, [closedReports, refresh])

  const addIncident = useCallback((feature: IncidentFeature) => {
    if (!inWindow(feature.properties.occurredAt, windowRef.current)) return
    setStates((previous) => {
      const state = previous.incidents
      if (state.status !== 'ready') return previous
      const incident = fromRecord(feature)
      const features = [...state.data.features.filter((i) => i.id !== incident.id), incident]
      return { ...previous, incidents: { status: 'ready', data: { ...state.data, features } } }
    })
  }, [])

  const setIncidentTiles = useCallback((tiles: IncidentTileContent[]) => {
    setStates((previous) => {
      const state = previous.incidents
      if (state.status !== 'ready') return previous
      return { ...previous, incidents: { status: 'ready', data: { ...state.data, inView: tiles } } }
    })
  }, [])

  return { states, reload, refresh, addIncident, setIncidentTiles }
}

/**
 * The incidents' new state keeps what the tiles in view held until the new tiles have loaded, so that
 * the legend does not blink; the other layers' states are as they came.
 */
function keepTilesInView<K extends LayerId>(
  previous: LayerStates,
  id: K,
  state: LoadState<LayerDataMap[K]>,
): LoadState<LayerDataMap[K]> {
  const before = previous.incidents
  if (id !== 'incidents' || state.status !== 'ready' || before.status !== 'ready') return state
  const data = state.data as LayerDataMap['incidents']
  return { status: 'ready', data: { ...data, inView: data.inView ?? before.data.inView } as LayerDataMap[K] }
}
