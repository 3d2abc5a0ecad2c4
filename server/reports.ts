// POST /api/reports: a field report becomes an unverified incident, once per Idempotency-Key, and the
// answer leaves only after the commit. The request schema, the API ↔ database type ids and the SQL are here.
import { sql } from 'drizzle-orm'
import { Hono } from 'hono'
import { z } from 'zod'
import { type Severity, severityOf } from '../data/importers/mmp.ts'
import { txRows } from '../data/importers/run.ts'
import type { Tx } from '../data/importers/types.ts'
import type { Database } from '../db/client.ts'
import { type incidentType, severity } from '../db/schema.ts'
import { requireRole } from './auth/middleware.ts'
import { publish } from './events.ts'
import { parseWith, readJson } from './http/body.ts'
import { idempotencyKey, once, requestHash } from './http/idempotency.ts'
import { Problem } from './http/problem.ts'
import { listIncidents } from './layers/incidents.ts'
import { ensureWriteSources, isSimulated, sourceFor } from './writes/origin.ts'

/** The incident types of the API, snake_case. */
export const REPORT_TYPES = [
  'death_or_disappearance',
  'shipwreck',
  'interception_or_rescue',
  'violence_or_abuse',
  'trafficking',
  'smuggling',
  'forged_document',
  'medical_emergency',
  'stranded_group',
  'expulsion_or_pushback',
  'natural_hazard',
  'other',
] as const
export type ReportType = (typeof REPORT_TYPES)[number]
type DbType = (typeof incidentType.enumValues)[number]

/** API id → database enum label: the one place where the two meet (equal today; a rename changes only this). */
const DB_TYPE: Record<ReportType, DbType> = Object.fromEntries(REPORT_TYPES.map((t) => [t, t])) as Record<
  ReportType,
  DbType
>
const API_TYPE = Object.fromEntries(Object.entries(DB_TYPE).map(([api, db]) => [db, api])) as Record<
  DbType,
  ReportType
>

const MAX_BODY = 64 * 1024
/** A report's clock may run a little ahead of the server's. */
const FUTURE_SLACK_MS = 10 * 60_000
const COUNT_MAX = 100_000

const count = z
  .number({ error: 'expected a whole number, 0 or more' })
  .int({ error: 'expected a whole number, 0 or more' })
  .min(0, { error: 'expected a whole number, 0 or more' })
  .max(COUNT_MAX, { error: `at most ${COUNT_MAX}` })
  .default(0)

const point = z.strictObject({
  type: z.literal('Point', { error: 'expected a GeoJSON Point' }),
  coordinates: z
    .array(z.number({ error: 'expected numbers' }), { error: 'expected [longitude, latitude]' })
    .min(2, { error: 'expected [longitude, latitude]' })
    .max(3, { error: 'expected [longitude, latitude] or [longitude, latitude, altitude]' })
    .refine(([lon = Number.NaN, lat = Number.NaN]) => Math.abs(lon) <= 180 && Math.abs(lat) <= 90, {
      error: 'outside the world: longitude must lie within ±180 and latitude within ±90 (WGS 84, lon first)',
    })
    .transform(([lon, lat]) => [lon, lat] as [number, number]),
})

export const reportSchema = z.strictObject({
  type: z.enum(REPORT_TYPES, { error: `expected one of ${REPORT_TYPES.join(', ')}` }),
  occurredAt: z.iso
    .datetime({
      offset: true,
      error: 'expected an ISO 8601 date-time with an offset, e.g. 2026-11-30T09:15:00Z',
    })
    .transform((v) => new Date(v).toISOString())
    .refine((v) => Date.parse(v) <= Date.now() + FUTURE_SLACK_MS, { error: 'is in the future' })
    .refine((v) => v >= '1900', { error: 'is before 1900' }),
  location: point,
  accuracyM: z
    .number({ error: 'expected metres, a whole number 0 or more' })
    .int({ error: 'expected metres, a whole number 0 or more' })
    .min(0, { error: 'expected metres, a whole number 0 or more' })
    .max(1_000_000, { error: 'at most 1,000,000 m' })
    .nullish()
    .transform((v) => v ?? null),
  counts: z.strictObject(
    { dead: count, missing: count, injured: count, survivors: count, children: count },
    { error: 'expected {dead, missing, injured, survivors, children}' },
  ),
  description: z.string({ error: 'expected text' }).trim().max(5000, { error: 'at most 5000 characters' }),
  /** Derived from dead + missing when not given (as for MMP records). */
  severity: z
    .enum(severity.enumValues, { error: `expected one of ${severity.enumValues.join(', ')}` })
    .optional(),
  photo: z
    .unknown()
    .refine((v) => v === undefined || v === null, {
      error: 'photos are not taken yet: send the report without one (a later version stores them)',
    })
    .transform(() => undefined)
    .optional(),
})

export type ReportInput = z.output<typeof reportSchema>

/** The stored report, as answered by POST /api/reports. */
export interface Report {
  id: number
  type: ReportType
  occurredAt: string
  location: { type: 'Point'; coordinates: [number, number] }
  accuracyM: number | null
  counts: { dead: number; missing: number; injured: number; survivors: number; children: number }
  description: string
  severity: Severity
  verification: 'unverified'
  reportedAt: string
  /** The dataset the report is filed under; `modelled` true (and `simulated`) for simulated reports. */
  source: { id: string; name: string; modelled: boolean; citation: string }
  simulated: boolean
}

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`

/** Stores one report as an incident in the caller's transaction; the key becomes its external id. */
export async function insertReport(
  tx: Tx,
  input: ReportInput,
  key: string,
  simulated: boolean,
): Promise<Report> {
  const source = sourceFor('reports', simulated)
  const { dead, missing, injured, survivors, children } = input.counts
  const [lon, lat] = input.location.coordinates
  const [row] = await txRows<{
    id: string | number
    type: DbType
    occurredAt: string
    reportedAt: string
    location: { type: 'Point'; coordinates: [number, number] }
    severity: Severity
  }>(
    tx,
    sql`WITH p AS (SELECT ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326) AS g)
        INSERT INTO incidents (location, occurred_at, occurred_precision, type, severity, accuracy_m, dead,
                               missing, injured, survivors, children, country, description, verification,
                               source_id, external_id)
        SELECT p.g, ${input.occurredAt}::timestamptz, 'time', ${DB_TYPE[input.type]}::incident_type,
               ${input.severity ?? severityOf(dead + missing)}::severity, ${input.accuracyM}::int, ${dead}::int,
               ${missing}::int, ${injured}::int, ${survivors}::int, ${children}::int,
               (SELECT a.country FROM admin_areas a WHERE ST_Covers(a.geometry, p.g) ORDER BY a.id LIMIT 1),
               ${input.description}, 'unverified', ${source.id}, ${key}
        FROM p
        RETURNING id, type, severity, ST_AsGeoJSON(location)::json AS location,
                  to_char(occurred_at AT TIME ZONE 'UTC', ${sql.raw(ISO)}) AS "occurredAt",
                  to_char(reported_at AT TIME ZONE 'UTC', ${sql.raw(ISO)}) AS "reportedAt"`,
  )
  if (!row) throw new Error('the report was not stored')
  return {
    id: Number(row.id),
    type: API_TYPE[row.type],
    occurredAt: row.occurredAt,
    location: { type: 'Point', coordinates: row.location.coordinates },
    accuracyM: input.accuracyM,
    counts: input.counts,
    description: input.description,
    severity: row.severity,
    verification: 'unverified',
    reportedAt: row.reportedAt,
    source: { id: source.id, name: source.name, modelled: source.modelled, citation: source.citation },
    simulated,
  }
}

export function reportRoutes(database: Database) {
  return new Hono()
    .use(requireRole('reporter'))
    .post('/', async (c) => {
      const simulated = isSimulated(c)
      const key = idempotencyKey(c)
      const input = parseWith(reportSchema, await readJson(c, MAX_BODY))
      await ensureWriteSources(database)
      const answer = await once(
        database,
        { key, scope: 'POST /api/reports', hash: requestHash({ simulated, input }) },
        async (tx) => {
          const report = await insertReport(tx, input, key, simulated)
          // Announced on commit, with the feature as the incidents layer would give it.
          const { features } = await listIncidents({ rows: (q) => txRows(tx, q) }, { ids: [report.id] })
          await publish(tx, 'incident.created', { incidentId: report.id, feature: features[0] ?? null })
          return { status: 201, body: report }
        },
      )
      if (answer.replayed) c.header('Idempotent-Replayed', 'true')
      return c.json(answer.body as Report, answer.status as 201)
    })
    .all('*', () => {
      throw new Problem(404, 'Not found', 'POST a report to /api/reports')
    })
}
