// What the report page sends to POST /api/reports: the body's shape and the incident types, as the server
// (server/reports.ts) takes them. The vocabulary is db/vocabulary.ts, the server's request type a type-only
// import: the page's bundle carries none of the server's code.
import { COUNT_KEYS, INCIDENT_TYPES } from '../../../db/vocabulary.ts'
import type { ReportRequest } from '../../../server/review/report.ts'

/** The incident types of the API, in the order the form offers them (db/vocabulary.ts: no server code). */
export const REPORT_TYPES = INCIDENT_TYPES
export type ReportType = (typeof REPORT_TYPES)[number]

export const COUNT_NAMES = COUNT_KEYS
export type CountName = (typeof COUNT_NAMES)[number]

/** Checks, as it compiles, that what the page sends is a request the server takes. */
type Sendable<T extends ReportRequest> = T

/** The server's request with what the page always gives: every count, the accuracy (or null). */
export type ReportBody = Sendable<{
  type: ReportType
  /** ISO 8601 with the phone's offset, e.g. 2026-11-30T09:15:00+01:00. */
  occurredAt: string
  location: { type: 'Point'; coordinates: [number, number] }
  accuracyM: number | null
  counts: Record<CountName, number>
  description: string
  /** `data:image/jpeg;base64,…`, resized in the browser. */
  photo?: string
}>

/** The server's limits, so the page can say what is wrong before anything is sent. */
export const LIMITS = {
  countMax: 100_000,
  descriptionMax: 5000,
  photoBytesMax: 5 * 1024 * 1024,
  /** How far ahead of the server's clock a report's time may be. */
  futureSlackMs: 10 * 60_000,
} as const
