// The time window of the layers that sum counts: [from, to), compared with the window just before it.

/** @default 7 days, ending at the next whole hour: a week of crossings, compared with the week before. */
const DEFAULT_WINDOW_MS = 7 * 24 * 3600 * 1000

export interface Window {
  from: Date
  to: Date
  /** The window of the same length just before: what the trend compares against. */
  previousFrom: Date
}

export function resolveWindow(from: Date | undefined, to: Date | undefined, now = new Date()): Window {
  const hour = 3600 * 1000
  const end = to ?? (from ? new Date(Math.max(now.getTime(), from.getTime() + hour)) : ceilHour(now))
  const start = from ?? new Date(end.getTime() - DEFAULT_WINDOW_MS)
  return { from: start, to: end, previousFrom: new Date(2 * start.getTime() - end.getTime()) }
}

function ceilHour(date: Date): Date {
  const hour = 3600 * 1000
  return new Date(Math.ceil(date.getTime() / hour) * hour)
}

/** Change against the previous window, as a fraction (0.25 = +25 %); null when there was nothing to compare. */
export function trend(now: number, before: number): number | null {
  return before > 0 ? Math.round(((now - before) / before) * 1000) / 1000 : null
}
