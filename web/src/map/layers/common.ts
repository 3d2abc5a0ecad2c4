// What the layer modules share: number and trend formats, dataset credits and the modelled flag.
import type { Dataset } from '../../api/layer-types.ts'
import type { Credit, LayerContext } from './types.ts'

export function formatNumber(value: number | null | undefined, language: string): string {
  return value === null || value === undefined ? '—' : new Intl.NumberFormat(language).format(value)
}

/** +25 %, −10 %, or — when there is nothing to compare with. */
export function formatTrend(ratio: number | null | undefined, language: string): string {
  if (ratio === null || ratio === undefined) return '—'
  return new Intl.NumberFormat(language, {
    style: 'percent',
    signDisplay: 'exceptZero',
    maximumFractionDigits: 0,
  }).format(ratio)
}

/** One credit per dataset, with its licence. */
export function datasetCredits(label: string, datasets: Iterable<Dataset>): Credit[] {
  const unique = new Map<string, Credit>()
  for (const d of datasets) unique.set(d.id, { label, name: d.name, licence: d.licence })
  return [...unique.values()]
}

export function uniqueDatasets(datasets: Iterable<Dataset>): Dataset[] {
  const unique = new Map<string, Dataset>()
  for (const d of datasets) unique.set(d.id, d)
  return [...unique.values()]
}

export const row = (label: string, value: string) => ({ label, value })

export const dateLabel = (iso: string, { language }: LayerContext) =>
  new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso))
