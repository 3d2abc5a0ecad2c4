// The incidents' vector tiles as the map uses them (docs/api.md, GET /api/tiles/incidents): a tile's
// incidents and clusters at their longitude and latitude, the datasets it credits, and what the tiles in
// view add up to for the legend. Decoded with Mapbox's reference decoder.
import { VectorTile, type VectorTileFeature } from '@mapbox/vector-tile'
import { PbfReader } from 'pbf'
import {
  CLOSED_VERIFICATIONS,
  INCIDENT_TYPES,
  type IncidentType,
  SEVERITIES,
  type Severity,
  VERIFICATIONS,
  type Verification,
} from '../../../db/vocabulary.ts'
import type { Dataset, IncidentFeature } from '../api/layer-types.ts'

/** A point the incidents layer draws: one incident, or a cluster of those in one cell of its tile. */
export interface TileIncident {
  /** The incident's id; null for a cluster. */
  id: number | null
  position: [number, number]
  count: number
  /** The incident's type; a cluster's commonest. */
  type: IncidentType
  /** The incident's severity; a cluster's worst. */
  severity: Severity
  /** The latest date of a cluster. */
  occurredAt: string
  /** Of one incident only. */
  verification: Verification | null
  /** Another agency's report, its place rounded (all of a cluster's incidents are). */
  shared: boolean
  /** Merged or rejected reports: drawn when asked for, never counted. */
  closed: boolean
  severities: Record<Severity, number>
  types: Partial<Record<IncidentType, number>>
  /** The ids of the datasets it comes from. */
  sources: string[]
  /** The whole record, when the incident arrived live (tiles carry only what the map draws). */
  record?: IncidentFeature
}

export interface TileBox {
  west: number
  south: number
  east: number
  north: number
}

export interface IncidentTileContent {
  incidents: TileIncident[]
  datasets: Dataset[]
  box: TileBox
  /** When it was fetched (ms): it holds every incident stored before then. */
  fetchedAt: number
}

const INCIDENTS_LAYER = 'incidents'
const DATASETS_LAYER = 'datasets'

const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
  (values as readonly unknown[]).includes(value)
const num = (value: unknown) => (typeof value === 'number' ? value : 0)
const str = (value: unknown) => (typeof value === 'string' ? value : '')

/** The box of tile z/x/y in degrees. */
export function tileBox(z: number, x: number, y: number): TileBox {
  const n = 2 ** z
  const lat = (row: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * row) / n))) * 180) / Math.PI
  return { west: (x / n) * 360 - 180, east: ((x + 1) / n) * 360 - 180, north: lat(y), south: lat(y + 1) }
}

function toIncident(feature: VectorTileFeature, x: number, y: number, z: number): TileIncident | null {
  const p = feature.properties
  const geometry = feature.toGeoJSON(x, y, z).geometry
  if (geometry.type !== 'Point' || !isOneOf(INCIDENT_TYPES, p.type) || !isOneOf(SEVERITIES, p.severity))
    return null
  const count = num(p.count)
  const verification = isOneOf(VERIFICATIONS, p.verification) ? p.verification : null
  const one = count === 1
  const severities = Object.fromEntries(
    SEVERITIES.map((s) => [s, one ? Number(s === p.severity) : num(p[s])]),
  ) as Record<Severity, number>
  const types = one
    ? { [p.type]: 1 }
    : Object.fromEntries(INCIDENT_TYPES.filter((t) => num(p[t]) > 0).map((t) => [t, num(p[t])]))
  return {
    id: one && typeof feature.id === 'number' ? feature.id : null,
    position: [geometry.coordinates[0] ?? 0, geometry.coordinates[1] ?? 0],
    count,
    type: p.type,
    severity: p.severity,
    occurredAt: str(p.occurredAt),
    verification,
    shared: p.shared === true,
    closed: one ? isOneOf(CLOSED_VERIFICATIONS, verification) : p.closed === true,
    severities,
    types,
    sources: str(p.sources).split(';').filter(Boolean),
  }
}

/** The incidents and datasets of tile z/x/y, from its bytes. */
export function decodeIncidentTile(
  bytes: ArrayBuffer | Uint8Array,
  { x, y, z }: { x: number; y: number; z: number },
  fetchedAt = Date.now(),
): IncidentTileContent {
  const tile = new VectorTile(new PbfReader(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)))
  const incidents: TileIncident[] = []
  const layer = tile.layers[INCIDENTS_LAYER]
  for (let i = 0; i < (layer?.length ?? 0); i++) {
    const incident = layer && toIncident(layer.feature(i), x, y, z)
    if (incident) incidents.push(incident)
  }
  const datasets: Dataset[] = []
  const credits = tile.layers[DATASETS_LAYER]
  for (let i = 0; i < (credits?.length ?? 0); i++) {
    const p = credits?.feature(i).properties ?? {}
    datasets.push({
      id: str(p.id),
      name: str(p.name),
      licence: str(p.licence),
      modelled: p.modelled === true,
      citation: typeof p.citation === 'string' ? p.citation : null,
    })
  }
  return { incidents, datasets, box: tileBox(z, x, y), fetchedAt }
}

/** An incident received live, as the layer draws it, with its whole record. */
export function fromRecord(record: IncidentFeature): TileIncident {
  const p = record.properties
  return {
    id: p.id,
    position: [record.geometry.coordinates[0] ?? 0, record.geometry.coordinates[1] ?? 0],
    count: 1,
    type: p.type,
    severity: p.severity,
    occurredAt: p.occurredAt,
    verification: p.verification,
    shared: p.access === 'shared',
    closed: isOneOf(CLOSED_VERIFICATIONS, p.verification),
    severities: Object.fromEntries(SEVERITIES.map((s) => [s, Number(s === p.severity)])) as Record<
      Severity,
      number
    >,
    types: { [p.type]: 1 },
    sources: [p.dataset.id],
    record,
  }
}

/** What the tiles in view hold, with the live incidents they do not hold yet: the legend's figures. */
export interface IncidentSummary {
  /** Incidents (not merged or rejected). */
  events: number
  bySeverity: Record<Severity, number>
  byType: Partial<Record<IncidentType, number>>
  shared: number
  closed: number
  datasets: Dataset[]
}

const inside = (box: TileBox, [lon, lat]: [number, number]) =>
  lon >= box.west && lon < box.east && lat > box.south && lat <= box.north

/**
 * Whether a live incident that arrived at `arrivedAt` is still to be drawn over the tiles: no loaded tile
 * fetched after it arrived holds its place (such a tile has it already).
 */
export function notInTiles(
  incident: TileIncident,
  arrivedAt: number,
  tiles: readonly IncidentTileContent[],
): boolean {
  return !tiles.some((t) => t.fetchedAt >= arrivedAt && inside(t.box, incident.position))
}

export function summarize(
  tiles: readonly IncidentTileContent[],
  live: readonly TileIncident[] = [],
): IncidentSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>
  const byType: Partial<Record<IncidentType, number>> = {}
  const datasets = new Map<string, Dataset>()
  let events = 0
  let shared = 0
  let closed = 0
  const add = (i: TileIncident) => {
    if (i.closed) {
      closed += i.count
      return
    }
    events += i.count
    if (i.shared) shared += i.count
    for (const s of SEVERITIES) bySeverity[s] += i.severities[s]
    for (const [t, n] of Object.entries(i.types) as [IncidentType, number][]) byType[t] = (byType[t] ?? 0) + n
  }
  for (const tile of tiles) {
    for (const i of tile.incidents) add(i)
    for (const d of tile.datasets) datasets.set(d.id, d)
  }
  for (const i of live) {
    add(i)
    if (i.record) datasets.set(i.record.properties.dataset.id, i.record.properties.dataset)
  }
  return { events, bySeverity, byType, shared, closed, datasets: [...datasets.values()] }
}
