// The time slider's model: a range of whole UTC days over the last 90, or a live window that ends now.
// Slider positions 0…SLIDER_DAYS are day boundaries; position SLIDER_DAYS is the end of today.

export const SLIDER_DAYS = 90
export const DAY_MS = 86_400_000

export interface TimeRange {
  /** Day boundary the window starts at, 0…SLIDER_DAYS − 1. */
  start: number
  /** Day boundary the window ends at (exclusive), start + 1…SLIDER_DAYS. */
  end: number
  /** Following now: the window ends at the present and moves with it. */
  live: boolean
}

/** The query window of the layers: `to` undefined means "now" (the server's default end). */
export interface QueryWindow {
  from: Date
  to: Date | undefined
}

/** The end of today (UTC): where the slider ends. */
function sliderEnd(now: Date): Date {
  return new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS + DAY_MS)
}

export function boundaryDate(position: number, now: Date): Date {
  return new Date(sliderEnd(now).getTime() - (SLIDER_DAYS - position) * DAY_MS)
}

/** The default: the last 7 days, live. */
export const DEFAULT_RANGE: TimeRange = { start: SLIDER_DAYS - 7, end: SLIDER_DAYS, live: true }

export function queryWindow(range: TimeRange, now: Date): QueryWindow {
  return { from: boundaryDate(range.start, now), to: range.live ? undefined : boundaryDate(range.end, now) }
}

/** A key that changes when the window does, to refetch on. */
export function windowKey(window: QueryWindow): string {
  return `${window.from.toISOString()}/${window.to?.toISOString() ?? 'now'}`
}

/** Keeps 0 ≤ start < end ≤ SLIDER_DAYS, moving the other end when one handle crosses it. */
export function setHandle(range: TimeRange, handle: 'start' | 'end', position: number): TimeRange {
  const p = Math.round(Math.min(SLIDER_DAYS, Math.max(0, position)))
  if (handle === 'start') {
    const start = Math.min(p, SLIDER_DAYS - 1)
    return { start, end: Math.max(range.end, start + 1), live: false }
  }
  const end = Math.max(p, 1)
  return { start: Math.min(range.start, end - 1), end, live: false }
}

/**
 * One day forward, keeping the window's length: what play does on each tick. Returns null at the end
 * of the slider (play stops there).
 */
export function stepDay(range: TimeRange): TimeRange | null {
  if (range.end >= SLIDER_DAYS) return null
  return { start: range.start + 1, end: range.end + 1, live: false }
}

/** Live mode: the same length, ending now. */
export function goLive(range: TimeRange): TimeRange {
  const length = range.end - range.start
  return { start: SLIDER_DAYS - length, end: SLIDER_DAYS, live: true }
}

/** Whether an instant falls inside a query window. */
export function inWindow(instant: string | Date, window: QueryWindow): boolean {
  const t = new Date(instant).getTime()
  return t >= window.from.getTime() && (window.to === undefined || t < window.to.getTime())
}
