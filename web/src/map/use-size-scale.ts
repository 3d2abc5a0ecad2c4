// The size multiplier of the map's pixel sizes for this window, kept up to date on resize.
import { useEffect, useState } from 'react'
import { sizeScaleForViewport } from '../lib/ui-scale.ts'

const current = () => sizeScaleForViewport(window.innerWidth, window.innerHeight)

export function useSizeScale(): number {
  const [scale, setScale] = useState(current)
  useEffect(() => {
    const update = () => setScale(current())
    window.addEventListener('resize', update)
    return () => window.removeEventListener('resize', update)
  }, [])
  return scale
}
