// /api/reports: field reports and their review. POST files a report (once per Idempotency-Key, answered
// only after the commit, its photo on disk before that); GET lists a coordinator's review queue or a
// reporter's own reports; GET /:id, /:id/photo read one; POST /:id/actions reviews it. Who may do what is
// in review/access.ts, the SQL in review/queries.ts.
import { createRoute, z } from '@hono/zod-openapi'
import type { Database } from '../db/client.ts'
import { principalOf, requireRole } from './auth/middleware.ts'
import { publish } from './events.ts'
import { fieldsHook, jsonBody } from './http/body.ts'
import { idempotencyKeyHeader, once, requestHash } from './http/idempotency.ts'
import { apiApp, problems, SIGNED_IN } from './http/openapi.ts'
import { idParam } from './http/params.ts'
import { Problem } from './http/problem.ts'
import { mayRead, reviewScope } from './review/access.ts'
import { actionSchema } from './review/actions.ts'
import { MAX_PHOTO_BASE64, readPhoto, storePhoto } from './review/photos.ts'
import { findDuplicates, findPhoto, insertReport, listReports, type ReportFilter } from './review/queries.ts'
import {
  filedReportSchema,
  ownReportsSchema,
  reportDetailSchema,
  reportSchema,
  reviewQueueSchema,
  STATUSES,
  type Status,
} from './review/report.ts'
import { notFound, readReport, reviewReport } from './review/review.ts'
import { ensureWriteSources, SIMULATED_HEADER, simulatedHeader } from './writes/origin.ts'

export {
  REPORT_TYPES,
  type Report,
  type ReportInput,
  type ReportType,
  reportSchema,
} from './review/report.ts'

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
function statusesOf(filters: (typeof STATUS_FILTERS)[number][]): Status[] {
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

const createReport = createRoute({
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

const listReportsRoute = createRoute({
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

const getReport = createRoute({
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
const getReportPhoto = createRoute({
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

const reviewAction = createRoute({
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

export interface ReportDeps {
  database: Database
  /** Where photos are stored (CROSSWATCH_PHOTO_DIR); without it a report with a photo is refused. */
  photoDir?: string | undefined
}

export function reportRoutes({ database, photoDir }: ReportDeps) {
  const app = apiApp()
  app.use(requireRole('reporter'))
  return app
    .openapi(
      createReport,
      async (c) => {
        const principal = principalOf(c)
        const { 'Idempotency-Key': key, [SIMULATED_HEADER]: flag } = c.req.valid('header')
        const simulated = flag ?? false
        const input = c.req.valid('json')
        const { photo } = input
        if (photo && !photoDir)
          throw new Problem(
            503,
            'Photos not stored',
            'this server has no photo folder: send the report without',
            [{ name: 'photo', reason: 'this server stores no photos' }],
          )
        await ensureWriteSources(database)
        // The sender is part of the request: a key reused by someone else is refused, never replayed to them.
        const hash = requestHash({
          user: principal.userId ?? 'local',
          simulated,
          input: { ...input, photo: photo?.name ?? null },
        })
        const filed = { key, simulated, reportedBy: principal.userId, agencyId: principal.agencyId }
        const answer = await once(database, { key, scope: 'POST /api/reports', hash }, async (tx) => {
          if (photo && photoDir) await storePhoto(photoDir, photo)
          const report = await insertReport(tx, input, filed)
          // Announced on commit; each subscriber gets the feature as they may see it (stream.ts).
          await publish(tx, 'incident.created', {
            incidentId: report.id,
            reportedBy: filed.reportedBy,
            agencyId: filed.agencyId,
          })
          return { status: 201 as const, body: report }
        })
        if (answer.replayed) c.header('Idempotent-Replayed', 'true')
        return c.json(answer.body, answer.status)
      },
      fieldsHook,
    )
    .openapi(listReportsRoute, async (c) => {
      const principal = principalOf(c)
      const { mine, status, limit, cursor } = c.req.valid('query')
      let scope: ReportFilter['scope']
      if (mine === 'true') scope = { reportedBy: principal.userId }
      else {
        const reviews = reviewScope(principal)
        if (!reviews)
          throw new Problem(
            403,
            'Forbidden',
            `the review queue needs a coordinator or above (you are ${principal.role}); your own reports are at ?mine=true`,
          )
        scope = reviews
      }
      const statuses = statusesOf(status ?? (mine === 'true' ? [...STATUSES] : ['unverified']))
      const page = await listReports(database, { scope, statuses, limit: limit + 1, before: cursor })
      const reports = page.slice(0, limit)
      const nextCursor = page.length > limit ? String(reports.at(-1)?.id) : null
      if (mine === 'true') return c.json({ reports, nextCursor }, 200)
      const suggestions = await findDuplicates(
        database,
        reports.map((r) => r.id),
      )
      return c.json(
        {
          reports: reports.map((r) => ({
            ...r,
            duplicateWindow: suggestions.get(r.id)?.window ?? null,
            duplicates: suggestions.get(r.id)?.duplicates ?? [],
          })),
          nextCursor,
        },
        200,
      )
    })
    .openapi(getReport, async (c) => {
      const report = await readReport(database, principalOf(c), c.req.valid('param').id)
      c.header('ETag', `"${report.version}"`)
      return c.json(report, 200)
    })
    .openapi(getReportPhoto, async (c) => {
      const { id } = c.req.valid('param')
      const found = await findPhoto(database, id)
      if (!found || !mayRead(principalOf(c), found)) throw notFound(id)
      const photo = found.photo && photoDir ? await readPhoto(photoDir, found.photo) : null
      if (!photo) throw new Problem(404, 'Not found', `report ${id} has no photo on this server`)
      return c.body(new Uint8Array(photo.bytes), 200, {
        'content-type': photo.contentType,
        'content-length': String(photo.bytes.length),
        // Named by its content: it never changes, but only those who may read the report may keep it.
        'cache-control': 'private, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'",
      })
    })
    .openapi(
      reviewAction,
      async (c) => {
        const { id } = c.req.valid('param')
        const { 'If-Match': version } = c.req.valid('header')
        const report = await reviewReport(database, principalOf(c), id, c.req.valid('json'), version)
        c.header('ETag', `"${report.version}"`)
        return c.json(report, 200)
      },
      fieldsHook,
    )
    .all('*', () => {
      throw new Problem(404, 'Not found', 'see docs/api.md for the routes under /api/reports')
    })
}
