// POST /api/imports/:format: imports a file streamed in the body, for the CLI when the server holds the
// embedded database; coordinators and above may import. On the embedded engine the server writes a local
// token, with its pid and URL, to `<dataDir>.server.json` (0600) for the CLIs (server/auth/local-token.ts).
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { pipeline, Readable, Transform } from 'node:stream'
import type { ReadableStream as WebStream } from 'node:stream/web'
import { createRoute, z } from '@hono/zod-openapi'
import { stream } from 'hono/streaming'
import { importers } from '../data/importers/index.ts'
import { type ImportReport, runImport } from '../data/importers/run.ts'
import type { Database } from '../db/client.ts'
import { isAlive } from '../db/lock.ts'
import { requireRole } from './auth/middleware.ts'
import { refuseDeclaredLength, tooLarge } from './http/body.ts'
import { apiApp, problems, SIGNED_IN } from './http/openapi.ts'
import { Problem } from './http/problem.ts'

const SOURCE_ID = /^[a-z0-9][a-z0-9._-]*$/

const rowErrorSchema = z.object({
  line: z.number().int(),
  column: z.string().openapi({ description: 'the CSV column, the GeoJSON property path, or row' }),
  reason: z.string(),
})
const rejectedSchema = z.object({
  line: z.number().int(),
  errors: z.array(rowErrorSchema),
  raw: z.string().optional().openapi({ description: "the row's text in the file, where the parser kept it" }),
})
const importReportSchema = z
  .object({
    format: z.string(),
    dryRun: z.boolean(),
    accepted: z.boolean().openapi({
      description: 'committed (or, in a dry run, would be): no rejects, or some valid rows with skipInvalid',
    }),
    rowsRead: z.number().int(),
    taken: z.number().int().openapi({ description: 'rows the database took (or would have taken)' }),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.number().int(),
    errors: z.array(rowErrorSchema).openapi({ description: 'the first 1,000 errors, in line order' }),
    errorCount: z.number().int(),
    rejects: z.array(rejectedSchema).openapi({ description: 'empty: each reject was sent as its own line' }),
  })
  .openapi('ImportReport')

/** One line of the NDJSON answer: progress as the file is read, each rejected row, then the report. */
export const importEventSchema = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('progress'),
      bytes: z.number().int().openapi({ description: 'bytes of the body read so far' }),
      rowsRead: z.number().int(),
      taken: z.number().int(),
      rejected: z.number().int(),
    }),
    z.object({ type: z.literal('reject'), rejected: rejectedSchema }),
    z.object({ type: z.literal('report'), report: importReportSchema }),
    z.object({
      type: z.literal('failed'),
      message: z.string().openapi({ description: 'why; nothing was changed' }),
    }),
  ])
  .openapi('ImportEvent')
export type ImportEvent = z.infer<typeof importEventSchema>
// The runner's report is what the schema describes, field for field.
const _reportMatches: z.infer<typeof importReportSchema> = {} as ImportReport
void _reportMatches

/**
 * What an import body may be: the file as bytes (the CLI), or as the CSV or JSON it is. Not a form's
 * text/plain, urlencoded or multipart: a page on another site cannot send these other types unasked.
 */
const IMPORT_TYPES = ['application/octet-stream', 'text/csv', 'application/json', 'application/geo+json']

/** The largest file taken, 1 GiB (the 1,000,000-row benchmark file is 47 MB). */
const MAX_IMPORT_BYTES = 1024 ** 3

const flag = z
  .enum(['1', '0', 'true', 'false'], { error: 'expected 1 or 0' })
  .transform((value) => value === '1' || value === 'true')
  .optional()

/**
 * Typed as string, not as its literal: @hono/zod-openapi 1.6 takes any application/…json… type for JSON
 * (x-ndjson too) and would then refuse the streamed Response the route answers with.
 */
const NDJSON: string = 'application/x-ndjson'

// The body is the file, read as a stream: plain schemas, not zod ones, so no validator reads it first.
const file = { schema: { type: 'string', description: 'the file, as it is on disk' } } as const

const postImport = createRoute({
  method: 'post',
  path: '/{format}',
  operationId: 'importFile',
  summary: 'Import a file in one of the import formats',
  description:
    'The file is the body, streamed: `npm run import` sends it here when the server holds the embedded ' +
    'database. The answer is NDJSON: progress lines as the file is read, each rejected row, then the ' +
    'report (or `failed`, when nothing was changed). Coordinators and admins.',
  tags: ['writes'],
  security: SIGNED_IN,
  middleware: [requireRole('coordinator')] as const,
  request: {
    params: z.object({
      format: z.string().openapi({
        param: { name: 'format', in: 'path' },
        enum: Object.keys(importers),
        description: 'the import format (docs/import.md); another is a 404',
        example: 'crossings',
      }),
    }),
    query: z.strictObject({
      dryRun: flag.openapi({ description: 'check and count, then roll back: 1 or 0' }),
      skipInvalid: flag.openapi({ description: 'load the valid rows even if some are rejected: 1 or 0' }),
      source: z
        .string()
        .regex(SOURCE_ID, 'expected a sources id such as iom-dtm-fmr-wca')
        .optional()
        .openapi({ description: "the sources row to file the data under, when not the format's own" }),
      fileName: z
        .string()
        .refine((name) => !/\p{Cc}/u.test(name), 'no control characters')
        .optional()
        .openapi({ description: 'the file name, for the import log' }),
    }),
    body: { required: true, content: Object.fromEntries(IMPORT_TYPES.map((type) => [type, file])) },
  },
  responses: {
    200: {
      description: 'one JSON object a line, the last one the report or the failure',
      content: { [NDJSON]: { schema: importEventSchema } },
    },
    ...problems(401, 403, 404, 413, 415),
  },
})

export function importRoutes(database: Database, { maxBytes = MAX_IMPORT_BYTES } = {}) {
  return apiApp()
    .openapi(postImport, async (c) => {
      const { format } = c.req.valid('param')
      const importer = importers[format]
      if (!importer)
        throw new Problem(
          404,
          'Not found',
          `no import format ${format} (formats: ${Object.keys(importers).join(', ')})`,
        )
      const { dryRun = false, skipInvalid = false, source, fileName: given } = c.req.valid('query')
      const fileName = (given ?? 'upload').split(/[\\/]/).pop()?.slice(0, 200) || 'upload'
      const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
      if (!IMPORT_TYPES.includes(type)) {
        const reason = `expected ${IMPORT_TYPES.join(', ')}`
        throw new Problem(415, 'Unsupported media type', `Content-Type: ${reason}`, [
          { name: 'Content-Type', reason },
        ])
      }
      refuseDeclaredLength(c, maxBytes)

      // Counted as it arrives: a chunked body that passes the limit stops there, and the import fails.
      let bytes = 0
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytes += chunk.length
          if (bytes > maxBytes) done(tooLarge(maxBytes))
          else done(null, chunk)
        },
      })
      // pipeline, not pipe: a client that goes away mid-file must fail the import (and roll it back).
      const body = c.req.raw.body ? Readable.fromWeb(c.req.raw.body as WebStream) : Readable.from([])
      const input = pipeline(body, counter, () => {})
      c.header('Content-Type', NDJSON)
      return stream(c, async (out) => {
        let queue: Promise<unknown> = Promise.resolve()
        const send = (event: ImportEvent) => {
          queue = queue.then(() => out.write(`${JSON.stringify(event)}\n`)).catch(() => {})
        }
        try {
          const report = await runImport(database, importer, input, {
            dryRun,
            skipInvalid,
            context: { fileName, source },
            onProgress: (progress) => send({ type: 'progress', bytes, ...progress }),
            onReject: (rejected) => send({ type: 'reject', rejected }),
          })
          send({ type: 'report', report })
        } catch (error) {
          send({ type: 'failed', message: error instanceof Error ? error.message : String(error) })
        }
        await queue
      })
    })
    .all('*', () => {
      throw new Problem(404, 'Not found', 'POST a file to /api/imports/<format>')
    })
}

/** What a running server on the embedded engine tells the CLIs (`npm run import`, `npm run simulate`). */
export interface ServerFile {
  pid: number
  url: string
  token: string
}

export function serverFilePath(dataDir: string): string {
  return `${dataDir.replace(/\/+$/, '')}.server.json`
}

/** Writes the server file (readable by its owner only) and returns what removes it. */
export function writeServerFile(dataDir: string, info: ServerFile): () => void {
  const path = serverFilePath(dataDir)
  rmSync(path, { force: true }) // the mode applies only to a new file
  writeFileSync(path, JSON.stringify(info), { mode: 0o600, flag: 'wx' })
  return () => {
    if (readServerFile(dataDir, () => true)?.pid === info.pid) rmSync(path, { force: true })
  }
}

/** The server file of a live server, or null (none, unreadable, or left by a process that died). */
export function readServerFile(dataDir: string, alive = isAlive): ServerFile | null {
  let info: Partial<ServerFile>
  try {
    info = JSON.parse(readFileSync(serverFilePath(dataDir), 'utf8'))
  } catch {
    return null
  }
  if (typeof info.pid !== 'number' || typeof info.url !== 'string' || typeof info.token !== 'string')
    return null
  return alive(info.pid) ? (info as ServerFile) : null
}
