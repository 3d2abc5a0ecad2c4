// What a field report is over HTTP: the request schema of POST /api/reports (photo included), the API ↔
// database incident type ids, and the schemas of what the report routes answer (their types are z.infer).
import { z } from '@hono/zod-openapi'
import type { incidentType } from '../../db/schema.ts'
import {
  INCIDENT_TYPES,
  REVIEW_STATUSES,
  type ReviewStatus,
  SEVERITIES,
  VERIFICATIONS,
  type Verification,
} from '../../db/vocabulary.ts'
import { agencySchema } from '../auth/schemas.ts'
import { parsePhoto } from './photos.ts'

/** The incident types of the API, snake_case (db/vocabulary.ts). */
export const REPORT_TYPES = INCIDENT_TYPES
export type ReportType = (typeof REPORT_TYPES)[number]
export type DbType = (typeof incidentType.enumValues)[number]
export type { Verification }

/** API id → database enum label: the one place where the two meet (equal today; a rename changes only this). */
export const DB_TYPE: Record<ReportType, DbType> = Object.fromEntries(
  REPORT_TYPES.map((t) => [t, t]),
) as Record<ReportType, DbType>

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

const photo = z
  .string({ error: 'expected a data URL: data:image/jpeg;base64,…' })
  .transform((value, ctx) => {
    const parsed = parsePhoto(value)
    if (typeof parsed !== 'string') return parsed
    ctx.addIssue({ code: 'custom', message: parsed })
    return z.NEVER
  })
  .nullish()
  .transform((v) => v ?? null)
  .optional()
  .openapi({
    description: 'a JPEG, PNG or WebP photo as a data URL (data:image/jpeg;base64,…), at most 5 MB',
  })

export const reportSchema = z
  .strictObject({
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
    severity: z.enum(SEVERITIES, { error: `expected one of ${SEVERITIES.join(', ')}` }).optional(),
    /** A JPEG, PNG or WebP photo as a data URL, at most 5 MB decoded (server/review/photos.ts). */
    photo,
  })
  .openapi('NewReport')

export type ReportInput = z.output<typeof reportSchema>
/** The body of POST /api/reports as a client sends it (before the server's defaults and parsing). */
export type ReportRequest = z.input<typeof reportSchema>

const id = z.number().int()
const instant = z.string().openapi({ format: 'date-time', example: '2026-11-30T09:15:00.000Z' })
const person = z.object({ id, name: z.string(), email: z.string() })

const countsSchema = z
  .object({
    dead: z.number().int(),
    missing: z.number().int(),
    injured: z.number().int(),
    survivors: z.number().int(),
    children: z.number().int(),
  })
  .openapi('ReportCounts')

const pointSchema = z.object({
  type: z.literal('Point'),
  coordinates: z.tuple([z.number(), z.number()]).openapi({ description: '[longitude, latitude], WGS 84' }),
})

/** The stored report, as answered by POST /api/reports. */
export const filedReportSchema = z
  .object({
    id,
    type: z.enum(REPORT_TYPES),
    occurredAt: instant,
    location: pointSchema,
    accuracyM: z.number().int().nullable(),
    counts: countsSchema,
    description: z.string(),
    severity: z.enum(SEVERITIES),
    verification: z.enum(VERIFICATIONS),
    reportedAt: instant,
    /** The dataset the report is filed under; `modelled` true (and `simulated`) for simulated reports. */
    source: z.object({ id: z.string(), name: z.string(), modelled: z.boolean(), citation: z.string() }),
    simulated: z.boolean(),
    photoUrl: z
      .string()
      .nullable()
      .openapi({ description: '/api/reports/{id}/photo, or null without a photo' }),
  })
  .openapi('FiledReport')
export type Report = z.infer<typeof filedReportSchema>

/** Where a report stands: `resolved` once its response is closed, else its verification. */
export const STATUSES = REVIEW_STATUSES
export type Status = ReviewStatus

/** A report with its review state, as GET /api/reports and GET /api/reports/{id} answer it. */
export const reportViewSchema = filedReportSchema
  .extend({
    status: z.enum(STATUSES),
    reporter: person.nullable(),
    agency: agencySchema.nullable(),
    owner: z.object({ id, name: z.string() }).nullable(),
    rejectionReason: z.string().nullable(),
    duplicateOf: id.nullable(),
    resolvedAt: instant.nullable(),
    version: id.openapi({ description: 'its ETag: send it as If-Match with a review action' }),
    /** Its agency lets other agencies read its description once verified. */
    shareable: z.boolean(),
  })
  .openapi('ReportView')
export type ReportView = z.infer<typeof reportViewSchema>

/** A likely duplicate of a report: another incident of a matching type close in place and time. */
export const duplicateSchema = z
  .object({
    id,
    type: z.enum(REPORT_TYPES),
    occurredAt: instant,
    occurredPrecision: z.string(),
    severity: z.enum(SEVERITIES),
    verification: z.enum(VERIFICATIONS),
    counts: countsSchema,
    description: z.string(),
    source: z.object({ id: z.string(), name: z.string(), modelled: z.boolean() }),
    distanceKm: z.number(),
    hoursApart: z.number(),
  })
  .openapi('LikelyDuplicate')
export type Duplicate = z.infer<typeof duplicateSchema>

/** How near in place and time another incident must be to be suggested (review/duplicates.ts). */
const duplicateWindowSchema = z
  .object({ kind: z.enum(['sea', 'land']), radiusKm: z.number(), hours: z.number() })
  .openapi('DuplicateWindow')

export const reportAuditEntrySchema = z
  .object({
    at: instant,
    user: person.nullable(),
    action: z
      .string()
      .openapi({ description: 'reported, verified, rejected, merged, severity, assigned, …' }),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi('ReportAuditEntry')
export type AuditEntry = z.infer<typeof reportAuditEntrySchema>

/** GET /api/reports/{id}: the report, its audit trail, and (for those who review it) its likely duplicates. */
export const reportDetailSchema = reportViewSchema
  .extend({
    duplicateWindow: duplicateWindowSchema.nullable(),
    duplicates: z
      .array(duplicateSchema)
      .nullable()
      .openapi({ description: 'null for a reader who does not review it' }),
    audit: z.array(reportAuditEntrySchema).openapi({ description: 'oldest first' }),
  })
  .openapi('ReportDetail')
export type ReportDetail = z.infer<typeof reportDetailSchema>

/** One report of a coordinator's review queue, with its likely duplicates. */
export const queueItemSchema = reportViewSchema
  .extend({ duplicateWindow: duplicateWindowSchema.nullable(), duplicates: z.array(duplicateSchema) })
  .openapi('ReviewQueueItem')
export type QueueItem = z.infer<typeof queueItemSchema>

const nextCursor = z
  .string()
  .nullable()
  .openapi({ description: 'send as ?cursor= for the next page; null on the last one' })

export const reviewQueueSchema = z
  .object({ reports: z.array(queueItemSchema), nextCursor })
  .openapi('ReviewQueue')
export type ReviewQueue = z.infer<typeof reviewQueueSchema>

/** GET /api/reports?mine=true: a reporter's own reports, without duplicate suggestions. */
export const ownReportsSchema = z
  .object({ reports: z.array(reportViewSchema), nextCursor })
  .openapi('OwnReports')

export function photoUrl(id: number, photo: string | null): string | null {
  return photo ? `/api/reports/${id}/photo` : null
}
