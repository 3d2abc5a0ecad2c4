// /api/reports: field reports and their review. POST files a report (once per Idempotency-Key, answered
// only after the commit, its photo on disk before that); GET lists a coordinator's review queue or a
// reporter's own reports; GET /:id, /:id/photo read one; POST /:id/actions reviews it. Who may do what is
// in review/access.ts, the SQL in review/queries.ts.
import type { Context } from 'hono'
import { Hono } from 'hono'
import { z } from 'zod'
import type { Database } from '../db/client.ts'
import { principalOf, requireRole } from './auth/middleware.ts'
import { publish } from './events.ts'
import { issuesToParams, parseWith, readJson } from './http/body.ts'
import { idempotencyKey, once, requestHash } from './http/idempotency.ts'
import { queryParams } from './http/params.ts'
import { Problem } from './http/problem.ts'
import { mayRead, reviewScope } from './review/access.ts'
import { actionSchema } from './review/actions.ts'
import { MAX_PHOTO_BASE64, readPhoto, storePhoto } from './review/photos.ts'
import { findDuplicates, findPhoto, insertReport, listReports, type ReportFilter } from './review/queries.ts'
import { type Report, reportSchema, STATUSES, type Status } from './review/report.ts'
import { notFound, readReport, reviewReport } from './review/review.ts'
import { ensureWriteSources, isSimulated } from './writes/origin.ts'

export {
  REPORT_TYPES,
  type Report,
  type ReportInput,
  type ReportType,
  reportSchema,
} from './review/report.ts'

/** A report's fields take a few KiB; its photo, as base64, up to MAX_PHOTO_BASE64. */
const MAX_BODY = 64 * 1024 + MAX_PHOTO_BASE64
/** A page of a list. @default 50, at most 200 */
const PAGE = { default: 50, max: 200 }

const STATUS_FILTERS = [...STATUSES, 'open'] as const
const listQuery = z.object({
  mine: z.enum(['true', 'false'], { error: 'expected true or false' }).default('false'),
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
    .optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, { error: `expected a whole number from 1 to ${PAGE.max}` })
    .transform(Number)
    .refine((n) => n >= 1 && n <= PAGE.max, { error: `expected a whole number from 1 to ${PAGE.max}` })
    .default(PAGE.default),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, { error: 'expected the nextCursor of the previous page' })
    .transform(Number)
    .optional(),
})

/** `open` is what still needs someone: unverified or verified, not resolved. */
function statusesOf(filters: (typeof STATUS_FILTERS)[number][]): Status[] {
  return [...new Set(filters.flatMap((f): Status[] => (f === 'open' ? ['unverified', 'verified'] : [f])))]
}

function idParam(c: Context): number {
  const value = c.req.param('id') ?? ''
  if (!/^\d{1,15}$/.test(value)) throw Problem.invalid([{ name: 'id', reason: 'expected a whole number' }])
  return Number(value)
}

/** The version an If-Match names (`"3"`, `W/"3"` or `3`); undefined without one or with `*`. */
function expectedVersion(c: Context): number | undefined {
  const header = c.req.header('if-match')?.trim()
  if (header === undefined || header === '*') return undefined
  const version = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header)?.[1]
  if (!version)
    throw Problem.invalid([
      { name: 'If-Match', reason: 'expected the report’s version, e.g. "3" (its ETag)' },
    ])
  return Number(version)
}

export interface ReportDeps {
  database: Database
  /** Where photos are stored (CROSSWATCH_PHOTO_DIR); without it a report with a photo is refused. */
  photoDir?: string | undefined
}

export function reportRoutes({ database, photoDir }: ReportDeps) {
  return new Hono()
    .use(requireRole('reporter'))
    .post('/', async (c) => {
      const principal = principalOf(c)
      const simulated = isSimulated(c)
      const key = idempotencyKey(c)
      const input = parseWith(reportSchema, await readJson(c, MAX_BODY))
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
        return { status: 201, body: report }
      })
      if (answer.replayed) c.header('Idempotent-Replayed', 'true')
      return c.json(answer.body as Report, answer.status as 201)
    })
    .get('/', async (c) => {
      const principal = principalOf(c)
      const parsed = listQuery.safeParse(queryParams(c.req.url, ['mine', 'status', 'limit', 'cursor']))
      if (!parsed.success) throw Problem.invalid(issuesToParams(parsed.error.issues))
      const { mine, status, limit, cursor } = parsed.data
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
      if (mine === 'true') return c.json({ reports, nextCursor })
      const suggestions = await findDuplicates(
        database,
        reports.map((r) => r.id),
      )
      return c.json({
        reports: reports.map((r) => ({
          ...r,
          duplicateWindow: suggestions.get(r.id)?.window ?? null,
          duplicates: suggestions.get(r.id)?.duplicates ?? [],
        })),
        nextCursor,
      })
    })
    .get('/:id', async (c) => {
      const report = await readReport(database, principalOf(c), idParam(c))
      c.header('ETag', `"${report.version}"`)
      return c.json(report)
    })
    .get('/:id/photo', async (c) => {
      const id = idParam(c)
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
    .post('/:id/actions', requireRole('coordinator'), async (c) => {
      const principal = principalOf(c)
      const id = idParam(c)
      const version = expectedVersion(c)
      const action = parseWith(actionSchema, await readJson(c, 8192))
      const report = await reviewReport(database, principal, id, action, version)
      c.header('ETag', `"${report.version}"`)
      return c.json(report)
    })
    .all('*', () => {
      throw new Problem(404, 'Not found', 'see docs/api.md for the routes under /api/reports')
    })
}
