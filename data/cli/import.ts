// `npm run import -- <format> <file>`: imports a file into the database the server uses (the same
// DATABASE_URL / CROSSWATCH_DATA_DIR), or through the running server when it holds the embedded database.
import { createReadStream, statSync } from 'node:fs'
import { request } from 'node:http'
import { basename } from 'node:path'
import { pipeline, Transform } from 'node:stream'
import { parseArgs } from 'node:util'
import { SingleBar } from 'cli-progress'
import { type Database, openDatabase } from '../../db/client.ts'
import { loadConfig } from '../../server/config.ts'
import { type ImportEvent, readServerFile, type ServerFile } from '../../server/imports.ts'
import { importers } from '../importers/index.ts'
import { type ImportReport, MAX_ERRORS, type Progress, runImport } from '../importers/run.ts'
import { runCommand, UsageError } from './command.ts'
import { csvHeader, RejectsFile, rejectsPath } from './rejects.ts'

const FORMAT_WIDTH = Math.max(...Object.keys(importers).map((f) => f.length))

const USAGE = `usage: npm run import -- <format> <file> [--dry-run] [--skip-invalid] [--source <id>]

Imports <file> in one transaction: it lands whole, or nothing changes. Importing the same file again
changes nothing. Columns of each format: docs/import.md.

formats:
${Object.values(importers)
  .map((i) => `  ${i.format.padEnd(FORMAT_WIDTH)} ${i.description}`)
  .join('\n')}

options:
  --dry-run        check everything, the database's checks included, then roll back
  --skip-invalid   land the valid rows; write the rejected ones to <file>.rejects.csv beside the file
  --source <id>    the sources row to file the records under (formats that let you choose; see docs)
  -h, --help       this text

The database is the server's: DATABASE_URL, or the embedded one in CROSSWATCH_DATA_DIR (.crosswatch).
When a server holds the embedded database, the import goes through it.
exit codes: 0 imported (or a clean dry run), 1 rejected or failed, 2 wrong usage`

/** Below this size the import is over before a progress bar would help. */
const BAR_MIN_BYTES = 1_000_000

interface Options {
  format: string
  file: string
  size: number
  dryRun: boolean
  skipInvalid: boolean
  source: string | undefined
}

function parseOptions(argv: string[]): Options | 'help' {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof flags; allowPositionals: true }>>
  const flags = {
    'dry-run': { type: 'boolean' },
    'skip-invalid': { type: 'boolean' },
    source: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  } as const
  try {
    parsed = parseArgs({ args: argv, options: flags, allowPositionals: true })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const { values, positionals } = parsed
  if (values.help) return 'help'
  const [format, file, ...rest] = positionals
  if (!format || !file) throw new UsageError('give a format and a file')
  if (rest.length) throw new UsageError(`one file at a time (also given: ${rest.join(' ')})`)
  if (!importers[format]) throw new UsageError(`unknown format ${format}`)
  if (values.source !== undefined && !/^[a-z0-9][a-z0-9._-]*$/.test(values.source)) {
    throw new UsageError(`--source ${values.source}: expected an id such as iom-dtm-fmr-wca`)
  }
  let size: number
  try {
    const stat = statSync(file)
    if (!stat.isFile()) throw new Error('not a file')
    size = stat.size
  } catch (error) {
    throw new UsageError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    )
  }
  return {
    format,
    file,
    size,
    dryRun: values['dry-run'] ?? false,
    skipInvalid: values['skip-invalid'] ?? false,
    source: values.source,
  }
}

function progressBar(options: Options): { update(bytes: number, progress: Progress): void; stop(): void } {
  if (!process.stderr.isTTY || options.size < BAR_MIN_BYTES) return { update() {}, stop() {} }
  const bar = new SingleBar({
    format: `${options.format} |{bar}| {percentage}% | {rows} rows, {rejected} rejected | ETA {eta_formatted}`,
    stream: process.stderr,
    hideCursor: true,
  })
  bar.start(options.size, 0, { rows: 0, rejected: 0 })
  return {
    update: (bytes, p) => bar.update(bytes, { rows: p.rowsRead, rejected: p.rejected }),
    stop: () => bar.stop(),
  }
}

/** Imports in this process, with the database opened here. */
async function importHere(options: Options, database: Database, rejects: RejectsFile | null) {
  const bar = progressBar(options)
  let bytes = 0
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length
      done(null, chunk)
    },
  })
  const input = pipeline(createReadStream(options.file), counter, () => {})
  try {
    return await runImport(database, importers[options.format] as (typeof importers)[string], input, {
      dryRun: options.dryRun,
      skipInvalid: options.skipInvalid,
      context: { fileName: basename(options.file), source: options.source },
      onProgress: (p) => bar.update(bytes, p),
      onReject: (r) => rejects?.add(r),
    })
  } finally {
    bar.stop()
  }
}

/** Streams the file to the running server, which imports it and answers in NDJSON (server/imports.ts). */
async function importThroughServer(options: Options, server: ServerFile, rejects: RejectsFile | null) {
  const bar = progressBar(options)
  const query = new URLSearchParams({ fileName: basename(options.file) })
  if (options.dryRun) query.set('dryRun', '1')
  if (options.skipInvalid) query.set('skipInvalid', '1')
  if (options.source) query.set('source', options.source)
  const url = new URL(`api/imports/${encodeURIComponent(options.format)}?${query}`, server.url)
  try {
    return await new Promise<ImportReport>((resolve, reject) => {
      const req = request(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${server.token}`,
          'content-type': 'application/octet-stream',
          'content-length': options.size,
        },
      })
      req.on('error', (error) =>
        reject(new Error(`cannot reach the server at ${server.url}: ${error.message}`)),
      )
      req.on('response', async (response) => {
        let text = ''
        let report: ImportReport | null = null
        try {
          response.setEncoding('utf8')
          if (response.statusCode !== 200) {
            for await (const chunk of response) text += chunk
            const problem = JSON.parse(text || '{}') as { title?: string; detail?: string }
            throw new Error(
              `the server refused the import: ${problem.title ?? response.statusCode}: ${problem.detail ?? ''}`,
            )
          }
          for await (const chunk of response) {
            text += chunk
            let newline = text.indexOf('\n')
            while (newline >= 0) {
              const event = JSON.parse(text.slice(0, newline)) as ImportEvent
              text = text.slice(newline + 1)
              newline = text.indexOf('\n')
              if (event.type === 'progress') bar.update(event.bytes, event)
              else if (event.type === 'reject') rejects?.add(event.rejected)
              else if (event.type === 'report') report = event.report
              else throw new Error(event.message)
            }
          }
          if (!report)
            throw new Error(
              'the server closed the connection before the import finished; nothing was changed',
            )
          resolve(report)
        } catch (error) {
          req.destroy()
          reject(error)
        }
      })
      pipeline(createReadStream(options.file), req, (error) => {
        if (error && !req.destroyed) reject(error)
      })
    })
  } finally {
    bar.stop()
  }
}

function summary(report: ImportReport, seconds: number, rejects: RejectsFile | null): string {
  const r = report
  const counts =
    `${r.format}: ${r.rowsRead} rows read, ${r.taken} taken (${r.inserted} inserted, ${r.updated} updated, ` +
    `${r.unchanged} unchanged), ${r.rejected} rejected in ${seconds.toFixed(1)} s`
  const rate = seconds > 0 && r.rowsRead >= 10_000 ? ` (${Math.round(r.rowsRead / seconds)} rows/s)` : ''
  let status = ''
  if (!r.accepted)
    status = `; rejected: nothing was written${r.errorCount && !r.dryRun ? ' (--skip-invalid lands the valid rows)' : ''}`
  else if (r.dryRun) status = '; dry run: nothing was written'
  if (rejects?.count) status += `; rejected rows in ${rejects.path}`
  return `${counts}${rate}${status}`
}

async function run(options: Options): Promise<number> {
  const config = loadConfig()
  let started = performance.now()
  // A dry run writes nothing, not even the rejects: it only reports them.
  const rejects =
    options.skipInvalid && !options.dryRun
      ? new RejectsFile(rejectsPath(options.file), await csvHeader(options.file))
      : null
  const server = config.databaseUrl ? null : readServerFile(config.dataDir)
  let report: ImportReport
  try {
    if (server) {
      console.error(`crosswatch import: the server at ${server.url} holds the database: importing through it`)
      started = performance.now()
      report = await importThroughServer(options, server, rejects)
    } else {
      if (!config.databaseUrl)
        console.error(`crosswatch import: opening the embedded database in ${config.dataDir}/`)
      const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir })
      try {
        started = performance.now()
        report = await importHere(options, database, rejects)
      } finally {
        await database.close()
      }
    }
  } catch (error) {
    await rejects?.close(true) // nothing was imported: a partial list of rejects would mislead
    throw error
  }
  await rejects?.close()
  for (const e of report.errors) console.error(`${options.file}:${e.line}: ${e.column}: ${e.reason}`)
  if (report.errorCount > report.errors.length) {
    console.error(
      `… and ${report.errorCount - report.errors.length} more errors (the first ${MAX_ERRORS} are shown)`,
    )
  }
  console.log(summary(report, (performance.now() - started) / 1000, rejects))
  return report.accepted ? 0 : 1
}

runCommand({ name: 'import', usage: USAGE, parse: parseOptions, run })
