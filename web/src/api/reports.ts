// Field reports for the coordinators' review: the queue of their agency, one report with its audit
// trail, and the review actions. The shapes are the server's own (type-only imports, nothing bundled).
import type { Action } from '../../../server/review/actions.ts'
import type { Duplicate, ReportView, Status } from '../../../server/review/report.ts'
import type { ReportDetail } from '../../../server/review/review.ts'
import { ApiError, announceSessionEnded, getJson } from './http.ts'

export type { Action, Duplicate, ReportDetail, ReportView, Status }

export interface QueueItem extends ReportView {
  duplicates: Duplicate[]
  duplicateWindow: { kind: string; radiusKm: number; hours: number } | null
}

export const QUEUE_STATUSES = ['unverified', 'verified', 'resolved', 'duplicate', 'rejected'] as const
export type QueueStatus = (typeof QUEUE_STATUSES)[number]

export async function fetchQueue(status: QueueStatus, signal?: AbortSignal): Promise<QueueItem[]> {
  const body = (await getJson(`/api/reports?status=${status}&limit=100`, signal)) as { reports: QueueItem[] }
  return body.reports
}

export async function fetchReport(id: number, signal?: AbortSignal): Promise<ReportDetail> {
  return (await getJson(`/api/reports/${id}`, signal)) as ReportDetail
}

/** Applies a review action; `version` makes a concurrent change by another coordinator a 412, not a loss. */
export async function postAction(id: number, action: Action, version: number): Promise<ReportDetail> {
  let response: Response
  try {
    response = await fetch(`/api/reports/${id}/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'if-match': `"${version}"` },
      body: JSON.stringify(action),
    })
  } catch (error) {
    throw new ApiError('network', error instanceof Error ? error.message : String(error))
  }
  if (response.status === 401) announceSessionEnded()
  const body = (await response.json().catch(() => ({}))) as { detail?: string; title?: string }
  if (!response.ok)
    throw new ApiError('http', body.detail ?? body.title ?? response.statusText, response.status)
  return body as ReportDetail
}
