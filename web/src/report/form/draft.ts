// The report form's values as typed (a draft), the checks the browser makes before saving it, and the body
// it becomes. The checks mirror the server's (server/reports.ts), so most mistakes are caught offline.
import {
  COUNT_NAMES,
  type CountName,
  LIMITS,
  REPORT_TYPES,
  type ReportBody,
  type ReportType,
} from '../report-body.ts'
import type { Field } from './fields.ts'
import { dataUrlBytes, type Photo } from './photo.ts'

export interface PickedLocation {
  lon: number
  lat: number
  /** The GPS fix's accuracy radius; null for a point tapped on the map. */
  accuracyM: number | null
  source: 'gps' | 'map'
}

export interface Draft {
  type: ReportType | ''
  /** An `<input type="datetime-local">` value, in the phone's time zone. */
  occurredAt: string
  location: PickedLocation | null
  counts: Record<CountName, string>
  description: string
  photo: Photo | null
}

/** Keys under `report.errors.` of the messages. */
export type ErrorCode =
  | 'typeRequired'
  | 'timeRequired'
  | 'timeFuture'
  | 'timeTooOld'
  | 'locationRequired'
  | 'countInvalid'
  | 'countTooLarge'
  | 'descriptionTooLong'
  | 'photoTooBig'

export type DraftErrors = Partial<Record<Field, ErrorCode>>

const pad = (n: number, width = 2) => String(Math.trunc(Math.abs(n))).padStart(width, '0')

/** `2026-11-30T09:15` in the phone's time zone, for a datetime-local input. */
export function toLocalInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/

/** A datetime-local value as ISO 8601 with the phone's offset at that date; null when it is not one. */
export function isoWithOffset(value: string): string | null {
  const m = LOCAL_INPUT.exec(value.trim())
  if (!m) return null
  const [, y, mo, d, h, mi, s = '00'] = m
  const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s))
  if (Number.isNaN(date.getTime()) || date.getMonth() !== Number(mo) - 1) return null
  const offset = -date.getTimezoneOffset()
  const sign = offset < 0 ? '-' : '+'
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${sign}${pad(offset / 60)}:${pad(offset % 60)}`
}

export function emptyDraft(now: Date): Draft {
  return {
    type: '',
    occurredAt: toLocalInput(now),
    location: null,
    counts: { dead: '', missing: '', injured: '', survivors: '', children: '' },
    description: '',
    photo: null,
  }
}

const isType = (v: string): v is ReportType => (REPORT_TYPES as readonly string[]).includes(v)

function countError(value: string): ErrorCode | undefined {
  const text = value.trim()
  if (text === '') return undefined
  if (!/^\d+$/.test(text)) return 'countInvalid'
  return Number(text) > LIMITS.countMax ? 'countTooLarge' : undefined
}

/** What is wrong with the draft, per field; empty when it can be saved. `now` in epoch ms. */
export function validate(draft: Draft, now: number): DraftErrors {
  const errors: DraftErrors = {}
  if (!isType(draft.type)) errors.type = 'typeRequired'
  const iso = isoWithOffset(draft.occurredAt)
  if (!iso) errors.occurredAt = 'timeRequired'
  else if (Date.parse(iso) > now + LIMITS.futureSlackMs) errors.occurredAt = 'timeFuture'
  else if (Date.parse(iso) < Date.UTC(1900, 0, 1)) errors.occurredAt = 'timeTooOld'
  if (!draft.location) errors.location = 'locationRequired'
  for (const name of COUNT_NAMES) {
    const error = countError(draft.counts[name])
    if (error) errors[name] = error
  }
  if (draft.description.trim().length > LIMITS.descriptionMax) errors.description = 'descriptionTooLong'
  if (draft.photo && draft.photo.bytes > LIMITS.photoBytesMax) errors.photo = 'photoTooBig'
  return errors
}

/** The body to send; call it on a draft that `validate` passed. */
export function toBody(draft: Draft): ReportBody {
  const { location } = draft
  if (!isType(draft.type) || !location) throw new Error('toBody: the draft is not valid')
  const counts = Object.fromEntries(
    COUNT_NAMES.map((name) => [name, Number(draft.counts[name].trim() || 0)]),
  ) as Record<CountName, number>
  return {
    type: draft.type,
    occurredAt: isoWithOffset(draft.occurredAt) ?? draft.occurredAt,
    location: { type: 'Point', coordinates: [round(location.lon, 6), round(location.lat, 6)] },
    accuracyM: location.accuracyM === null ? null : Math.round(location.accuracyM),
    counts,
    description: draft.description.trim(),
    ...(draft.photo ? { photo: draft.photo.dataUrl } : {}),
  }
}

/** A saved body back into a draft, to correct a report the server refused. */
export function fromBody(body: ReportBody): Draft {
  const [lon, lat] = body.location.coordinates
  const when = new Date(body.occurredAt)
  return {
    type: body.type,
    occurredAt: Number.isNaN(when.getTime()) ? '' : toLocalInput(when),
    location: { lon, lat, accuracyM: body.accuracyM, source: body.accuracyM === null ? 'map' : 'gps' },
    counts: Object.fromEntries(
      COUNT_NAMES.map((name) => [name, body.counts[name] ? String(body.counts[name]) : '']),
    ) as Record<CountName, string>,
    description: body.description,
    photo: body.photo ? { dataUrl: body.photo, width: 0, height: 0, bytes: dataUrlBytes(body.photo) } : null,
  }
}

/** Six decimals of a degree: about 10 cm, finer than any phone's fix. */
function round(value: number, digits: number): number {
  const f = 10 ** digits
  return Math.round(value * f) / f
}
