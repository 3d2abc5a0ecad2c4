// A client typed by the API document alone: types generated from /api/openapi.json by openapi-typescript,
// the client (tests/typed-client/client.ts) type-checked against them with tsc, then run with openapi-fetch
// against the app in process as the demo coordinator.
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, seedDemoUsers } from '../../data/seed/demo-users.ts'
import { createApp } from '../../server/app.ts'
import { apiDocument } from '../../server/cli/openapi.ts'
import { useTestDatabase } from '../helpers/database.ts'

const run = promisify(execFile)
const CLIENT = resolve('tests/typed-client')
const GENERATED = join(CLIENT, 'generated', 'openapi.d.ts')
// openapi-typescript needs the TypeScript 5 compiler API; it has its own (tests/openapi-typegen).
const OPENAPI_TYPESCRIPT = resolve('tests/openapi-typegen/node_modules/.bin/openapi-typescript')
const TSC = resolve('node_modules/.bin/tsc')

/** What tests/typed-client/client.ts exports, as this file sees it (it is not in the main type-check). */
type Client = {
  signInFileAndRead: (
    fetch: (request: Request) => Promise<Response>,
    who: { email: string; password: string; idempotencyKey: string },
  ) => Promise<{
    role: string
    reportId: number
    verification: string
    layerType: string
    feature?: { id: number; type: string; counts: Record<string, number | null> }
  }>
}

describe('a client typed by /api/openapi.json', () => {
  const database = useTestDatabase('pglite')

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crosswatch-openapi-'))
    try {
      const document = join(dir, 'openapi.json')
      writeFileSync(document, JSON.stringify(await apiDocument()))
      mkdirSync(join(CLIENT, 'generated'), { recursive: true })
      await run(OPENAPI_TYPESCRIPT, [document, '--output', GENERATED])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('type-checks against the generated types', async () => {
    const checked = await run(TSC, ['--noEmit', '-p', join(CLIENT, 'tsconfig.json')]).then(
      () => ({ code: 0, output: '' }),
      (error: { code: number; stdout: string }) => ({ code: error.code, output: error.stdout }),
    )
    expect(checked.output).toBe('')
    expect(checked.code).toBe(0)
  })

  it('signs in as the demo coordinator, files a report once and reads it in the incidents layer', async () => {
    await seedDemoUsers(database.current)
    const app = createApp({ database: database.current, config: { webDir: 'no-web' } })
    const client: Client = await import(join(CLIENT, 'client.ts'))
    const who = {
      email: 'coordinator@crosswatch.example',
      password: DEMO_PASSWORD,
      idempotencyKey: randomUUID(),
    }
    const fetch = async (request: Request) => app.request(request)
    const first = await client.signInFileAndRead(fetch, who)
    expect(first).toMatchObject({
      role: 'coordinator',
      verification: 'unverified',
      layerType: 'FeatureCollection',
      feature: {
        id: first.reportId,
        type: 'stranded_group',
        counts: { dead: 0, missing: 0, injured: 1, survivors: 12, children: 3 },
      },
    })
    // The same key again: the first report, not a second.
    expect((await client.signInFileAndRead(fetch, who)).reportId).toBe(first.reportId)
  })
})
