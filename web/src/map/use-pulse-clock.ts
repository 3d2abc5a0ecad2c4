// A clock for the pulse of new incidents: the time, updated about 20 times a second while `active`,
// and not at all otherwise (an idle wall screen redraws nothing).
import { useEffect, useState } from 'react'

const FRAME_MS = 50

export function usePulseClock(active: boolean): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!active) return
    let frame = 0
    let last = 0
    const tick = (t: number) => {
      if (t - last >= FRAME_MS) {
        last = t
        setNow(Date.now())
      }
      frame = requestAnimationFrame(tick)
    }
    frame = requestAnimationFrame(tick)
    return () => cancelAnimationFrame(frame)
  }, [active])
  return now
}
