// POST /api/imports/:format in process on both engines (its content types and its size limit, a chunked
// body included), and the CLI through a running server on the embedded engine (the server holds the
// database; the CLI finds it by its server file).
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { Hono } from 'hono'
import { afterAll, describe, expect, it } from 'vitest'
import { createApp } from '../../server/app.ts'
import { authenticate } from '../../server/auth/middleware.ts'
import { type Problem, problemResponse } from '../../server/http/problem.ts'
import { type ImportEvent, importRoutes, serverFilePath } from '../../server/imports.ts'
import { useTestDatabase } from '../helpers/database.ts'
import { engines } from '../helpers/engines.ts'
import { startServer } from '../helpers/server.ts'

const TOKEN = 'test-token-0123456789'
const header = 'site,period_start,period,direction,count'
const good = `${header}\nne-assamaka,2024-06-01,day,in,4\nne-assamaka,2024-06-01,day,out,6\n`
const broken = `${header}\nne-assamaka,2024-06-02,day,in,4\nne-nowhere,2024-06-02,day,in,1\nne-assamaka,2024-06-02,day,up,1\n`

const events = async (response: Response) =>
  (await response.text())
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as ImportEvent)

describe.each(engines)('POST /api/imports/:format on %s', (engine) => {
  const database = useTestDatabase(engine)
  const post = (
    path: string,
    init: { token?: string | null; body?: string; method?: string; type?: string | null } = {},
    appToken: string | null = TOKEN,
  ) => {
    const app = createApp({
      database: database.current,
      config: { webDir: 'no-web' },
      localToken: appToken ?? undefined,
    })
    const headers: Record<string, string> = {}
    if (init.token !== null) headers.authorization = `Bearer ${init.token ?? TOKEN}`
    if (init.type !== null) headers['content-type'] = init.type ?? 'application/octet-stream'
    const method = init.method ?? 'POST'
    return app.request(path, { method, headers, body: method === 'GET' ? undefined : (init.body ?? good) })
  }
  const counts = (source: string) =>
    database.current.rows<{ count: number }>(
      sql`SELECT count FROM crossing_counts WHERE source_id = ${source} ORDER BY period_start, direction`,
    )

  it.each([
    ['no token', { token: null }, TOKEN],
    ['a wrong token', { token: 'wrong' }, TOKEN],
    ['a token, on a server that takes none', {}, null],
  ])('answers %s with 401 problem+json and imports nothing', async (_, init, appToken) => {
    const response = await post('/api/imports/crossings?fileName=denied.csv', init, appToken)
    expect(response.status).toBe(401)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(await response.json()).toMatchObject({ status: 401, title: 'Unauthorized' })
    expect(await counts('import-denied')).toEqual([])
  })

  it.each([
    ['an unknown format', '/api/imports/nonsense', 'POST', 404],
    ['a GET', '/api/imports/crossings', 'GET', 404],
    ['an unknown parameter', '/api/imports/crossings?dry=1', 'POST', 400],
    ['a bad flag', '/api/imports/crossings?dryRun=yes', 'POST', 400],
    ['a bad source id', '/api/imports/crossings?source=Bad%20Id', 'POST', 400],
    ['a file name with a NUL', '/api/imports/crossings?fileName=a%00b.csv', 'POST', 400],
  ])('answers %s with %s and a problem', async (_, path, method, status) => {
    const response = await post(path, { method })
    expect(response.status).toBe(status)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
  })

  it('imports the body and answers NDJSON: progress, then the report', async () => {
    const response = await post('/api/imports/crossings?fileName=posted.csv')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('application/x-ndjson')
    const all = await events(response)
    expect(all.at(-2)).toMatchObject({ type: 'progress', rowsRead: 2, taken: 2, bytes: good.length })
    expect(all.at(-1)).toMatchObject({
      type: 'report',
      report: { format: 'crossings', accepted: true, inserted: 2 },
    })
    expect(await counts('import-posted')).toEqual([{ count: 4 }, { count: 6 }])
  })

  it('changes nothing when the client goes away in the middle of the file', async () => {
    const app = createApp({ database: database.current, config: { webDir: 'no-web' }, localToken: TOKEN })
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(`${header}\nne-assamaka,2024-06-03,day,in,4\n`))
        setTimeout(() => controller.error(new Error('connection reset')), 50)
      },
    })
    const response = await app.request('/api/imports/crossings?fileName=cut.csv', {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
      body,
      duplex: 'half',
    } as RequestInit)
    expect((await events(response)).at(-1)).toEqual({
      type: 'failed',
      message: 'connection reset; nothing was changed',
    })
    expect(await counts('import-cut')).toEqual([])
  })

  it.each([
    ["a form's text/plain", 'text/plain;charset=UTF-8'],
    ["a form's multipart/form-data", 'multipart/form-data; boundary=x'],
    ["a form's urlencoded body", 'application/x-www-form-urlencoded'],
    ['no Content-Type', null],
  ])('answers %s with a 415 problem and imports nothing', async (_, type) => {
    const response = await post('/api/imports/crossings?fileName=typed.csv', { type })
    expect(response.status).toBe(415)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect((await response.json())['invalid-params'][0].name).toBe('Content-Type')
    expect(await counts('import-typed')).toEqual([])
  })

  it.each(['text/csv', 'application/json', 'application/octet-stream'])(
    'reads a body sent as %s',
    async (type) => {
      const response = await post('/api/imports/crossings?fileName=typed.csv&dryRun=1', { type })
      expect(response.status).toBe(200)
      expect((await events(response)).at(-1)).toMatchObject({ type: 'report', report: { taken: 2 } })
    },
  )

  describe('with a limit of 1,000 bytes', () => {
    const limited = () => {
      const app = new Hono()
      app.use(authenticate(database.current, TOKEN))
      app.route('/api/imports', importRoutes(database.current, { maxBytes: 1000 }))
      app.onError((error, c) => problemResponse(c, error as Problem))
      return app
    }

    it('refuses a file that says it is longer with a 413 problem, before reading it', async () => {
      const body = `${header}\n${'ne-assamaka,2024-06-09,day,in,1\n'.repeat(40)}`
      const response = await limited().request('/api/imports/crossings?fileName=long.csv', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${TOKEN}`,
          'content-type': 'text/csv',
          'content-length': String(Buffer.byteLength(body)),
        },
        body,
      })
      expect(response.status).toBe(413)
      expect(response.headers.get('content-type')).toBe('application/problem+json')
      expect(await counts('import-long')).toEqual([])
    })

    it('stops reading a chunked file as soon as it passes the limit, and imports nothing', async () => {
      let pulled = 0
      let cancelled = false
      const day = (i: number) => new Date(Date.UTC(2023, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (pulled === 1000) return controller.close()
          const rows = Array.from({ length: 25 }, (_, i) => `ne-assamaka,${day(pulled * 25 + i)},day,in,1\n`)
          controller.enqueue(new TextEncoder().encode(`${pulled === 0 ? `${header}\n` : ''}${rows.join('')}`))
          pulled++
        },
        cancel() {
          cancelled = true
        },
      })
      const response = await limited().request('/api/imports/crossings?fileName=chunked.csv', {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
        body,
        duplex: 'half',
      } as RequestInit)
      expect((await events(response)).at(-1)).toEqual({
        type: 'failed',
        message: 'the body may be at most 1000 bytes; nothing was changed',
      })
      expect(cancelled).toBe(true)
      expect(pulled).toBeLessThan(100) // of 1,000 chunks (about 800 KB)
      expect(await counts('import-chunked')).toEqual([])
    })
  })

  it('streams each reject with --skip-invalid, and changes nothing in a dry run', async () => {
    const skipping = await events(
      await post('/api/imports/crossings?fileName=posted-bad.csv&skipInvalid=1&dryRun=1', { body: broken }),
    )
    expect(
      skipping.filter((e) => e.type === 'reject').map((e) => e.type === 'reject' && e.rejected.line),
    ).toEqual([3, 4])
    expect(skipping.at(-1)).toMatchObject({
      type: 'report',
      report: { accepted: true, dryRun: true, taken: 1 },
    })
    expect(await counts('import-posted-bad')).toEqual([])
  })
})

function runCli(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'data/cli/import.ts', ...args],
      { env: { ...process.env, DATABASE_URL: '', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    )
  })
}

describe('the import CLI while the server holds the embedded database', () => {
  const database = useTestDatabase('pglite')
  const dir = mkdtempSync(join(tmpdir(), 'crosswatch-imports-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('goes through the server with its token, and a wrong token is refused', async () => {
    await database.current.close()
    const env = database.handle.env
    const dataDir = env.CROSSWATCH_DATA_DIR as string
    const server = await startServer(env)
    try {
      const file = serverFilePath(dataDir)
      expect(statSync(file).mode & 0o777).toBe(0o600)
      const info = JSON.parse(readFileSync(file, 'utf8'))
      expect(info).toEqual({
        pid: server.process.pid,
        url: server.url,
        token: expect.stringMatching(/^[\w-]{40,}$/),
      })

      const goodFile = join(dir, 'through.csv')
      writeFileSync(goodFile, good)
      const landed = await runCli(['crossings', goodFile], env)
      expect(landed.stderr).toContain(`the server at ${server.url} holds the database: importing through it`)
      expect(landed.stdout).toMatch(
        /^crossings: 2 rows read, 2 taken \(2 inserted, 0 updated, 0 unchanged\), 0 rejected/,
      )
      expect(landed.code).toBe(0)

      const badFile = join(dir, 'through-bad.csv')
      writeFileSync(badFile, broken)
      const skipped = await runCli(['crossings', badFile, '--skip-invalid'], env)
      expect(skipped.code).toBe(0)
      expect(skipped.stderr).toContain(`${badFile}:3: site: unknown site ne-nowhere`)
      expect(readFileSync(join(dir, 'through-bad.rejects.csv'), 'utf8').split('\n')).toHaveLength(4)
      const rejected = await runCli(['crossings', badFile], env)
      expect(rejected.code).toBe(1)

      const wrong = await fetch(new URL('api/imports/crossings', server.url), {
        method: 'POST',
        headers: { authorization: 'Bearer wrong' },
        body: good,
      })
      expect(wrong.status).toBe(401)
      expect(wrong.headers.get('content-type')).toBe('application/problem+json')
      writeFileSync(file, JSON.stringify({ ...info, token: 'wrong' }))
      const refused = await runCli(['crossings', goodFile], env)
      expect(refused.code).toBe(1)
      expect(refused.stderr).toContain('the server refused the import: Unauthorized')

      expect(await server.stop('SIGTERM')).toBe(0)
      expect(existsSync(file)).toBe(false)
    } finally {
      await server.stop('SIGKILL')
      database.current = await database.handle.open()
    }
    const rows = await database.current.rows<{ source_id: string; n: number }>(sql`
      SELECT source_id, count(*)::int AS n FROM crossing_counts WHERE source_id LIKE 'import-through%' GROUP BY 1 ORDER BY 1`)
    expect(rows).toEqual([
      { source_id: 'import-through', n: 2 },
      { source_id: 'import-through-bad', n: 1 },
    ])
  })
})
