// The incidents layer: deaths and disappearances, shipwrecks, rescues, abuse… as points, filtered by
// time, type, severity, verification and country.
import { createRoute, z } from '@hono/zod-openapi'
import { type SQL, sql } from 'drizzle-orm'
import { arrayLiteral } from '../../db/arrays.ts'
import type { Database } from '../../db/client.ts'
import {
  COUNT_KEYS,
  INCIDENT_TYPES,
  OPEN_VERIFICATIONS,
  SEVERITIES,
  VERIFICATIONS,
} from '../../db/vocabulary.ts'
import { openPage } from '../http/cursor.ts'
import { respondWithPage } from '../http/export.ts'
import { columnsFromSchema, mapEach } from '../http/feature-text.ts'
import { apiApp, SIGNED_IN } from '../http/openapi.ts'
import {
  afterParam,
  type Keyset,
  type LayerOptions,
  limitParam,
  MAX_FEATURES,
  nextHref,
  type PageLink,
} from '../http/paging.ts'
import { countries, idList, listOf, windowQuery } from '../http/query.ts'
import { type DatasetColumns, datasetColumns, datasetSchema, toDataset } from './dataset.ts'
import { oneOf, visibleIncidents, whereAll } from './filters.ts'
import { featureCollection, featureCollectionResponses, pointSchema } from './responses.ts'

/**
 * Merged (duplicate) and rejected reports are left out unless `verification` asks for them: a wall
 * screen must not count one event twice, nor one a coordinator found false.
 */
const DEFAULT_VERIFICATIONS = OPEN_VERIFICATIONS

const count = z.number().int().nullable()

export const incidentProperties = z.object({
  id: z.number().int(),
  type: z.enum(INCIDENT_TYPES),
  severity: z.enum(SEVERITIES),
  occurredAt: z.string().openapi({ format: 'date-time' }),
  occurredPrecision: z.string().openapi({ description: '`day`, or `month` when the source gives no day' }),
  reportedAt: z.string().openapi({ format: 'date-time' }),
  /** null when withheld: then named in `withheld`. */
  counts: z.object({ dead: count, missing: count, injured: count, survivors: count, children: count }),
  cause: z.string().nullable(),
  country: z.string().nullable().openapi({ description: 'ISO 3166-1 alpha-2' }),
  route: z.string().nullable(),
  description: z.string(),
  withheld: z.array(z.enum(COUNT_KEYS)).openapi({
    description:
      'counts of 1 to 4 withheld (null in counts) because the caller is outside the report’s agency: shown as "fewer than 5"',
  }),
  access: z.enum(['public', 'full', 'agency', 'shared']).openapi({
    description:
      'how much of the record the caller sees: every field (public, full), all but the reporter and photo (agency), or another agency’s verified report, coarsened (shared)',
  }),
  agency: z
    .object({ code: z.string(), name: z.string() })
    .nullable()
    .openapi({ description: 'the agency that filed the report; null for a published dataset' }),
  verification: z.enum(VERIFICATIONS),
  externalId: z.string().nullable(),
  sourceUrl: z.string().nullable(),
  dataset: datasetSchema,
})
export type IncidentProperties = z.infer<typeof incidentProperties>

export const incidentCollection = featureCollection('Incident', {
  geometry: pointSchema,
  id: z.number().int(),
  properties: incidentProperties,
})
export type IncidentFeatureCollection = z.infer<typeof incidentCollection>
export type IncidentFeature = IncidentFeatureCollection['features'][number]

/** The incidents' own filters, beside the window and bbox; the tiles take the same (server/tiles/). */
export const incidentFilterShape = {
  type: listOf(INCIDENT_TYPES, 'incident types').optional(),
  severity: listOf(SEVERITIES, 'severities').optional(),
  verification: listOf(VERIFICATIONS, 'verification states')
    .optional()
    .openapi({ description: `verification states; default ${DEFAULT_VERIFICATIONS.join(',')}` }),
  country: countries.optional(),
}
/** The most incidents asked for by id at once (a tile's incident opened on the map is one). */
const MAX_IDS = 100
const query = windowQuery({
  ...incidentFilterShape,
  ids: idList(MAX_IDS)
    .optional()
    .openapi({
      description: `only these incidents, in any verification state unless verification is given (at most ${MAX_IDS}): the whole record of a tile's incident`,
    }),
  limit: limitParam,
  after: afterParam,
})

export type IncidentFilter = Omit<z.output<typeof query>, 'format' | 'limit' | 'after'>

/** Whatever runs a query: the database, or a transaction (see listIncidents). */
export type Reader = Pick<Database, 'rows'>

type Row = Omit<IncidentProperties, 'counts' | 'dataset'> &
  IncidentProperties['counts'] & { geometry: IncidentFeature['geometry'] } & DatasetColumns

/**
 * The layer's conditions on `visible_incidents() i`: without `verification` (or `ids`), the open reports
 * only. The tiles (server/tiles/) filter with the same.
 */
export function incidentConditions(filter: IncidentFilter = {}): SQL[] {
  const where: SQL[] = []
  if (filter.from) where.push(sql`i.occurred_at >= ${filter.from.toISOString()}::timestamptz`)
  if (filter.to) where.push(sql`i.occurred_at < ${filter.to.toISOString()}::timestamptz`)
  if (filter.type) where.push(oneOf(sql`i.type`, filter.type))
  if (filter.severity) where.push(oneOf(sql`i.severity`, filter.severity))
  if (filter.verification || !filter.ids)
    where.push(oneOf(sql`i.verification`, filter.verification ?? DEFAULT_VERIFICATIONS))
  if (filter.country) where.push(oneOf(sql`i.country`, filter.country))
  if (filter.ids) where.push(sql`i.id = ANY(${arrayLiteral(filter.ids)}::bigint[])`)
  return where
}

/** One page of the layer: at most `limit` rows after `after` in the layer's order. */
export interface IncidentPage {
  limit: number
  after?: Keyset | undefined
}

/**
 * The SQL of the layer, newest first. With `page`, the rows after `page.after` (a keyset on the
 * layer's order, as the caller sees it: coarsened times of shared reports included), each with its
 * `pageKey`, and one row more than the page, to tell whether another follows.
 */
export function incidentsQuery(filter: IncidentFilter = {}, page?: IncidentPage): SQL {
  const where = incidentConditions(filter)
  if (page?.after)
    where.push(sql`(i.occurred_at, i.id) < (${page.after.at}::timestamptz, ${page.after.id}::bigint)`)
  const key = page
    ? sql`, to_char(i.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "pageKey"`
    : sql``
  const limit = page ? sql` LIMIT ${page.limit + 1}::int` : sql``
  return sql`
    SELECT i.id::int AS id, i.type, i.severity, i.occurred_precision AS "occurredPrecision",
           to_char(i.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "occurredAt",
           to_char(i.reported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "reportedAt",
           i.dead, i.missing, i.injured, i.survivors, i.children, i.cause, i.country, i.route,
           i.withheld, i.access, CASE WHEN a.id IS NOT NULL THEN json_build_object('code', a.code, 'name', a.name) END AS agency,
           i.description, i.verification, i.external_id AS "externalId", i.source_url AS "sourceUrl",
           ${datasetColumns(sql`s`)}, ST_AsGeoJSON(i.location, 6)::json AS geometry${key}
    FROM ${visibleIncidents(filter.bbox)} i JOIN sources s ON s.id = i.source_id
    LEFT JOIN agencies a ON a.id = i.agency_id
    ${whereAll(where)}
    ORDER BY i.occurred_at DESC, i.id DESC${limit}`
}

/** The incidents of `filter`, all of them: for a few known ones (the live events' `ids`). */
export async function listIncidents(
  database: Reader,
  filter: IncidentFilter = {},
): Promise<IncidentFeatureCollection> {
  const rows = await database.rows<Row>(incidentsQuery(filter))
  return { type: 'FeatureCollection', features: rows.map(toFeature) }
}

function toFeature({ geometry, dead, missing, injured, survivors, children, ...r }: Row): IncidentFeature {
  return {
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
  }
}

const route = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listIncidents',
  summary: 'Incidents: deaths and disappearances, shipwrecks, rescues, abuse, and field reports',
  description: `At most ${MAX_FEATURES} incidents an answer (fewer with limit): when more match, the answer links to the next page (links, rel next, and the Link header), which starts after this one's last incident.`,
  tags: ['layers'],
  security: SIGNED_IN,
  request: { query },
  responses: featureCollectionResponses(
    incidentCollection,
    'incidents that occurred in [from, to) inside bbox, newest first; a page of them',
    { paged: true },
  ),
})

const CSV_COLUMNS = columnsFromSchema(incidentProperties, true)

export function incidentsRoutes(database: Database, { maxFeatures = MAX_FEATURES }: LayerOptions = {}) {
  return apiApp().openapi(route, async (c) => {
    const { format = 'geojson', limit, after, ...filter } = c.req.valid('query')
    const size = Math.min(limit ?? maxFeatures, maxFeatures)
    const page = await openPage<Row & { pageKey: string }>(
      database,
      incidentsQuery(filter, { limit: size, after }),
      size,
    )
    const type = format === 'csv' ? 'text/csv' : 'application/geo+json'
    const links: PageLink[] = [{ href: c.req.url, rel: 'self', type }]
    if (page.more && page.last)
      links.push({ href: nextHref(c, { at: page.last.pageKey, id: page.last.id }), rel: 'next', type })
    const batches = mapEach(page.batches, toFeature)
    return respondWithPage<IncidentFeatureCollection>(
      c,
      { batches, links, columns: CSV_COLUMNS },
      'incidents',
      format,
    )
  })
}
