// The tooltip of what the pointer is on, kept inside the map.

import { placeTooltip } from '../lib/tooltip-placement.ts'
import type { TooltipContent } from '../map/layers/index.ts'
import { ModelledBadge } from './ModelledBadge.tsx'

/** Rough size of a tooltip, enough to decide on which side of the pointer it fits. */
const ESTIMATED_SIZE = { width: 320, height: 260 }

export interface TooltipProps {
  content: TooltipContent
  x: number
  y: number
  mapWidth: number
  mapHeight: number
}

export function Tooltip({ content, x, y, mapWidth, mapHeight }: TooltipProps) {
  const place = placeTooltip({ x, y }, { width: mapWidth, height: mapHeight }, ESTIMATED_SIZE)
  // Physical left/top on purpose: the pointer position comes from the canvas, which has no text direction.
  const style = {
    left: place.left,
    top: place.top,
    transform: `translate(${place.anchorX === 'right' ? '-100%' : '0'}, ${place.anchorY === 'bottom' ? '-100%' : '0'})`,
  }
  return (
    <div className="tooltip panel" style={style} role="tooltip" data-testid="tooltip">
      <p className="tooltip__title">{content.title}</p>
      {content.modelled && <ModelledBadge />}
      <dl className="tooltip__rows">
        {content.rows.map((row) => (
          <div key={row.label} className="tooltip__row">
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  )
}
