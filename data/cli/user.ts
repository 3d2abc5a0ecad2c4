// `npm run user -- <command>`: adds and changes accounts in the database the server uses (DATABASE_URL /
// CROSSWATCH_DATA_DIR), or through the running server when it holds the embedded database.
import { parseArgs } from 'node:util'
import { openDatabase } from '../../db/client.ts'
import { ROLES, type Role } from '../../db/vocabulary.ts'
import { agencyCode } from '../../server/auth/accounts.ts'
import { passwordProblem } from '../../server/auth/passwords.ts'
import type { User } from '../../server/auth/schemas.ts'
import { loadConfig } from '../../server/config.ts'
import { readServerFile } from '../../server/imports.ts'
import { newUserSchema } from '../../server/users.ts'
import { type Accounts, databaseAccounts, Refused, serverAccounts } from './accounts.ts'
import { runCommand, UsageError } from './command.ts'
import { askHidden } from './prompt.ts'
import { auditTable, devicesTable, usersTable } from './user-tables.ts'

const USAGE = `usage: npm run user -- <command> [options]

commands:
  add --email E --role R --agency A [--name N]   add a user (the agency is made when new)
  list                                            every user, by agency
  set-role --email E --role R                     change a user's role
  set-agency --email E --agency A                 move a user to another agency (made when new)
  disable --email E                               sign them out everywhere and refuse their sign-ins
  enable --email E                                let them sign in again
  passwd --email E                                set a new password (their sessions end)
  device add --email E --label L                  make a field device's token; printed once
  device list --email E                           their device tokens
  device revoke --email E (--device ID | --label L)   the device's token stops working at once
  audit --email E                                 every change of their account, newest first

roles, each may do what the ones before it may: ${ROLES.join(', ')}
The password (add, passwd) comes from CROSSWATCH_PASSWORD, or is asked twice when run in a terminal;
at least 12 characters.

The database is the server's: DATABASE_URL, or the embedded one in CROSSWATCH_DATA_DIR (.crosswatch).
When a server holds the embedded database, the change goes through it. Either way it acts as the
machine's operator, for every agency, and its changes are in the audit with no user as their author.
exit codes: 0 done, 1 refused (e.g. the email is taken) or failed, 2 wrong usage or a value not allowed;
nothing is changed unless it exits 0`

/** A value that is not allowed (a role, a password): one line, exit 2. */
const invalid = (message: string) => new UsageError(message, { usage: false })

type Flag = 'email' | 'role' | 'agency' | 'name' | 'label' | 'device'

/** Each command's options: required ones first, then `?` for optional ones. */
const COMMANDS: Record<string, { required: Flag[]; optional?: Flag[] }> = {
  add: { required: ['email', 'role', 'agency'], optional: ['name'] },
  list: { required: [] },
  'set-role': { required: ['email', 'role'] },
  'set-agency': { required: ['email', 'agency'] },
  disable: { required: ['email'] },
  enable: { required: ['email'] },
  passwd: { required: ['email'] },
  'device add': { required: ['email', 'label'] },
  'device list': { required: ['email'] },
  'device revoke': { required: ['email'], optional: ['device', 'label'] },
  audit: { required: ['email'] },
}

interface Command {
  name: string
  options: Partial<Record<Flag, string>>
}

function parseCommand(argv: string[]): Command | 'help' {
  const flags = {
    email: { type: 'string' },
    role: { type: 'string' },
    agency: { type: 'string' },
    name: { type: 'string' },
    label: { type: 'string' },
    device: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  } as const
  let parsed: ReturnType<typeof parseArgs<{ options: typeof flags; allowPositionals: true }>>
  try {
    parsed = parseArgs({ args: argv, options: flags, allowPositionals: true })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const { help, ...options } = parsed.values
  if (help) return 'help'
  const words = parsed.positionals
  if (!words.length) throw new UsageError('give a command')
  const name = words[0] === 'device' ? words.slice(0, 2).join(' ') : (words[0] as string)
  const spec = COMMANDS[name]
  if (!spec)
    throw new UsageError(
      words[0] === 'device' ? 'device takes add, list or revoke' : `unknown command ${words[0]}`,
    )
  const extra = words.slice(name.split(' ').length)
  if (extra.length) throw new UsageError(`${name} takes no ${extra.join(' ')}`)
  const allowed = new Set<string>([...spec.required, ...(spec.optional ?? [])])
  for (const [flag, value] of Object.entries(options)) {
    if (!allowed.has(flag)) throw new UsageError(`${name} takes no --${flag}`)
    if (!value?.trim()) throw new UsageError(`--${flag} is empty`)
  }
  const missing = spec.required.filter((flag) => options[flag] === undefined)
  if (missing.length) throw new UsageError(`${name} needs ${missing.map((f) => `--${f}`).join(', ')}`)
  if (name === 'device revoke' && (options.device === undefined) === (options.label === undefined))
    throw new UsageError('device revoke needs --device ID or --label L (one of them)')
  return { name, options }
}

/** Checks what the command was given before anything is opened, with the server's own rules. */
function validate({ name, options }: Command) {
  if (options.email !== undefined && !newUserSchema.shape.email.safeParse(options.email).success)
    throw invalid(`--email ${options.email}: expected an email address`)
  if (options.role !== undefined && !ROLES.includes(options.role as Role))
    throw invalid(`--role ${options.role}: expected one of ${ROLES.join(', ')}`)
  if (options.agency !== undefined && (!agencyCode(options.agency) || options.agency.length > 120))
    throw invalid(`--agency ${options.agency}: expected the agency’s name or short code, e.g. IOM`)
  if (options.name !== undefined && options.name.length > 200) throw invalid('--name: at most 200 characters')
  if (options.label !== undefined && options.label.trim().length > 200)
    throw invalid('--label: at most 200 characters')
  if (name === 'device revoke' && options.device !== undefined && !/^\d{1,9}$/.test(options.device))
    throw invalid(`--device ${options.device}: expected the device token's id (device list shows them)`)
}

/** The new password: CROSSWATCH_PASSWORD, or typed twice on a terminal; refused when too weak. */
async function newPassword(email: string): Promise<string> {
  const given = process.env.CROSSWATCH_PASSWORD
  if (given) return strongEnough(given)
  if (!process.stdin.isTTY)
    throw invalid(
      'no password: set CROSSWATCH_PASSWORD, or run this in a terminal to type it (nothing was changed)',
    )
  // Told before the second prompt, so a person does not type a weak one twice.
  const typed = strongEnough(await askHidden(`Password for ${email}: `))
  if ((await askHidden('The same password again: ')) !== typed)
    throw new Refused('the two passwords differ; nothing was changed')
  return typed
}

function strongEnough(password: string): string {
  const problem = passwordProblem(password)
  if (problem) throw invalid(`the password is too weak: ${problem}; nothing was changed`)
  return password
}

/** The accounts of the server's database: opened here, or through the server that holds it. */
async function openAccounts(): Promise<Accounts> {
  const config = loadConfig()
  if (config.databaseUrl)
    return databaseAccounts(
      await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir }),
      'the database',
    )
  const server = readServerFile(config.dataDir)
  if (server) {
    note(`the server at ${server.url} holds the database: going through it`)
    return serverAccounts(server)
  }
  note(`opening the embedded database in ${config.dataDir}/`)
  return databaseAccounts(await openDatabase({ dataDir: config.dataDir }), 'the embedded database')
}

async function userByEmail(accounts: Accounts, email: string): Promise<User> {
  const wanted = email.trim().toLowerCase()
  const user = (await accounts.list()).find((u) => u.email === wanted)
  if (!user) throw new Refused(`no user has the email ${wanted} (npm run user -- list shows them)`)
  return user
}

function note(line: string) {
  console.error(`crosswatch user: ${line}`)
}

async function change({ name, options }: Command, accounts: Accounts, password: string | undefined) {
  const email = options.email as string
  if (name === 'add') {
    const user = await accounts.add({
      email,
      password: password as string,
      role: options.role as Role,
      agency: options.agency as string,
      name: options.name?.trim(),
    })
    console.log(`added ${user.email}: ${user.role} of ${user.agency.name} (user ${user.id})`)
    return
  }
  if (name === 'list') {
    console.log(usersTable(await accounts.list()))
    return
  }
  const user = await userByEmail(accounts, email)
  switch (name) {
    case 'set-role': {
      const changed = await accounts.update(user.id, { role: options.role as Role })
      console.log(`${changed.email} is now ${changed.role} (was ${user.role})`)
      break
    }
    case 'set-agency': {
      const changed = await accounts.update(user.id, { agency: options.agency as string })
      console.log(`${changed.email} is now of ${changed.agency.name} (was ${user.agency.name})`)
      break
    }
    case 'audit':
      console.log(auditTable(user.email, await accounts.audit(user.id)))
      break
    case 'disable':
      await accounts.update(user.id, { disabled: true })
      console.log(`${user.email} is disabled: their sessions and device tokens no longer work`)
      break
    case 'enable':
      await accounts.update(user.id, { disabled: false })
      console.log(
        `${user.email} may sign in again${user.disabled ? ' (device tokens revoked while disabled stay revoked)' : ''}`,
      )
      break
    case 'passwd':
      await accounts.update(user.id, { password })
      console.log(`${user.email} has a new password; their sessions have ended`)
      break
    case 'device add': {
      const { token, device } = await accounts.addDevice(user.id, (options.label as string).trim())
      note(
        `device token ${device.id} "${device.label}" of ${user.email}; it is shown only this once: ` +
          'give it to the device as its Bearer token',
      )
      console.log(token)
      break
    }
    case 'device list':
      console.log(devicesTable(user.email, await accounts.devices(user.id)))
      break
    case 'device revoke': {
      const devices = await accounts.devices(user.id)
      const wanted = options.label?.trim()
      const matches = devices.filter((d) =>
        wanted === undefined ? d.id === Number(options.device) : d.label === wanted && !d.revoked,
      )
      if (matches.length > 1)
        throw new Refused(
          `${user.email} has ${matches.length} live devices labelled "${wanted}" (ids ${matches.map((d) => d.id).join(', ')}): give --device ID`,
        )
      const device = matches[0]
      if (!device)
        throw new Refused(
          `${user.email} has no ${wanted === undefined ? `device token ${options.device}` : `live device labelled "${wanted}"`} (device list shows them)`,
        )
      await accounts.revokeDevice(user.id, device.id)
      console.log(`revoked device token ${device.id} "${device.label}" of ${user.email}`)
      break
    }
  }
}

/** The command, checked before anything is opened with the server's own rules. */
function parse(argv: string[]): Command | 'help' {
  const command = parseCommand(argv)
  if (command !== 'help') validate(command)
  return command
}

async function run(command: Command): Promise<number> {
  loadConfig() // a wrong environment is told before a password is asked for
  let password: string | undefined
  if (command.name === 'add' || command.name === 'passwd') {
    password = await newPassword(command.options.email as string)
  }
  const accounts = await openAccounts()
  try {
    await change(command, accounts, password)
  } finally {
    await accounts.close()
  }
  return 0
}

runCommand({ name: 'user', usage: USAGE, parse, run })
