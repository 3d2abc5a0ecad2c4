// The symbol of a legend item: a dot, a line, an area, a ring (or a thin one), or an icon, in the item's colour.
import type { LegendItem } from '../map/layers/index.ts'
import { rgbaToCss } from '../map/theme.ts'

export function Swatch({ item }: { item: LegendItem }) {
  const color = rgbaToCss(item.color)
  const shape = item.shape ?? 'dot'
  if (shape === 'icon' && item.icon) {
    const mask = `url("${item.icon}") center / contain no-repeat`
    return (
      <span
        className="swatch swatch--icon"
        style={{ backgroundColor: color, mask, WebkitMask: mask }}
        aria-hidden
      />
    )
  }
  if (shape === 'ring' || shape === 'thin-ring')
    return <span className={`swatch swatch--${shape}`} style={{ borderColor: color }} aria-hidden />
  return <span className={`swatch swatch--${shape}`} style={{ backgroundColor: color }} aria-hidden />
}
