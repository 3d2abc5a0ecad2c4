// The SQL of agencies and users, and the rules of who may change a user. Each change runs through changes.ts:
// one transaction with its audit row, reaching only the users its actor may. Sessions and device tokens are
// in tokens.ts.
import { sql } from 'drizzle-orm'
import {
  AccountError,
  type Actor,
  audit,
  inTransaction,
  OPERATOR,
  type Rows,
  type Transactional,
} from './changes.ts'
import { hashPassword } from './passwords.ts'
import type { Role } from './roles.ts'
import type { Agency, User } from './schemas.ts'

/** A user's agency as `{ id, code, name }`, from the agencies row `a`. */
export const AGENCY_JSON = sql`json_build_object('id', a.id, 'code', a.code, 'name', a.name) AS agency`

const USER_COLUMNS = sql`u.id, u.email, u.name, u.role,
  to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt",
  u.disabled_at IS NOT NULL AS disabled, ${AGENCY_JSON}`

/** Only the users of `agencyId`, or every user when it is null (the operator). */
const inAgency = (agencyId: number | null) => (agencyId === null ? sql`true` : sql`u.agency_id = ${agencyId}`)

/** `iom` from "IOM", `guardia-costiera` from "Guardia Costiera". */
export function agencyCode(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40)
}

/** The agency whose code or name is `nameOrCode` (any case), made when there is none. */
async function ensureAgency(database: Rows, nameOrCode: string): Promise<Agency> {
  const name = nameOrCode.trim()
  const code = agencyCode(name)
  if (!code) throw new AccountError('agency', 'expected the agency’s name or short code, e.g. IOM')
  const [found] = await database.rows<Agency & Record<string, unknown>>(
    sql`SELECT id, code, name FROM agencies WHERE code = ${code} OR lower(name) = lower(${name})
        ORDER BY code = ${code} DESC LIMIT 1`,
  )
  if (found) return found
  const [made] = await database.rows<Agency & Record<string, unknown>>(
    sql`INSERT INTO agencies (code, name) VALUES (${code}, ${name})
        ON CONFLICT (code) DO UPDATE SET code = EXCLUDED.code RETURNING id, code, name`,
  )
  if (!made) throw new Error('the agency was not stored')
  return made
}

/** Every agency, or only `agencyId` (what an agency's admin sees). */
export async function listAgencies(database: Rows, agencyId: number | null = null): Promise<Agency[]> {
  return database.rows<Agency & Record<string, unknown>>(
    sql`SELECT id, code, name FROM agencies
        WHERE ${agencyId === null ? sql`true` : sql`id = ${agencyId}`} ORDER BY name`,
  )
}

export interface NewUser {
  email: string
  password: string
  role: Role
  agency: string
  name?: string | undefined
}

/**
 * Adds a user (and their agency when new, for the operator only). Refused when the email is taken, or when
 * an agency's admin names another agency; a refusal leaves nothing behind, not even a new agency.
 */
export async function addUser(
  database: Transactional,
  input: NewUser,
  actor: Actor = OPERATOR,
): Promise<User> {
  const email = input.email.trim().toLowerCase()
  // Hashed before the transaction: it takes tens of milliseconds that no lock needs to be held for.
  const passwordHash = await hashPassword(input.password)
  return inTransaction(database, async (rows) => {
    const [taken] = await rows.rows(sql`SELECT 1 FROM users WHERE email = ${email}`)
    if (taken) throw new AccountError('email', `a user with the email ${email} exists already`, 'conflict')
    const agency = await ensureAgency(rows, input.agency)
    if (actor.agencyId !== null && agency.id !== actor.agencyId)
      throw new AccountError(
        'agency',
        'an agency’s admin adds users to their own agency only (leave agency out to mean yours)',
        'forbidden',
      )
    const [row] = await rows.rows<{ id: number }>(
      sql`INSERT INTO users (email, name, agency_id, role, password_hash)
          VALUES (${email}, ${input.name ?? ''}, ${agency.id}, ${input.role}::role, ${passwordHash})
          ON CONFLICT (email) DO NOTHING RETURNING id`,
    )
    if (!row) throw new AccountError('email', `a user with the email ${email} exists already`, 'conflict')
    const user = (await findUser(rows, row.id)) as User
    await audit(rows, user.id, actor, 'added', null, {
      email: user.email,
      name: user.name,
      role: user.role,
      agency: user.agency,
    })
    return user
  })
}

/** The user `id`; null when there is none in `agencyId` (null: any agency). */
export async function findUser(
  database: Rows,
  id: number,
  agencyId: number | null = null,
): Promise<User | null> {
  const [user] = await database.rows<User & Record<string, unknown>>(
    sql`SELECT ${USER_COLUMNS} FROM users u JOIN agencies a ON a.id = u.agency_id
        WHERE u.id = ${id} AND ${inAgency(agencyId)}`,
  )
  return user ?? null
}

/** The users of `agencyId`, or of every agency when it is null. */
export async function listUsers(database: Rows, agencyId: number | null = null): Promise<User[]> {
  return database.rows<User & Record<string, unknown>>(
    sql`SELECT ${USER_COLUMNS} FROM users u JOIN agencies a ON a.id = u.agency_id
        WHERE ${inAgency(agencyId)} ORDER BY a.name, u.email`,
  )
}

export async function countUsers(database: Rows): Promise<number> {
  const [row] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM users`)
  return row?.n ?? 0
}

/** The password hash of an enabled user, for a login; undefined when there is none. */
export async function loginCandidate(
  database: Rows,
  email: string,
): Promise<{ id: number; passwordHash: string } | undefined> {
  const [row] = await database.rows<{ id: number; passwordHash: string }>(
    sql`SELECT id, password_hash AS "passwordHash" FROM users
        WHERE email = ${email.trim().toLowerCase()} AND disabled_at IS NULL`,
  )
  return row
}

export interface Change {
  role?: Role | undefined
  agency?: string | undefined
  name?: string | undefined
  password?: string | undefined
  disabled?: boolean | undefined
}

/**
 * Changes a user's role, agency, name, password or whether they are disabled, with an audit row for each
 * kind of change. An agency's admin may not move anyone to another agency (that is the operator's call),
 * nor change their own role or disable themself: either could leave their agency without an admin, which
 * only the operator could undo.
 */
export async function updateUser(
  database: Transactional,
  id: number,
  change: Change,
  actor: Actor = OPERATOR,
): Promise<User> {
  if (change.agency !== undefined && actor.agencyId !== null)
    throw new AccountError(
      'agency',
      'an agency’s admin cannot move a user to another agency: the machine’s operator does it (npm run user -- set-agency)',
      'forbidden',
    )
  if (change.disabled === true && actor.userId === id)
    throw new AccountError(
      'disabled',
      'you cannot disable yourself: another admin of your agency, or the machine’s operator, can',
      'forbidden',
    )
  const passwordHash = change.password === undefined ? null : await hashPassword(change.password)
  return inTransaction(database, async (rows) => {
    const before = await lockUser(rows, id, actor)
    if (change.role !== undefined && change.role !== before.role && actor.userId === id)
      throw new AccountError(
        'role',
        'you cannot change your own role: another admin of your agency, or the machine’s operator, can',
        'forbidden',
      )
    const agency = change.agency === undefined ? before.agency : await ensureAgency(rows, change.agency)
    const disabled = change.disabled ?? before.disabled
    await rows.rows(
      sql`UPDATE users SET role = ${change.role ?? before.role}::role, agency_id = ${agency.id}::int,
            name = ${change.name ?? before.name}::text,
            password_hash = coalesce(${passwordHash}::text, password_hash),
            disabled_at = CASE WHEN ${disabled}::boolean THEN coalesce(disabled_at, now()) END
          WHERE id = ${id}`,
    )
    const after = { role: change.role ?? before.role, agency, name: change.name ?? before.name }
    const changed = (['role', 'agency', 'name'] as const).filter((field) =>
      field === 'agency' ? after.agency.id !== before.agency.id : after[field] !== before[field],
    )
    if (changed.length)
      await audit(
        rows,
        id,
        actor,
        'changed',
        Object.fromEntries(changed.map((field) => [field, before[field]])),
        Object.fromEntries(changed.map((field) => [field, after[field]])),
      )
    // Never the password nor its hash: only that it changed.
    if (passwordHash) await audit(rows, id, actor, 'password')
    if (disabled !== before.disabled) await audit(rows, id, actor, disabled ? 'disabled' : 'enabled')
    // A new password ends every session; disabling ends every session and device token, each device with
    // a row of its own, since it stays revoked when the account is enabled again.
    if (passwordHash || (disabled && !before.disabled)) {
      const devices = await rows.rows<{ device: number; label: string }>(
        sql`UPDATE auth_tokens SET revoked_at = now()
            WHERE user_id = ${id} AND revoked_at IS NULL AND (kind = 'session' OR ${disabled}::boolean)
            RETURNING CASE WHEN kind = 'device' THEN id END AS device, label`,
      )
      for (const { device, label } of devices)
        if (device !== null) await audit(rows, id, actor, 'device-revoked', { device, label }, null)
    }
    return (await findUser(rows, id)) as User
  })
}

/** The user `id` as it stands, locked until the transaction ends; absent when the actor cannot reach it. */
export async function lockUser(rows: Rows, id: number, actor: Actor) {
  const [user] = await rows.rows<{
    id: number
    email: string
    role: Role
    name: string
    disabled: boolean
    agency: Agency
  }>(
    sql`SELECT u.id, u.email, u.role, u.name, u.disabled_at IS NOT NULL AS disabled, ${AGENCY_JSON}
        FROM users u JOIN agencies a ON a.id = u.agency_id
        WHERE u.id = ${id} AND ${inAgency(actor.agencyId)} FOR UPDATE OF u`,
  )
  if (!user) throw new AccountError('id', `no user ${id}`, 'absent')
  return user
}
