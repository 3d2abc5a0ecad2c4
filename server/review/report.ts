// What a field report is over HTTP: the request schema of POST /api/reports (photo included), the API ↔
// database incident type ids, and the shapes the report routes answer.
import { z } from 'zod'
import type { Severity } from '../../data/importers/mmp.ts'
import { type incidentType, severity, type verification } from '../../db/schema.ts'
import { INCIDENT_TYPES } from '../../db/vocabulary.ts'
import { parsePhoto } from './photos.ts'

/** The incident types of the API, snake_case (db/vocabulary.ts). */
export const REPORT_TYPES = INCIDENT_TYPES
export type ReportType = (typeof REPORT_TYPES)[number]
export type DbType = (typeof incidentType.enumValues)[number]
export type Verification = (typeof verification.enumValues)[number]

/** API id → database enum label: the one place where the two meet (equal today; a rename changes only this). */
export const DB_TYPE: Record<ReportType, DbType> = Object.fromEntries(
  REPORT_TYPES.map((t) => [t, t]),
) as Record<ReportType, DbType>
export const API_TYPE = Object.fromEntries(Object.entries(DB_TYPE).map(([api, db]) => [db, api])) as Record<
  DbType,
  ReportType
>

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
  /** A JPEG, PNG or WebP photo as a data URL, at most 5 MB decoded (server/review/photos.ts). */
  photo,
})

export type ReportInput = z.output<typeof reportSchema>

export interface Counts {
  dead: number
  missing: number
  injured: number
  survivors: number
  children: number
}

/** The stored report, as answered by POST /api/reports. */
export interface Report {
  id: number
  type: ReportType
  occurredAt: string
  location: { type: 'Point'; coordinates: [number, number] }
  accuracyM: number | null
  counts: Counts
  description: string
  severity: Severity
  verification: Verification
  reportedAt: string
  /** The dataset the report is filed under; `modelled` true (and `simulated`) for simulated reports. */
  source: { id: string; name: string; modelled: boolean; citation: string }
  simulated: boolean
  /** `/api/reports/:id/photo`, or null without a photo. */
  photoUrl: string | null
}

/** Where a report stands: `resolved` once its response is closed, else its verification. */
export type Status = Verification | 'resolved'
export const STATUSES = ['unverified', 'verified', 'rejected', 'duplicate', 'resolved'] as const

export interface AuditEntry {
  at: string
  user: { id: number; name: string; email: string } | null
  action: string
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
}

/** A likely duplicate of a report: another incident of a matching type close in place and time. */
export interface Duplicate {
  id: number
  type: ReportType
  occurredAt: string
  occurredPrecision: string
  severity: Severity
  verification: Verification
  counts: Counts
  description: string
  source: { id: string; name: string; modelled: boolean }
  distanceKm: number
  hoursApart: number
}

/** A report with its review state, as GET /api/reports and GET /api/reports/:id answer it. */
export interface ReportView extends Report {
  status: Status
  reporter: { id: number; name: string; email: string } | null
  agency: { id: number; code: string; name: string } | null
  owner: { id: number; name: string } | null
  rejectionReason: string | null
  duplicateOf: number | null
  resolvedAt: string | null
  version: number
  /** Its agency lets other agencies read its description once verified. */
  shareable: boolean
}

export function photoUrl(id: number, photo: string | null): string | null {
  return photo ? `/api/reports/${id}/photo` : null
}
