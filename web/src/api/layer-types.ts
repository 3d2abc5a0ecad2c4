// The properties of each layer's features as the server sends them (server/layers/*.ts, docs/api.md).
import type { LineString, MultiPolygon, Point, Polygon } from 'geojson'
import type { IncidentType, Severity } from '../../../db/vocabulary.ts'
import type { Collection, Dataset } from './features.ts'

export { INCIDENT_TYPES, type IncidentType, SEVERITIES, type Severity } from '../../../db/vocabulary.ts'

/** The people counts of an incident, in the API's order. */
export const COUNT_KEYS = ['dead', 'missing', 'injured', 'survivors', 'children'] as const
export type CountKey = (typeof COUNT_KEYS)[number]

/**
 * How much of an incident the caller sees (docs/api.md#who-sees-what): `public` and `full` every field,
 * `agency` all but the reporter and photo, `shared` another agency's verified report, coarsened (its
 * position rounded to 0.1°, its time to the hour, no description unless that agency shares it).
 */
export type IncidentAccess = 'public' | 'full' | 'agency' | 'shared'

export const VERIFICATIONS = ['unverified', 'verified', 'rejected', 'duplicate'] as const
export type Verification = (typeof VERIFICATIONS)[number]

export interface IncidentProperties {
  id: number
  type: IncidentType
  severity: Severity
  occurredAt: string
  occurredPrecision: string
  reportedAt: string
  /** null when withheld: then named in `withheld`. */
  counts: Record<CountKey, number | null>
  cause: string | null
  country: string | null
  route: string | null
  description: string
  /** The counts withheld because they are 1 to 4 and the caller is outside the report's agency. */
  withheld: CountKey[]
  access: IncidentAccess
  /** The agency that filed the report; null for a published dataset (IOM's Missing Migrants Project). */
  agency: { code: string; name: string } | null
  verification: Verification
  externalId: string | null
  sourceUrl: string | null
  dataset: Dataset
}

export interface CrossingProperties {
  site: string
  name: string
  siteKind: 'post' | 'flow_point'
  kind: string
  country: string
  in: number
  out: number
  total: number
  totalBefore: number
  trend: number | null
  from: string
  to: string
  modelled: boolean
  datasets: Dataset[]
}

export interface CorridorProperties {
  id: string
  name: string
  mode: 'land' | 'sea' | 'mixed'
  stages: string[]
  volume: number | null
  volumeBefore: number | null
  trend: number | null
  countedStages: number
  notes: string | null
  dataset: Dataset
  modelled: boolean
  volumeDatasets: Dataset[]
}

export interface FlowProperties {
  origin: string
  originName: string
  destination: string
  destinationName: string
  corridors: string[]
  volume: number
  volumeBefore: number
  trend: number | null
  method: string
  modelled: boolean
  datasets: Dataset[]
}

export interface DisplacementProperties {
  id: string
  name: string
  country: string
  pcode: string | null
  date: string
  internallyDisplaced: number | null
  returnees: number | null
  peopleInSites: number | null
  dateBefore: string | null
  internallyDisplacedBefore: number | null
  change: number | null
  changeRatio: number | null
  modelled: boolean
  dataset: Dataset
}

export interface HotspotProperties {
  score: number
  incidents: number
  dead: number
  missing: number
  bySeverity: Record<Severity, number>
  rank: number
  cellKm: number
  from: string
  to: string
  method: string
}

export interface SurgeProperties {
  site: string
  name: string
  siteKind: 'post' | 'flow_point'
  country: string
  level: 'watch' | 'surge'
  observed: number
  expected: number
  ratio: number
  z: number
  baselineDays: number
  method: string
  modelled: boolean
  datasets: Dataset[]
}

export type IncidentCollection = Collection<Point, IncidentProperties>
export type CrossingCollection = Collection<Point, CrossingProperties>
export type CorridorCollection = Collection<LineString, CorridorProperties>
export type FlowCollection = Collection<LineString, FlowProperties>
export type DisplacementCollection = Collection<MultiPolygon, DisplacementProperties>
export type HotspotCollection = Collection<Polygon, HotspotProperties>
export type SurgeCollection = Collection<Point, SurgeProperties>
