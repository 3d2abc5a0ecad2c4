// `npm run user` as a process, on each engine: a user it adds can sign in, its changes take effect, its
// refusals change nothing, the password is asked on a terminal, and with a server holding the embedded
// database it goes through that server.
import { execFile, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../db/client.ts'
import { createApp } from '../../../server/app.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'
import { startServer } from '../../helpers/server.ts'

interface Result {
  code: number | null
  stdout: string
  stderr: string
}

const CLI = ['--import', 'tsx', 'data/cli/user.ts']

function runUser(args: string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...CLI, ...args],
      { env: { ...process.env, DATABASE_URL: '', CROSSWATCH_PASSWORD: '', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    )
  })
}

/** Runs the CLI on a terminal (util-linux `script` gives it one) and types each line when its prompt shows. */
function runUserInTerminal(
  args: string[],
  env: Record<string, string>,
  typed: { prompt: string; line: string }[],
): Promise<{ code: number | null; screen: string }> {
  const command = [process.execPath, ...CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    env: { ...process.env, DATABASE_URL: '', CROSSWATCH_PASSWORD: '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let screen = ''
  let next = 0
  let seen = 0 // where the last prompt answered ends
  child.stdout.on('data', (chunk) => {
    screen += chunk
    // Typed only once the prompt shows: before it, the terminal would still echo.
    const step = typed[next]
    const at = step ? screen.indexOf(step.prompt, seen) : -1
    if (step && at >= 0) {
      next++
      seen = at + step.prompt.length
      child.stdin.write(`${step.line}\r`)
    }
  })
  child.stderr.on('data', (chunk) => {
    screen += chunk
  })
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      child.stdin.end()
      resolve({ code, screen })
    })
  })
}

async function signIn(database: Database, email: string, password: string) {
  const app = createApp({ database, config: { webDir: 'no-web' } })
  const response = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  return {
    status: response.status,
    body: (await response.json()) as { token?: string; user?: { role: string } },
  }
}

async function me(database: Database, token: string) {
  const app = createApp({ database, config: { webDir: 'no-web' } })
  const response = await app.request('/api/auth/me', { headers: { authorization: `Bearer ${token}` } })
  return { status: response.status, body: (await response.json()) as { kind?: string; role?: string } }
}

const dir = mkdtempSync(join(tmpdir(), 'crosswatch-user-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the user CLI, used wrongly', () => {
  const dataDir = join(dir, 'never-opened')
  const add = ['add', '--email', 'a@crosswatch.example', '--role', 'admin', '--agency', 'IOM']

  it.each([
    [[], {}, 'give a command', true],
    [['frobnicate'], {}, 'unknown command frobnicate', true],
    [['device'], {}, 'device takes add, list or revoke', true],
    [['add', '--email', 'a@crosswatch.example', '--role', 'admin'], {}, 'add needs --agency', true],
    [['list', '--email', 'a@crosswatch.example'], {}, 'list takes no --email', true],
    [['add', '--frobnicate'], {}, "Unknown option '--frobnicate'", true],
    [['device', 'revoke', '--email', 'a@crosswatch.example'], {}, '--device ID or --label L', true],
    [['audit'], {}, 'audit needs --email', true],
    [['set-agency', '--email', 'a@crosswatch.example'], {}, 'set-agency needs --agency', true],
    [
      ['add', '--email', 'a@crosswatch.example', '--role', 'boss', '--agency', 'IOM'],
      { CROSSWATCH_PASSWORD: 'long enough password' },
      '--role boss: expected one of reporter, viewer, coordinator, admin',
      false,
    ],
    [
      ['set-role', '--email', 'a@crosswatch.example', '--role', 'root'],
      {},
      '--role root: expected one of',
      false,
    ],
    [
      ['add', '--email', 'not-an-email', '--role', 'admin', '--agency', 'IOM'],
      { CROSSWATCH_PASSWORD: 'long enough password' },
      '--email not-an-email: expected an email address',
      false,
    ],
    [add, { CROSSWATCH_PASSWORD: 'too short' }, 'the password is too weak: at least 12 characters', false],
    [
      ['passwd', '--email', 'a@crosswatch.example'],
      { CROSSWATCH_PASSWORD: 'short' },
      'at least 12 characters',
      false,
    ],
    [add, {}, 'no password: set CROSSWATCH_PASSWORD, or run this in a terminal', false],
  ])('%j exits 2 with the reason, opening nothing', async (args, env, reason, usage) => {
    const { code, stdout, stderr } = await runUser(args, { CROSSWATCH_DATA_DIR: dataDir, ...env })
    expect(code).toBe(2)
    expect(stderr).toContain(reason)
    expect(stderr.includes('usage: npm run user')).toBe(usage)
    if (!usage) expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stdout).toBe('')
    expect(existsSync(dataDir)).toBe(false)
  })

  it('prints the usage for --help and exits 0', async () => {
    const { code, stdout } = await runUser(['--help'])
    expect(code).toBe(0)
    expect(stdout).toContain('usage: npm run user -- <command>')
    for (const command of [
      'add',
      'list',
      'set-role',
      'set-agency',
      'disable',
      'enable',
      'passwd',
      'device add',
      'device revoke',
      'audit',
    ])
      expect(stdout).toMatch(new RegExp(`^ {2}${command} `, 'm'))
  })

  it('on a terminal, asks twice without echoing and refuses two different passwords', async () => {
    const { code, screen } = await runUserInTerminal(add, { CROSSWATCH_DATA_DIR: dataDir }, [
      { prompt: 'Password for a@crosswatch.example: ', line: 'first secret password' },
      { prompt: 'The same password again: ', line: 'another secret password' },
    ])
    expect(screen).toContain('the two passwords differ; nothing was changed')
    expect(screen).not.toContain('secret')
    expect(code).toBe(1)
    expect(existsSync(dataDir)).toBe(false)
  })

  it('on a terminal, refuses a weak password before asking it again', async () => {
    const { code, screen } = await runUserInTerminal(add, { CROSSWATCH_DATA_DIR: dataDir }, [
      { prompt: 'Password for a@crosswatch.example: ', line: 'weak' },
    ])
    expect(screen).toContain('the password is too weak: at least 12 characters')
    expect(screen).not.toContain('again')
    expect(code).toBe(2)
    expect(existsSync(dataDir)).toBe(false)
  })
})

describe.each(engines)('the user CLI on %s', (engine) => {
  const database = useTestDatabase(engine)
  // The embedded engine admits one process at a time: the CLI's, while it runs.
  beforeAll(async () => database.current.close())
  afterAll(async () => {
    database.current = await database.handle.open()
  })
  const user = (args: string[], env: Record<string, string> = {}) =>
    runUser(args, { ...database.handle.env, ...env })
  /** Opens the database between CLI runs, for the checks a person cannot see from the CLI. */
  const inDatabase = async <T>(check: (opened: Database) => Promise<T>): Promise<T> => {
    const opened = await database.handle.open()
    try {
      return await check(opened)
    } finally {
      await opened.close()
    }
  }
  const email = `field-${engine}@crosswatch.example`
  const first = 'first password of the field team'
  const second = 'second password of the field team'

  it('adds a user who can then sign in with the password, and refuses the same email again', async () => {
    const added = await user(
      [
        'add',
        '--email',
        email.toUpperCase(),
        '--role',
        'reporter',
        '--agency',
        'IOM',
        '--name',
        'Agadez team',
      ],
      { CROSSWATCH_PASSWORD: first },
    )
    expect(added.stderr).not.toContain(first)
    expect(added.code, added.stderr).toBe(0)
    expect(added.stdout).toMatch(new RegExp(`^added ${email}: reporter of IOM \\(user \\d+\\)\\n$`))

    const again = await user(['add', '--email', email, '--role', 'admin', '--agency', 'A brand new agency'], {
      CROSSWATCH_PASSWORD: first,
    })
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(
      new RegExp(`crosswatch user: a user with the email ${email} exists already\\n$`),
    )

    await inDatabase(async (opened) => {
      const signedIn = await signIn(opened, email, first)
      expect(signedIn.status).toBe(200)
      expect(signedIn.body.user).toMatchObject({ email, role: 'reporter', name: 'Agadez team' })
      expect((await signIn(opened, email, 'not the password at all')).status).toBe(401)
      const [counts] = await opened.rows<{ users: number; agencies: number }>(sql`
        SELECT (SELECT count(*)::int FROM users WHERE email = ${email}) AS users,
               (SELECT count(*)::int FROM agencies WHERE name = 'A brand new agency') AS agencies`)
      expect(counts).toEqual({ users: 1, agencies: 0 })
    })
  }, 300_000)

  it('types the password on a terminal', async () => {
    const typed = 'typed on the terminal, twice'
    const { code, screen } = await runUserInTerminal(
      ['add', '--email', `typed-${engine}@crosswatch.example`, '--role', 'viewer', '--agency', 'IOM'],
      database.handle.env,
      [
        { prompt: 'Password for', line: typed },
        { prompt: 'The same password again: ', line: typed },
      ],
    )
    expect(screen).not.toContain('typed on the terminal')
    expect(code, screen).toBe(0)
    await inDatabase(async (opened) => {
      expect((await signIn(opened, `typed-${engine}@crosswatch.example`, typed)).status).toBe(200)
    })
  }, 300_000)

  it('changes the role and the password, makes and revokes device tokens, disables and enables', async () => {
    const steps: [string[], Record<string, string>, RegExp][] = [
      [['set-role', '--email', email, '--role', 'coordinator'], {}, /is now coordinator \(was reporter\)/],
      [['passwd', '--email', email], { CROSSWATCH_PASSWORD: second }, /has a new password/],
      [['device', 'add', '--email', email, '--label', 'Agadez phone 1'], {}, /^[\w-]{43}\n$/],
      [['device', 'add', '--email', email, '--label', 'Agadez phone 2'], {}, /^[\w-]{43}\n$/],
      [
        ['device', 'revoke', '--email', email, '--label', 'Agadez phone 1'],
        {},
        /revoked device token \d+ "Agadez phone 1"/,
      ],
      [['device', 'revoke', '--email', email, '--label', 'Agadez phone 1'], {}, /^$/], // refused: none live
      [['device', 'list', '--email', email], {}, /Agadez phone 1 .* revoked\n.*Agadez phone 2 .* live\n$/],
      [['list'], {}, new RegExp(`${email}\\s+coordinator\\s+IOM\\s+Agadez team\\s+active`)],
    ]
    const outputs: Result[] = []
    for (const [args, env, expected] of steps) {
      const result = await user(args, env)
      expect(result.stdout, `${args.join(' ')}: ${result.stderr}`).toMatch(expected)
      outputs.push(result)
    }
    expect(outputs.map((o) => o.code)).toEqual([0, 0, 0, 0, 0, 1, 0, 0])
    expect(outputs[5]?.stderr).toContain(`${email} has no live device labelled "Agadez phone 1"`)
    const [revokedToken = '', liveToken = ''] = [outputs[2], outputs[3]].map((o) => o?.stdout.trim() ?? '')
    expect(outputs[2]?.stderr).toContain('shown only this once')

    await inDatabase(async (opened) => {
      expect((await signIn(opened, email, first)).status).toBe(401)
      const signedIn = await signIn(opened, email, second)
      expect(signedIn.body.user?.role).toBe('coordinator')
      expect((await me(opened, revokedToken)).status).toBe(401)
      expect(await me(opened, liveToken)).toMatchObject({
        status: 200,
        body: { kind: 'device', role: 'coordinator' },
      })
    })

    const disabled = await user(['disable', '--email', email])
    expect(disabled.code).toBe(0)
    await inDatabase(async (opened) => {
      expect((await signIn(opened, email, second)).status).toBe(401)
      expect((await me(opened, liveToken)).status).toBe(401)
    })
    const refusedDevice = await user(['device', 'add', '--email', email, '--label', 'while disabled'])
    expect(refusedDevice.code).toBe(1)
    expect(refusedDevice.stderr).toContain('is disabled: enable the account first')
    const enabled = await user(['enable', '--email', email])
    expect(enabled.stdout).toContain('device tokens revoked while disabled stay revoked')
    const unknown = await user(['set-role', '--email', 'nobody@crosswatch.example', '--role', 'admin'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('no user has the email nobody@crosswatch.example')
    await inDatabase(async (opened) => {
      expect((await signIn(opened, email, second)).status).toBe(200)
      expect((await me(opened, liveToken)).status).toBe(401)
    })

    // Every change above is in the account's history, newest first, made by the operator (no actor).
    const history = [
      'enabled',
      'device-revoked', // Agadez phone 2, by disabling
      'disabled',
      'device-revoked', // Agadez phone 1
      'device-added',
      'device-added',
      'password',
      'changed',
      'added',
    ]
    const audit = await user(['audit', '--email', email])
    expect(audit.code, audit.stderr).toBe(0)
    const [header, ...lines] = audit.stdout.trimEnd().split('\n')
    expect(header).toMatch(/^at\s+action\s+by\s+change$/)
    expect(lines.map((line) => line.split(/\s+/)[1])).toEqual(history)
    expect(lines.every((line) => /^\S+\s+\S+\s+operator\b/.test(line))).toBe(true)
    expect(lines[7]).toMatch(/role: reporter → coordinator$/)
    expect(lines[1]).toMatch(/device: \d+, label: Agadez phone 2$/)
    const secrets = [first, second, revokedToken, liveToken]
    for (const secret of secrets) expect(audit.stdout).not.toContain(secret)
    await inDatabase(async (opened) => {
      const rows = await opened.rows<{ action: string; actorId: number | null; text: string }>(
        sql`SELECT l.action, l.actor_id AS "actorId", concat_ws(' ', l.before::text, l.after::text) AS text
            FROM user_audit l JOIN users u ON u.id = l.user_id WHERE u.email = ${email} ORDER BY l.id DESC`,
      )
      expect(rows.map((r) => r.action)).toEqual(history)
      expect(rows.every((r) => r.actorId === null)).toBe(true)
      for (const { text } of rows) for (const secret of secrets) expect(text).not.toContain(secret)
    })
  }, 300_000)

  it('moves a user to another agency, as only the operator may, and tells its history', async () => {
    const typed = `typed-${engine}@crosswatch.example`
    const moved = await user(['set-agency', '--email', typed, '--agency', 'Coast guard'])
    expect(moved.code, moved.stderr).toBe(0)
    expect(moved.stdout).toBe(`${typed} is now of Coast guard (was IOM)\n`)
    const audit = await user(['audit', '--email', typed])
    expect(audit.stdout).toMatch(/\n\S+\s+changed\s+operator\s+agency: IOM → Coast guard\n/)
    expect(audit.stdout).toMatch(/\n\S+\s+added\s+operator\s+email: typed-.*role: viewer, agency: IOM\n$/)
    const unknown = await user(['audit', '--email', 'nobody@crosswatch.example'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('no user has the email nobody@crosswatch.example')
  }, 300_000)

  it.runIf(engine === 'pglite')(
    'goes through the server that holds the embedded database',
    async () => {
      const server = await startServer(database.handle.env)
      const admin = `admin-${engine}@crosswatch.example`
      const password = 'the admin password, long'
      try {
        const added = await user(['add', '--email', admin, '--role', 'admin', '--agency', 'IOM'], {
          CROSSWATCH_PASSWORD: password,
        })
        expect(added.code, added.stderr).toBe(0)
        expect(added.stderr).toContain(`the server at ${server.url} holds the database: going through it`)
        expect(added.stdout).toMatch(new RegExp(`^added ${admin}: admin of IOM`))

        const login = await fetch(new URL('api/auth/login', server.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: admin, password }),
        })
        expect(login.status).toBe(200)

        const taken = await user(['add', '--email', admin, '--role', 'viewer', '--agency', 'Elsewhere'], {
          CROSSWATCH_PASSWORD: password,
        })
        expect(taken.code).toBe(1)
        expect(taken.stderr).toContain(`the server refused: a user with the email ${admin} exists already`)

        const device = await user(['device', 'add', '--email', admin, '--label', 'wall screen'])
        expect(device.code, device.stderr).toBe(0)
        const who = await fetch(new URL('api/auth/me', server.url), {
          headers: { authorization: `Bearer ${device.stdout.trim()}` },
        })
        expect(await who.json()).toMatchObject({ kind: 'device', email: admin, role: 'admin' })

        const listed = await user(['list'])
        expect(listed.stdout).toMatch(new RegExp(`${admin}\\s+admin\\s+IOM`))

        // The local token is the operator's too: the server records its changes with no actor.
        const moved = await user(['set-agency', '--email', admin, '--agency', 'Coast guard'])
        expect(moved.stdout).toContain(`${admin} is now of Coast guard (was IOM)`)
        const audit = await user(['audit', '--email', admin])
        expect(audit.code, audit.stderr).toBe(0)
        expect(audit.stdout.split('\n').map((line) => line.split(/\s+/).slice(1, 3).join(' '))).toEqual([
          'action by',
          'changed operator',
          'device-added operator',
          'added operator',
          '',
        ])
      } finally {
        await server.stop()
      }
      await inDatabase(async (opened) => {
        const made = await opened.rows(sql`SELECT id FROM agencies WHERE name = 'Elsewhere'`)
        expect(made).toEqual([]) // the refused add left nothing behind
        const actors = await opened.rows<{ actorId: number | null }>(
          sql`SELECT l.actor_id AS "actorId" FROM user_audit l JOIN users u ON u.id = l.user_id
              WHERE u.email = ${admin}`,
        )
        expect(actors).toEqual([{ actorId: null }, { actorId: null }, { actorId: null }])
      })
    },
    300_000,
  )
})
