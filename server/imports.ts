// POST /api/imports/:format: imports a file streamed in the body, for the CLI when the server holds the
// embedded database; coordinators and above may import. On the embedded engine the server writes a local
// token, with its pid and URL, to `<dataDir>.server.json` (0600) for the CLIs (server/auth/local-token.ts).
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { pipeline, Readable, Transform } from 'node:stream'
import type { ReadableStream as WebStream } from 'node:stream/web'
import { Hono } from 'hono'
import { stream } from 'hono/streaming'
import { importers } from '../data/importers/index.ts'
import { type ImportReport, type Progress, type Rejected, runImport } from '../data/importers/run.ts'
import type { Database } from '../db/client.ts'
import { requireRole } from './auth/middleware.ts'
import { refuseDeclaredLength, tooLarge } from './http/body.ts'
import { queryParams } from './http/params.ts'
import { Problem } from './http/problem.ts'

/** One line of the NDJSON answer: progress as the file is read, each rejected row, then the report. */
export type ImportEvent =
  | ({ type: 'progress'; bytes: number } & Progress)
  | { type: 'reject'; rejected: Rejected }
  | { type: 'report'; report: ImportReport }
  | { type: 'failed'; message: string }

const SOURCE_ID = /^[a-z0-9][a-z0-9._-]*$/

/**
 * What an import body may be: the file as bytes (the CLI), or as the CSV or JSON it is. Not a form's
 * text/plain, urlencoded or multipart: a page on another site cannot send these other types unasked.
 */
export const IMPORT_TYPES = [
  'application/octet-stream',
  'text/csv',
  'application/json',
  'application/geo+json',
]

/** The largest file taken, 1 GiB (the 1,000,000-row benchmark file is 47 MB). */
export const MAX_IMPORT_BYTES = 1024 ** 3

export function importRoutes(database: Database, { maxBytes = MAX_IMPORT_BYTES } = {}) {
  return new Hono()
    .use(requireRole('coordinator'))
    .post('/:format', async (c) => {
      const format = c.req.param('format')
      const importer = importers[format]
      if (!importer)
        throw new Problem(
          404,
          'Not found',
          `no import format ${format} (formats: ${Object.keys(importers).join(', ')})`,
        )
      const q = queryParams(c.req.url, ['dryRun', 'skipInvalid', 'source', 'fileName'])
      const dryRun = flag(q.dryRun, 'dryRun')
      const skipInvalid = flag(q.skipInvalid, 'skipInvalid')
      if (q.source !== undefined && !SOURCE_ID.test(q.source)) {
        throw Problem.invalid([{ name: 'source', reason: 'expected a sources id such as iom-dtm-fmr-wca' }])
      }
      const fileName = (q.fileName ?? 'upload').split(/[\\/]/).pop()?.slice(0, 200) || 'upload'
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
      c.header('Content-Type', 'application/x-ndjson')
      return stream(c, async (out) => {
        let queue: Promise<unknown> = Promise.resolve()
        const send = (event: ImportEvent) => {
          queue = queue.then(() => out.write(`${JSON.stringify(event)}\n`)).catch(() => {})
        }
        try {
          const report = await runImport(database, importer, input, {
            dryRun,
            skipInvalid,
            context: { fileName, source: q.source },
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

function flag(value: string | undefined, name: string): boolean {
  if (value === undefined || value === '0' || value === 'false') return false
  if (value === '1' || value === 'true') return true
  throw Problem.invalid([{ name, reason: 'expected 1 or 0' }])
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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
