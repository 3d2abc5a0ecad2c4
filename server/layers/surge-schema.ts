// What a surge is: the thresholds and methods of the surges layer (sites' crossings, areas' displacement),
// the window and baseline a request asks for, and the feature the layer answers with. The SQL and the
// judging are in surges.ts.
import { z } from '@hono/zod-openapi'
import { countries, windowQuery } from '../http/query.ts'
import { datasetSchema } from './dataset.ts'
import { featureCollection, pointSchema } from './responses.ts'

/** @default the last 24 hours, ending at the next whole hour */
export const DEFAULT_HOURS = 24
/** @default 28 days of baseline: four of each weekday */
const DEFAULT_BASELINE_DAYS = 28
/** A baseline needs this many counted days to judge anything. */
export const MIN_BASELINE_DAYS = 14
export const THRESHOLDS = { watch: { z: 2, ratio: 1.25 }, surge: { z: 3, ratio: 1.5 } } as const

export const METHOD =
  'crossings (in + out) in the window against a rolling baseline: the mean and standard deviation of the daily totals of the baseline days before the window, scaled to the window length; watch when z ≥ 2 and observed ≥ 1.25 × expected, surge when z ≥ 3 and observed ≥ 1.5 × expected; sites with fewer than 14 counted baseline days are not judged'

/** Displacement stocks rise slowly: a surge is a rise well beyond the baseline's daily changes and a real share of the stock. */
export const AREA_THRESHOLDS = { watch: { z: 2, share: 0.01 }, surge: { z: 3, share: 0.02 } } as const

export const AREA_METHOD =
  'the rise in internally displaced people over the window against a rolling baseline: the mean and standard deviation of the day-to-day changes of the baseline days before it, scaled to the window length; watch when z ≥ 2 and the rise is ≥ 1 % of the figure before the window, surge when z ≥ 3 and ≥ 2 %; areas with fewer than 14 baseline changes are not judged'

export const surgeProperties = z.object({
  site: z.string().openapi({ description: 'the post, flow point or admin area id' }),
  name: z.string(),
  siteKind: z.enum(['post', 'flow_point', 'area']).openapi({
    description:
      '`area` for displacement surges, whose point is a point on the area (its polygon is in the displacement layer)',
  }),
  country: z.string(),
  level: z.enum(['watch', 'surge']),
  observed: z.number().int().openapi({
    description: 'people counted in the window; for an area, the rise in internally displaced people',
  }),
  expected: z.number().int(),
  ratio: z
    .number()
    .nullable()
    .openapi({ description: 'observed / expected (null for areas: a change may be zero or negative)' }),
  z: z.number().openapi({
    description: '(observed − expected) / the baseline’s standard deviation scaled to the window',
  }),
  baselineDays: z.number().int(),
  from: z.string().openapi({ format: 'date-time' }),
  to: z.string().openapi({ format: 'date-time' }),
  method: z.string(),
  modelled: z.boolean(),
  datasets: z.array(datasetSchema),
})
export type SurgeProperties = z.infer<typeof surgeProperties>

export const surgeCollection = featureCollection('Surge', {
  geometry: pointSchema,
  id: z.string().openapi({ description: 'siteKind:site' }),
  properties: surgeProperties,
})
export type SurgeFeatureCollection = z.infer<typeof surgeCollection>
export type SurgeFeature = SurgeFeatureCollection['features'][number]

export const query = windowQuery({
  country: countries.optional(),
  baseline: z.coerce
    .number()
    .int('a whole number of days')
    .min(MIN_BASELINE_DAYS, `at least ${MIN_BASELINE_DAYS} days`)
    .max(365, 'at most 365 days')
    .optional()
    .openapi({ description: `baseline days before the window (default ${DEFAULT_BASELINE_DAYS})` }),
})
export type SurgeQuery = Omit<z.output<typeof query>, 'format'>
export type SurgeFilter = Pick<SurgeQuery, 'bbox' | 'country'>

/** The window judged and the baseline days before it. */
export interface SurgeWindow {
  from: Date
  to: Date
  baselineFrom: Date
  /** The window's length in days, which the baseline's daily figures are scaled to. */
  windowDays: number
}

export function surgeWindow(
  query: Pick<SurgeQuery, 'from' | 'to' | 'baseline'>,
  now = new Date(),
): SurgeWindow {
  const hour = 3600_000
  const to = query.to ?? new Date(Math.ceil(now.getTime() / hour) * hour)
  const from = query.from ?? new Date(to.getTime() - DEFAULT_HOURS * hour)
  const baselineDays = query.baseline ?? DEFAULT_BASELINE_DAYS
  return {
    from,
    to,
    baselineFrom: new Date(from.getTime() - baselineDays * 24 * hour),
    windowDays: (to.getTime() - from.getTime()) / (24 * hour),
  }
}

/** A surge as a feature, its id `siteKind:site`. */
export function feature(geometry: SurgeFeature['geometry'], properties: SurgeProperties): SurgeFeature {
  return { type: 'Feature', id: `${properties.siteKind}:${properties.site}`, geometry, properties }
}
