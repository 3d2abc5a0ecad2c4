// Loads every API layer once, and again on demand, keeping for each whether it is loading, ready or failed.
import { useCallback, useEffect, useState } from 'react'
import { ApiError } from './http.ts'
import { type LayerDataMap, type LayerId, layerFetchers } from './layers.ts'

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

export function useLayerData(): { states: LayerStates; reload: () => void } {
  const [states, setStates] = useState<LayerStates>(allLoading)
  const [attempt, setAttempt] = useState(0)

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the signal to load again
  useEffect(() => {
    const controller = new AbortController()
    const settle = <K extends LayerId>(id: K, state: LoadState<LayerDataMap[K]>) => {
      if (!controller.signal.aborted) setStates((previous) => ({ ...previous, [id]: state }))
    }
    for (const id of layerIds) {
      layerFetchers[id](controller.signal).then(
        (data) => settle(id, { status: 'ready', data }),
        (error: unknown) => settle(id, { status: 'error', error: toApiError(error) }),
      )
    }
    return () => controller.abort()
  }, [attempt])

  const reload = useCallback(() => {
    setStates(allLoading())
    setAttempt((n) => n + 1)
  }, [])

  return { states, reload }
}
