// The side panel's series: `GET /api/series/crossings` (in/out per day at a site) and
// `GET /api/series/incidents` (incidents per day in a bbox), over the slider's 90 days.
import { useEffect, useState } from 'react'
import { formatBbox } from '../lib/bbox.ts'
import type { SeriesRequest } from '../map/layers/types.ts'
import { withQuery } from './features.ts'
import { ApiError, getJson } from './http.ts'
import type { CrossingsSeries, Dataset, IncidentsSeries } from './layer-types.ts'
import type { LoadState } from './use-layer-data.ts'

export interface Series {
  kind: SeriesRequest['kind']
  /** YYYY-MM-DD of each day. */
  days: string[]
  /** One list of values per series, aligned with `days`: in and out, or incidents and dead. */
  values: Record<string, number[]>
  modelled: boolean
  datasets: Dataset[]
}

export function seriesUrl(request: SeriesRequest, from: Date, to: Date): string {
  const window = { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) }
  return request.kind === 'crossings'
    ? withQuery('/api/series/crossings', { site: request.site, ...window })
    : withQuery('/api/series/incidents', { bbox: formatBbox(request.bbox), ...window })
}

/**
 * Columns of the answer's days, by name. The answer is typed by the server's schemas; it is checked for
 * its days only, so that an answer that is not a series at all fails as an error, not as an empty chart.
 */
export function parseSeries(kind: SeriesRequest['kind'], json: unknown): Series {
  const days = (json as { days?: unknown } | null)?.days
  if (!Array.isArray(days)) throw new ApiError('invalid', 'series: no days')
  if (kind === 'crossings') {
    const answer = json as CrossingsSeries
    return {
      kind,
      days: answer.days.map((d) => d.day),
      values: { in: answer.days.map((d) => d.in), out: answer.days.map((d) => d.out) },
      modelled: answer.modelled,
      datasets: answer.datasets,
    }
  }
  const answer = json as IncidentsSeries
  return {
    kind,
    days: answer.days.map((d) => d.day),
    values: { incidents: answer.days.map((d) => d.incidents), dead: answer.days.map((d) => d.dead) },
    modelled: false,
    datasets: [],
  }
}

export function useSeries(
  request: SeriesRequest | undefined,
  from: Date,
  to: Date,
): LoadState<Series> | null {
  const [state, setState] = useState<LoadState<Series> | null>(null)
  const url = request ? seriesUrl(request, from, to) : null
  const kind = request?.kind
  useEffect(() => {
    if (!url || !kind) {
      setState(null)
      return
    }
    const controller = new AbortController()
    setState({ status: 'loading' })
    getJson(url, controller.signal).then(
      (json) => {
        try {
          setState({ status: 'ready', data: parseSeries(kind, json) })
        } catch (error) {
          setState({ status: 'error', error: error as ApiError })
        }
      },
      (error: unknown) => {
        if (!controller.signal.aborted)
          setState({
            status: 'error',
            error: error instanceof ApiError ? error : new ApiError('network', String(error)),
          })
      },
    )
    return () => controller.abort()
  }, [url, kind])
  return state
}
