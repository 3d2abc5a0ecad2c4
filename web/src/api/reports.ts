// Field reports for the coordinators' review: the queue of their agency, one report with its audit
// trail, and the review actions. The shapes are the server's own (type-only imports, nothing bundled).

import { REVIEW_STATUSES, type ReviewStatus } from '../../../db/vocabulary.ts'
import type { Action } from '../../../server/review/actions.ts'
import type { QueueItem, ReportDetail, ReportView, ReviewQueue } from '../../../server/review/report.ts'
import { getJson, postJson } from './http.ts'

export type { Action, QueueItem, ReportDetail, ReportView }

/** The queue's tabs, in the order they are offered (db/vocabulary.ts). */
export const QUEUE_STATUSES = REVIEW_STATUSES
export type QueueStatus = ReviewStatus

export async function fetchQueue(status: QueueStatus, signal?: AbortSignal): Promise<QueueItem[]> {
  const body = (await getJson(`/api/reports?status=${status}&limit=100`, signal)) as ReviewQueue
  return body.reports
}

export async function fetchReport(id: number, signal?: AbortSignal): Promise<ReportDetail> {
  return (await getJson(`/api/reports/${id}`, signal)) as ReportDetail
}

/** Applies a review action; `version` makes a concurrent change by another coordinator a 412, not a loss. */
export async function postAction(id: number, action: Action, version: number): Promise<ReportDetail> {
  return (await postJson(`/api/reports/${id}/actions`, action, {
    'if-match': `"${version}"`,
  })) as ReportDetail
}
