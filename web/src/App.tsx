// The page: header, map and the panels over it. It receives the layers' data; fetching is in api/.
import type { PickingInfo } from '@deck.gl/core'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { LayerStates } from './api/use-layer-data.ts'
import { creditsFor, legendsFor, makeLayers, symbolPositions, tooltipFor } from './map/layers/index.ts'
import { MapView } from './map/MapView.tsx'
import { useSizeScale } from './map/use-size-scale.ts'
import { Attribution } from './panels/Attribution.tsx'
import { Header } from './panels/Header.tsx'
import { LayerStatus } from './panels/LayerStatus.tsx'
import { Legend } from './panels/Legend.tsx'
import { Tooltip } from './panels/Tooltip.tsx'

export interface AppProps {
  layerStates: LayerStates
  onRetry: () => void
}

export function App({ layerStates, onRetry }: AppProps) {
  const { t, i18n } = useTranslation()
  const context = useMemo(() => ({ t, language: i18n.language }), [t, i18n.language])
  const sizeScale = useSizeScale()
  const [hovered, setHovered] = useState<PickingInfo | null>(null)

  const layers = useMemo(() => makeLayers(layerStates, { sizeScale }), [layerStates, sizeScale])
  const symbols = useMemo(() => symbolPositions(layerStates), [layerStates])
  const tooltip = hovered ? tooltipFor(hovered, context) : null

  return (
    <div className="app">
      <Header />
      <main className="app__main">
        <MapView
          layers={layers}
          symbols={symbols}
          sizeScale={sizeScale}
          onHover={(info) => setHovered(info.picked ? info : null)}
        >
          {hovered && tooltip && (
            <Tooltip
              content={tooltip}
              x={hovered.x}
              y={hovered.y}
              mapWidth={hovered.viewport?.width ?? Number.POSITIVE_INFINITY}
              mapHeight={hovered.viewport?.height ?? Number.POSITIVE_INFINITY}
            />
          )}
          <LayerStatus states={layerStates} onRetry={onRetry} />
          <Legend entries={legendsFor(layerStates, context)} />
          <Attribution credits={creditsFor(layerStates, context)} />
        </MapView>
      </main>
    </div>
  )
}
