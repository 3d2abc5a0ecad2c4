// A site's modelled crossings as the rows crossing_counts holds: hourly for the last days, whole days
// before, and the rows that top a site's series up to the last whole hour.
import type { CountDirection } from '../../db/vocabulary.ts'
import { type Breakdown, DAY_MS, HOUR_MS, hourlyValue, type Site, type SiteModel } from './crossings.ts'

export interface CrossingRow {
  site: Site
  direction: CountDirection
  period: 'hour' | 'day'
  periodStart: Date
  count: number
  breakdown: Breakdown | null
}

function addBreakdown(total: Breakdown | null, more: Breakdown | null): Breakdown | null {
  if (!more) return total
  const nationality = { ...(total?.nationality ?? {}) }
  for (const [code, n] of Object.entries(more.nationality)) nationality[code] = (nationality[code] ?? 0) + n
  return { nationality }
}

/**
 * Rows for [from, to) (both on whole hours): a day row for each whole UTC day that ends by
 * `hourlyFrom`, an hour row for every other hour. A day's count is the sum of its hours, so the two
 * resolutions never disagree, and no period is covered twice.
 */
export function* crossingRows(
  model: SiteModel,
  from: Date,
  to: Date,
  hourlyFrom: Date,
): Generator<CrossingRow> {
  let ms = Math.ceil(from.getTime() / HOUR_MS) * HOUR_MS
  const end = to.getTime()
  while (ms < end) {
    const wholeDay = ms % DAY_MS === 0 && ms + DAY_MS <= Math.min(hourlyFrom.getTime(), end)
    const hours = wholeDay ? 24 : 1
    for (const direction of model.directions) {
      let count = 0
      let breakdown: Breakdown | null = null
      for (let h = 0; h < hours; h++) {
        const value = hourlyValue(model, direction, ms / HOUR_MS + h)
        count += value.count
        breakdown = addBreakdown(breakdown, value.breakdown)
      }
      yield {
        site: model.site,
        direction,
        period: wholeDay ? 'day' : 'hour',
        periodStart: new Date(ms),
        count,
        breakdown,
      }
    }
    ms += hours * HOUR_MS
  }
}

export interface SeriesWindow {
  /** The end of the last whole hour before now: series run up to here. */
  end: Date
  /** Series start here when a site has none yet. */
  start: Date
  /** From here on, hours; before, whole days. */
  hourlyFrom: Date
}

/** The window a fresh database holds: `days` whole days and today's hours, hourly for the last `hourlyDays`. */
export function seriesWindow(now: Date, days = 90, hourlyDays = 14): SeriesWindow {
  const end = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS
  const today = Math.floor(end / DAY_MS) * DAY_MS
  return {
    end: new Date(end),
    start: new Date(today - days * DAY_MS),
    hourlyFrom: new Date(today - hourlyDays * DAY_MS),
  }
}

/** The rows that bring one site up to the window's end, given where its series ends now (or null). */
export function topUpRows(
  model: SiteModel,
  coveredUntil: Date | null,
  window: SeriesWindow,
): Generator<CrossingRow> {
  const from = Math.max(coveredUntil?.getTime() ?? 0, window.start.getTime())
  return crossingRows(model, new Date(from), window.end, window.hourlyFrom)
}
