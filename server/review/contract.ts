// The contract of /api/reports: each route's path, request and response schemas, and the limits on what it
// takes. The handlers are in server/reports.ts.
import { createRoute, z } from '@hono/zod-openapi'
import { requireRole } from '../auth/middleware.ts'
import { jsonBody } from '../http/body.ts'
import { idempotencyKeyHeader } from '../http/idempotency.ts'
import { problems, SIGNED_IN } from '../http/openapi.ts'
import { idParam } from '../http/params.ts'
import { SIMULATED_HEADER, simulatedHeader } from '../writes/origin.ts'
import { actionSchema } from './actions.ts'
import { MAX_PHOTO_BASE64 } from './photos.ts'
import {
  filedReportSchema,
  ownReportsSchema,
  reportDetailSchema,
  reportSchema,
  reviewQueueSchema,
  STATUSES,
  type Status,
} from './report.ts'

/** A report's fields take a few KiB; its photo, as base64, up to MAX_PHOTO_BASE64. */
const MAX_BODY = 64 * 1024 + MAX_PHOTO_BASE64
/** A review action is a few hundred bytes. */
const MAX_ACTION_BODY = 8192
/** A page of a list. @default 50, at most 200 */
const PAGE = { default: 50, max: 200 }

const STATUS_FILTERS = [...STATUSES, 'open'] as const
const listQuery = z.strictObject({
  mine: z
    .enum(['true', 'false'], { error: 'expected true or false' })
    .default('false')
    .openapi({ description: 'true: the caller’s own reports; false: their agency’s review queue' }),
  status: z
    .string()
    .transform((value, ctx) => {
      const list = value.split(',')
      const unknown = list.filter((s) => !(STATUS_FILTERS as readonly string[]).includes(s))
      if (!unknown.length) return list as (typeof STATUS_FILTERS)[number][]
      ctx.addIssue({
        code: 'custom',
        message: `unknown status ${unknown.map((s) => `"${s}"`).join(', ')}: expected a comma-separated list of ${STATUS_FILTERS.join(', ')}`,
      })
      return z.NEVER
    })
    .optional()
    .openapi({
      description: `comma-separated: ${STATUS_FILTERS.join(', ')} (open: unverified or verified); default unverified, or every status with mine=true`,
    }),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, { error: `expected a whole number from 1 to ${PAGE.max}` })
    .transform(Number)
    .refine((n) => n >= 1 && n <= PAGE.max, { error: `expected a whole number from 1 to ${PAGE.max}` })
    .default(PAGE.default)
    .openapi({ description: `reports per page, 1 to ${PAGE.max}; default ${PAGE.default}` }),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, { error: 'expected the nextCursor of the previous page' })
    .transform(Number)
    .optional()
    .openapi({ description: 'the nextCursor of the previous page' }),
})

/** `open` is what still needs someone: unverified or verified, not resolved. */
export function statusesOf(filters: (typeof STATUS_FILTERS)[number][]): Status[] {
  return [...new Set(filters.flatMap((f): Status[] => (f === 'open' ? ['unverified', 'verified'] : [f])))]
}

/** The version an If-Match names (`"3"`, `W/"3"` or `3`); undefined without one or with `*`. */
const ifMatchHeader = z
  .string()
  .trim()
  .transform((header, ctx) => {
    if (header === '*') return undefined
    const version = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header)?.[1]
    if (version) return Number(version)
    ctx.addIssue({ code: 'custom', message: 'expected the report’s version, e.g. "3" (its ETag)' })
    return z.NEVER
  })
  .optional()
  .openapi({
    description: 'the version the action is meant for (its ETag); another one is a 412',
    example: '"3"',
  })

const TAGS = ['reports']
const reportPath = z.object({ id: idParam(15) })
const etag = z.object({ ETag: z.string().openapi({ description: 'the report’s version, e.g. "3"' }) })

export const createReport = createRoute({
  method: 'post',
  path: '/',
  operationId: 'createReport',
  summary: 'File a field report, once per Idempotency-Key (a retry gets the first answer again)',
  tags: TAGS,
  security: SIGNED_IN,
  middleware: [jsonBody(MAX_BODY)],
  request: {
    headers: z.object({ 'Idempotency-Key': idempotencyKeyHeader, [SIMULATED_HEADER]: simulatedHeader }),
    body: { required: true, content: { 'application/json': { schema: reportSchema } } },
  },
  responses: {
    201: {
      description: 'stored (and committed); `Idempotent-Replayed: true` when it answers a retry',
      headers: z.object({ 'Idempotent-Replayed': z.literal('true').optional() }),
      content: { 'application/json': { schema: filedReportSchema } },
    },
    ...problems(401, 403, 413, 415, 422, 503),
  },
})

export const listReportsRoute = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listReports',
  summary:
    'A coordinator’s review queue (with likely duplicates), or with mine=true the caller’s own reports',
  tags: TAGS,
  security: SIGNED_IN,
  request: { query: listQuery },
  responses: {
    200: {
      description: 'newest first',
      content: { 'application/json': { schema: z.union([reviewQueueSchema, ownReportsSchema]) } },
    },
    ...problems(401, 403),
  },
})

export const getReport = createRoute({
  method: 'get',
  path: '/{id}',
  operationId: 'getReport',
  summary: 'One report with its review state and audit trail, and its likely duplicates for its reviewers',
  tags: TAGS,
  security: SIGNED_IN,
  request: { params: reportPath },
  responses: {
    200: {
      description: 'the report as the caller may see it',
      headers: etag,
      content: { 'application/json': { schema: reportDetailSchema } },
    },
    ...problems(401, 403, 404),
  },
})

const photo = { schema: z.string().openapi({ format: 'binary' }) }
export const getReportPhoto = createRoute({
  method: 'get',
  path: '/{id}/photo',
  operationId: 'getReportPhoto',
  summary: 'A report’s photo, for those who may read the report',
  tags: TAGS,
  security: SIGNED_IN,
  request: { params: reportPath },
  responses: {
    200: {
      description: 'the photo as it was sent (JPEG, PNG or WebP)',
      content: { 'image/jpeg': photo, 'image/png': photo, 'image/webp': photo },
    },
    ...problems(401, 403, 404),
  },
})

export const reviewAction = createRoute({
  method: 'post',
  path: '/{id}/actions',
  operationId: 'reviewReport',
  summary: 'Review a report: verify, reject, merge, set severity, assign, share, resolve or reopen',
  tags: TAGS,
  security: SIGNED_IN,
  middleware: [requireRole('coordinator'), jsonBody(MAX_ACTION_BODY)],
  request: {
    params: reportPath,
    headers: z.object({ 'If-Match': ifMatchHeader }),
    body: { required: true, content: { 'application/json': { schema: actionSchema } } },
  },
  responses: {
    200: {
      description: 'the report as it now stands, once committed',
      headers: etag,
      content: { 'application/json': { schema: reportDetailSchema } },
    },
    ...problems(401, 403, 404, 409, 412, 413, 415),
  },
})
