// /api/reports: field reports and their review. POST files a report (once per Idempotency-Key, answered
// only after the commit, its photo on disk before that); GET lists a coordinator's review queue or a
// reporter's own reports; GET /:id, /:id/photo read one; POST /:id/actions reviews it. Who may do what is
// in review/access.ts, the routes' schemas in review/contract.ts, the SQL in review/queries.ts.
import type { Database } from '../db/client.ts'
import { principalOf, requireRole } from './auth/middleware.ts'
import { publish } from './events.ts'
import { fieldsHook } from './http/body.ts'
import { once, requestHash } from './http/idempotency.ts'
import { apiApp } from './http/openapi.ts'
import { Problem } from './http/problem.ts'
import { mayRead, reviewScope } from './review/access.ts'
import {
  createReport,
  getReport,
  getReportPhoto,
  listReportsRoute,
  reviewAction,
  statusesOf,
} from './review/contract.ts'
import { findDuplicates } from './review/duplicates.ts'
import { readPhoto, storePhoto } from './review/photos.ts'
import { findPhoto, insertReport, listReports, type ReportFilter } from './review/queries.ts'
import { STATUSES } from './review/report.ts'
import { notFound, readReport, reviewReport } from './review/review.ts'
import { ensureWriteSources, SIMULATED_HEADER } from './writes/origin.ts'

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
