// What the report page sends to POST /api/reports: the body's shape and the incident types, as the server
// (server/reports.ts) takes them. Kept here so the page's bundle carries none of the server's code.
import { INCIDENT_TYPES } from '../../../db/vocabulary.ts'

/** The incident types of the API, in the order the form offers them (db/vocabulary.ts: no server code). */
export const REPORT_TYPES = INCIDENT_TYPES
export type ReportType = (typeof REPORT_TYPES)[number]

export const COUNT_NAMES = ['dead', 'missing', 'injured', 'survivors', 'children'] as const
export type CountName = (typeof COUNT_NAMES)[number]

export interface ReportBody {
  type: ReportType
  /** ISO 8601 with the phone's offset, e.g. 2026-11-30T09:15:00+01:00. */
  occurredAt: string
  location: { type: 'Point'; coordinates: [number, number] }
  accuracyM: number | null
  counts: Record<CountName, number>
  description: string
  /** `data:image/jpeg;base64,…`, resized in the browser. */
  photo?: string
}

/** The server's limits, so the page can say what is wrong before anything is sent. */
export const LIMITS = {
  countMax: 100_000,
  descriptionMax: 5000,
  photoBytesMax: 5 * 1024 * 1024,
  /** How far ahead of the server's clock a report's time may be. */
  futureSlackMs: 10 * 60_000,
} as const
