// Loads the bundled Natural Earth geometry (its own chunk) and makes the basemap style of it.
import type { StyleSpecification } from 'maplibre-gl'
import { useEffect, useState } from 'react'
import { loadBasemap } from './basemap/natural-earth.ts'
import { buildBasemapStyle } from './basemap/style.ts'

export type BasemapState =
  | { status: 'loading' }
  | { status: 'ready'; style: StyleSpecification }
  | { status: 'error'; message: string }

export function useBasemapStyle(): BasemapState {
  const [state, setState] = useState<BasemapState>({ status: 'loading' })
  useEffect(() => {
    let live = true
    loadBasemap().then(
      (geometry) => live && setState({ status: 'ready', style: buildBasemapStyle(geometry) }),
      (error: unknown) => live && setState({ status: 'error', message: String(error) }),
    )
    return () => {
      live = false
    }
  }, [])
  return state
}
