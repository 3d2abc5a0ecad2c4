// The incidents layer: deaths and disappearances, shipwrecks, rescues, abuse… as points, filtered by
// time, type, severity, verification and country.
import { createRoute } from '@hono/zod-openapi'
import { type SQL, sql } from 'drizzle-orm'
import type { FeatureCollection, Point } from 'geojson'
import { arrayLiteral } from '../../data/modelled/pg-arrays.ts'
import type { Database } from '../../db/client.ts'
import { incidentType, severity, verification } from '../../db/schema.ts'
import { respondWithCollection } from '../http/export.ts'
import { apiApp } from '../http/openapi.ts'
import type { Bbox } from '../http/params.ts'
import { countries, listOf, windowQuery } from '../http/query.ts'
import { type Dataset, datasetColumns, toDataset } from './dataset.ts'
import { oneOf, visibleIncidents, whereAll } from './filters.ts'
import { featureCollectionResponses } from './responses.ts'

export const INCIDENT_TYPES = incidentType.enumValues
export const SEVERITIES = severity.enumValues
export const VERIFICATIONS = verification.enumValues

export interface IncidentFilter {
  bbox?: Bbox | undefined
  from?: Date | undefined
  to?: Date | undefined
  type?: (typeof INCIDENT_TYPES)[number][] | undefined
  severity?: (typeof SEVERITIES)[number][] | undefined
  verification?: (typeof VERIFICATIONS)[number][] | undefined
  country?: string[] | undefined
  /** Only these incidents (e.g. the one just stored, for the live event). */
  ids?: number[] | undefined
}

/**
 * Merged (duplicate) and rejected reports are left out unless `verification` asks for them: a wall
 * screen must not count one event twice, nor one a coordinator found false.
 */
export const DEFAULT_VERIFICATIONS = ['unverified', 'verified'] as const

/** Whatever runs a query: the database, or a transaction (see listIncidents). */
export type Reader = Pick<Database, 'rows'>

export interface IncidentProperties {
  id: number
  type: (typeof INCIDENT_TYPES)[number]
  severity: (typeof SEVERITIES)[number]
  occurredAt: string
  /** `day`, or `month` when the source gives no day. */
  occurredPrecision: string
  reportedAt: string
  counts: {
    dead: number | null
    missing: number | null
    injured: number | null
    survivors: number | null
    children: number | null
  }
  cause: string | null
  country: string | null
  route: string | null
  description: string
  /**
   * Counts of 1 to 4 that are withheld (null in `counts`) because the caller is outside the report's
   * agency: shown as "fewer than 5" (docs/api.md#who-sees-what).
   */
  withheld: string[]
  /** How much of the record the caller sees: `public`, `full`, `agency` or `shared` (coarsened). */
  access: 'public' | 'full' | 'agency' | 'shared'
  /** The agency that filed the report, null for a published dataset. */
  agency: { code: string; name: string } | null
  verification: (typeof VERIFICATIONS)[number]
  externalId: string | null
  sourceUrl: string | null
  dataset: Dataset
}

type Row = Omit<IncidentProperties, 'counts' | 'dataset'> & {
  dead: number | null
  missing: number | null
  injured: number | null
  survivors: number | null
  children: number | null
  geometry: Point
} & Record<`dataset${string}`, unknown>

export async function listIncidents(database: Reader, filter: IncidentFilter = {}) {
  const where: SQL[] = []
  const { bbox } = filter
  if (filter.from) where.push(sql`i.occurred_at >= ${filter.from.toISOString()}::timestamptz`)
  if (filter.to) where.push(sql`i.occurred_at < ${filter.to.toISOString()}::timestamptz`)
  if (filter.type) where.push(oneOf(sql`i.type`, filter.type))
  if (filter.severity) where.push(oneOf(sql`i.severity`, filter.severity))
  if (filter.verification || !filter.ids)
    where.push(oneOf(sql`i.verification`, filter.verification ?? DEFAULT_VERIFICATIONS))
  if (filter.country) where.push(oneOf(sql`i.country`, filter.country))
  if (filter.ids) where.push(sql`i.id = ANY(${arrayLiteral(filter.ids)}::bigint[])`)
  const rows = await database.rows<Row>(sql`
    SELECT i.id::int AS id, i.type, i.severity, i.occurred_precision AS "occurredPrecision",
           to_char(i.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "occurredAt",
           to_char(i.reported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "reportedAt",
           i.dead, i.missing, i.injured, i.survivors, i.children, i.cause, i.country, i.route,
           i.withheld, i.access, CASE WHEN a.id IS NOT NULL THEN json_build_object('code', a.code, 'name', a.name) END AS agency,
           i.description, i.verification, i.external_id AS "externalId", i.source_url AS "sourceUrl",
           ${datasetColumns(sql`s`)}, ST_AsGeoJSON(i.location, 6)::json AS geometry
    FROM ${visibleIncidents(bbox)} i JOIN sources s ON s.id = i.source_id
    LEFT JOIN agencies a ON a.id = i.agency_id
    ${whereAll(where)}
    ORDER BY i.occurred_at DESC, i.id DESC`)
  return toFeatureCollection(rows)
}

function toFeatureCollection(rows: Row[]): FeatureCollection<Point, IncidentProperties> {
  return {
    type: 'FeatureCollection',
    features: rows.map(({ geometry, dead, missing, injured, survivors, children, ...r }) => ({
      type: 'Feature',
      id: r.id,
      geometry,
      properties: {
        id: r.id,
        type: r.type,
        severity: r.severity,
        occurredAt: r.occurredAt,
        occurredPrecision: r.occurredPrecision,
        reportedAt: r.reportedAt,
        counts: { dead, missing, injured, survivors, children },
        cause: r.cause,
        country: r.country,
        route: r.route,
        description: r.description,
        withheld: r.withheld,
        access: r.access,
        agency: r.agency,
        verification: r.verification,
        externalId: r.externalId,
        sourceUrl: r.sourceUrl,
        dataset: toDataset(r),
      },
    })),
  }
}

const route = createRoute({
  method: 'get',
  path: '/',
  summary: 'Incidents: deaths and disappearances, shipwrecks, rescues, abuse, and field reports',
  tags: ['layers'],
  request: {
    query: windowQuery({
      type: listOf(INCIDENT_TYPES, 'incident types').optional(),
      severity: listOf(SEVERITIES, 'severities').optional(),
      verification: listOf(VERIFICATIONS, 'verification states')
        .optional()
        .openapi({ description: `verification states; default ${DEFAULT_VERIFICATIONS.join(',')}` }),
      country: countries.optional(),
    }),
  },
  responses: featureCollectionResponses('incidents that occurred in [from, to) inside bbox, newest first'),
})

export function incidentsRoutes(database: Database) {
  return apiApp().openapi(route, async (c) => {
    const { format = 'geojson', ...filter } = c.req.valid('query')
    return respondWithCollection(c, await listIncidents(database, filter), 'incidents', format) as never
  })
}
