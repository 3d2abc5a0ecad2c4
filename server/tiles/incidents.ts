// Incidents as vector tiles: the incidents layer's filters and its scoping (visible_incidents()), cut to
// one Web Mercator tile. Below CLUSTER_BELOW_ZOOM, incidents that fall in the same grid cell of the tile
// leave as one cluster with its count and severity mix; a cell of one is the incident itself.
import { type SQL, sql } from 'drizzle-orm'
import { arrayLiteral } from '../../db/arrays.ts'
import type { Database } from '../../db/client.ts'
import {
  CLOSED_VERIFICATIONS,
  INCIDENT_TYPES,
  type IncidentType,
  SEVERITIES,
  type Severity,
} from '../../db/vocabulary.ts'
import type { Dataset } from '../layers/dataset.ts'
import { visibleIncidents } from '../layers/filters.ts'
import { type IncidentFilter, incidentConditions } from '../layers/incidents.ts'
import { cachedDatasetsOf } from '../layers/sources.ts'
import { encodeTile, type TilePoint } from './mvt.ts'
import { EXTENT, type Tile, tileBounds, tileScale } from './tile-math.ts'

/** From this zoom up, every incident is its own feature (a tile is then ~2.4 km wide). @default 14 */
export const CLUSTER_BELOW_ZOOM = 14
/**
 * Side of a cluster cell in tile units: 128 of 4,096 is 16 px of a 512 px tile, about an incident's
 * symbol, so that no two symbols are drawn on one another. @default 128
 */
export const CLUSTER_CELL = 128
/** The MVT layer the incidents are in. */
export const INCIDENTS_TILE_LAYER = 'incidents'
/** The MVT layer naming the datasets the tile's incidents come from: one point each, at the tile's corner. */
export const DATASETS_TILE_LAYER = 'datasets'

export type IncidentTileFilter = Omit<IncidentFilter, 'bbox' | 'ids'>

/**
 * One row a feature: a cluster cell (`count` > 1) or one incident, at tile coordinates (x, y). Closed
 * reports (merged, rejected; only when asked for) never share a cluster with open ones.
 */
export function incidentTileQuery(filter: IncidentTileFilter, tile: Tile): SQL {
  const b = tileBounds(tile)
  // From CLUSTER_BELOW_ZOOM up each incident is its own group, even where several share one place.
  const clustered = tile.z < CLUSTER_BELOW_ZOOM
  const cell = clustered ? CLUSTER_CELL : 1
  const { kx, ky } = tileScale(b)
  const box = [b.west, b.south, b.east, b.north] as const
  const where = [
    ...incidentConditions(filter),
    // Half-open, so that an incident on the edge between two tiles is in one of them only.
    sql`ST_X(i.location) >= ${b.west}::float8 AND ST_X(i.location) < ${b.east}::float8`,
    sql`ST_Y(i.location) > ${b.south}::float8 AND ST_Y(i.location) <= ${b.north}::float8`,
  ]
  const perSeverity = SEVERITIES.map(
    (s) => sql`count(*) FILTER (WHERE p.severity::text = ${s})::int AS ${sql.identifier(s)}`,
  )
  const perType = INCIDENT_TYPES.map(
    (t) => sql`count(*) FILTER (WHERE p.type::text = ${t})::int AS ${sql.identifier(t)}`,
  )
  return sql`
    WITH t AS (
      SELECT i.id, i.type, i.severity, i.verification, i.access, i.occurred_at, i.source_id,
        i.verification::text = ANY(${arrayLiteral(CLOSED_VERIFICATIONS)}::text[]) AS closed,
        least(${EXTENT - 1}, greatest(0, floor((ST_X(i.location) - ${b.west}::float8) * ${kx}::float8)))::int AS px,
        least(${EXTENT - 1}, greatest(0, floor((${b.mercatorNorth}::float8
          - ln(tan(pi() / 4 + radians(ST_Y(i.location)) / 2))) * ${ky}::float8)))::int AS py
      FROM ${visibleIncidents(box)} i
      WHERE ${sql.join(where, sql` AND `)}
    ), p AS (
      SELECT t.*, t.px / ${cell}::int AS gx, t.py / ${cell}::int AS gy, ${clustered ? sql`0::bigint` : sql`t.id`} AS one
      FROM t)
    SELECT count(*)::int AS count, round(avg(p.px))::int AS x, round(avg(p.py))::int AS y,
      min(p.id)::int AS id, mode() WITHIN GROUP (ORDER BY p.type)::text AS type,
      max(p.severity)::text AS severity, min(p.verification::text) AS verification, p.closed,
      bool_and(p.access = 'shared') AS shared, ${sql.join([...perSeverity, ...perType], sql`, `)},
      string_agg(DISTINCT p.source_id COLLATE "C", ';' ORDER BY p.source_id COLLATE "C") AS sources,
      to_char(max(p.occurred_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "occurredAt"
    FROM p
    GROUP BY p.gy, p.gx, p.closed, p.one
    ORDER BY p.gy, p.gx, p.closed, p.one`
}

type Row = { count: number; x: number; y: number; id: number; type: string; severity: Severity } & {
  verification: string
  closed: boolean
  shared: boolean
  occurredAt: string
  sources: string
} & Record<Severity | IncidentType, number>

/** What a tile holds: the MVT, and how many incidents it shows in how many features. */
export interface IncidentTile {
  body: Uint8Array
  incidents: number
  features: number
}

export async function incidentTile(
  database: Pick<Database, 'rows'>,
  filter: IncidentTileFilter,
  tile: Tile,
): Promise<IncidentTile> {
  const rows = await database.rows<Row>(incidentTileQuery(filter, tile))
  const ids = [...new Set(rows.flatMap((r) => r.sources.split(';')))].sort()
  const datasets = await cachedDatasetsOf(database, ids)
  return {
    body: encodeTile({
      [INCIDENTS_TILE_LAYER]: rows.map(toPoint),
      [DATASETS_TILE_LAYER]: ids.flatMap((id) => {
        const dataset = datasets.get(id)
        return dataset ? [datasetPoint(dataset)] : []
      }),
    }),
    incidents: rows.reduce((sum, r) => sum + r.count, 0),
    features: rows.length,
  }
}

/**
 * An incident carries what the map draws and its tooltip's first lines (its record is one GET away); a
 * cluster carries its count, its worst severity, its commonest type, the latest date, the count of each
 * severity and of each type present, and whether it is of closed reports. Both name their datasets (`sources`, ids joined by ';'),
 * which the tile's datasets layer describes.
 */
function toPoint(r: Row): TilePoint {
  const common = {
    count: r.count,
    type: r.type,
    severity: r.severity,
    occurredAt: r.occurredAt,
    sources: r.sources,
  }
  if (r.count === 1)
    return {
      id: r.id,
      x: r.x,
      y: r.y,
      properties: { ...common, verification: r.verification, shared: r.shared },
    }
  const mix = Object.fromEntries(SEVERITIES.map((s) => [s, r[s]]))
  // Only the types present: most clusters have one or two of the twelve.
  const types = Object.fromEntries(INCIDENT_TYPES.filter((t) => r[t] > 0).map((t) => [t, r[t]]))
  return { x: r.x, y: r.y, properties: { ...common, closed: r.closed, ...mix, ...types } }
}

/** A dataset as the tile credits it: its id, name, licence, whether modelled, and its citation if any. */
function datasetPoint(d: Dataset): TilePoint {
  const citation: Record<string, string> = d.citation ? { citation: d.citation } : {}
  return {
    x: 0,
    y: 0,
    properties: { id: d.id, name: d.name, licence: d.licence, modelled: d.modelled, ...citation },
  }
}
