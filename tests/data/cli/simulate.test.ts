// `npm run simulate` against a real server process for a few seconds, on each engine: the counts and
// reports it sends arrive, filed as simulated. It finds the local token in the server file (embedded
// engine) or signs in with CROSSWATCH_EMAIL and CROSSWATCH_PASSWORD (PostgreSQL), as a person would.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { findToken } from '../../../data/cli/credentials.ts'
import { addUser } from '../../../server/auth/accounts.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'
import { startServer } from '../../helpers/server.ts'

const COORDINATOR = {
  email: 'sim@crosswatch.test',
  password: 'simulator-password-1',
  role: 'coordinator' as const,
}

function runSimulate(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'data/cli/simulate.ts', ...args],
      {
        env: {
          ...process.env,
          DATABASE_URL: '',
          CROSSWATCH_TOKEN: '',
          CROSSWATCH_EMAIL: '',
          CROSSWATCH_PASSWORD: '',
          ...env,
        },
      },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    )
  })
}

describe.each(engines)('npm run simulate against a server on %s', (engine) => {
  const database = useTestDatabase(engine)

  it('sends counts and reports that arrive, filed under the simulator source', async () => {
    await addUser(database.current, { ...COORDINATOR, agency: 'Test agency' })
    await database.current.close()
    const env: Record<string, string> = { ...database.handle.env }
    const server = await startServer(env)
    let result: Awaited<ReturnType<typeof runSimulate>>
    try {
      result = await runSimulate(
        ['--url', server.url, '--rate', '40', '--duration', '3', '--seed', 'test', '--report-share', '0.25'],
        // On the embedded engine the simulator finds the token in the server file of CROSSWATCH_DATA_DIR.
        engine === 'postgres'
          ? { CROSSWATCH_EMAIL: COORDINATOR.email, CROSSWATCH_PASSWORD: COORDINATOR.password }
          : { CROSSWATCH_DATA_DIR: env.CROSSWATCH_DATA_DIR as string },
      )
    } finally {
      await server.stop()
      database.current = await database.handle.open()
    }
    expect(result.code, result.stderr).toBe(0)
    const summary = result.stdout.match(
      /summary: .*sent (\d+) \((\d+) counts, (\d+) reports\)\s+accepted (\d+)\s+failed (\d+)/,
    )
    expect(summary, result.stdout).not.toBeNull()
    const [sent, counts, reports, accepted, failed] = (summary as RegExpMatchArray).slice(1).map(Number)
    expect(sent).toBeGreaterThan(80)
    expect(accepted).toBe(sent)
    expect(failed).toBe(0)
    expect(result.stdout.match(/^\s+\d+ s {2}sent/gm)?.length).toBeGreaterThanOrEqual(2) // a line a second

    const [stored] = await database.current.rows<{ reports: number; sites: number; hours: number }>(sql`
      SELECT (SELECT count(*)::int FROM incidents WHERE source_id = 'crosswatch-simulator') AS reports,
             (SELECT count(DISTINCT coalesce(post_id, flow_point_id))::int FROM crossing_counts
               WHERE source_id = 'crosswatch-simulator') AS sites,
             (SELECT count(DISTINCT period_start)::int FROM crossing_counts
               WHERE source_id = 'crosswatch-simulator' AND period = 'hour') AS hours`)
    expect(stored?.reports).toBe(reports)
    // Each count event refreshes one site's hour: every site and direction is visited in turn.
    expect(stored?.sites).toBeGreaterThan(Math.min(40, (counts as number) / 3))
    expect(stored?.hours).toBeGreaterThanOrEqual(1)
    const [source] = await database.current.rows<{ modelled: boolean; citation: string }>(
      sql`SELECT modelled, citation FROM sources WHERE id = 'crosswatch-simulator'`,
    )
    expect(source).toMatchObject({ modelled: true, citation: expect.stringMatching(/^SIMULATED/) })
    const [real] = await database.current.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM incidents WHERE source_id = 'crosswatch-field-reports'`,
    )
    expect(real?.n).toBe(0)
  })
})

describe('a CLI finds its credentials', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crosswatch-simulate-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const dataDir = join(dir, 'data')
  writeFileSync(
    `${dataDir}.server.json`,
    JSON.stringify({ pid: process.pid, url: 'http://127.0.0.1:8181/', token: 'from-the-server-file' }),
  )
  const env = { CROSSWATCH_DATA_DIR: dataDir }
  const envToken = 'from-the-environment-0123456789'

  it.each([
    [
      '--token first',
      { url: 'http://127.0.0.1:8181', token: 'given' },
      { CROSSWATCH_TOKEN: envToken },
      'given',
    ],
    ['then CROSSWATCH_TOKEN', { url: 'http://127.0.0.1:8181' }, { CROSSWATCH_TOKEN: envToken }, envToken],
    ['then the server file of a local server', { url: 'http://localhost:8181/' }, {}, 'from-the-server-file'],
    ['not for a local server on another port', { url: 'http://127.0.0.1:8182' }, {}, undefined],
    ['never for a remote server', { url: 'http://crosswatch.example.org:8181' }, {}, undefined],
  ])('%s', async (_, options, more, expected) => {
    expect(await findToken(options, { ...env, ...more })).toBe(expected)
  })

  it('then signs in with CROSSWATCH_EMAIL and CROSSWATCH_PASSWORD', async () => {
    const asked: unknown[] = []
    const fetcher = (async (url: URL, init: RequestInit) => {
      asked.push([String(url), JSON.parse(String(init.body))])
      return Response.json({ token: 'from-the-login' })
    }) as typeof fetch
    const login = { CROSSWATCH_EMAIL: 'a@b.test', CROSSWATCH_PASSWORD: 'secret-password' }
    expect(await findToken({ url: 'http://127.0.0.1:8181' }, { ...env, ...login }, fetcher)).toBe(
      'from-the-login',
    )
    expect(asked).toEqual([
      ['http://127.0.0.1:8181/api/auth/login', { email: 'a@b.test', password: 'secret-password' }],
    ])
  })

  it('says why when the sign-in is refused', async () => {
    const fetcher = (async () =>
      Response.json({ detail: 'wrong email or password' }, { status: 401 })) as unknown as typeof fetch
    const login = { CROSSWATCH_EMAIL: 'a@b.test', CROSSWATCH_PASSWORD: 'nope' }
    await expect(findToken({ url: 'http://127.0.0.1:8181' }, { ...env, ...login }, fetcher)).rejects.toThrow(
      /signing in as a@b.test failed: wrong email or password/,
    )
  })
})
