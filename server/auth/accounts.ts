// The SQL of agencies, users and their tokens (sessions and device tokens), in one place. Every change of an
// account is written to the append-only user_audit in the transaction that makes it, and reaches only the
// users its actor may: an agency's admin, that agency's; the machine's operator, every agency's.
import { createHash, randomBytes } from 'node:crypto'
import { type SQL, sql } from 'drizzle-orm'
import type { Database } from '../../db/client.ts'
import { txRows } from '../../db/rows.ts'
import { hashPassword } from './passwords.ts'
import type { Principal, Role } from './roles.ts'
import type { Agency, AuditAction, AuditEntry, DeviceToken, User } from './schemas.ts'

/** How long a session lasts without use; each use within it extends it. @default 30 days */
export const SESSION_DAYS = 30

export type { Agency, AuditAction, AuditEntry, DeviceToken, User } from './schemas.ts'

/**
 * Who changes an account: an agency's admin, who reaches the users of their own agency only, or the
 * machine's operator (the local token, `npm run user` on the database), who reaches every agency's.
 */
export type Actor = { userId: number; agencyId: number } | { userId: null; agencyId: null }

export const OPERATOR: Actor = Object.freeze({ userId: null, agencyId: null })

/**
 * A change refused: `absent` (no such user, or none the actor may reach: the two look the same),
 * `invalid` (a value not allowed), `forbidden` (not for this actor), `conflict` (not in this state).
 */
export type Refusal = 'absent' | 'invalid' | 'forbidden' | 'conflict'

export class AccountError extends Error {
  constructor(
    /** The field at fault, or null when it is the account as a whole. */
    readonly field: string | null,
    message: string,
    readonly refusal: Refusal = 'invalid',
  ) {
    super(message)
  }
}

type Rows = Pick<Database, 'rows'>
/** What a change runs on: a database that opens transactions (the app's runs them as its caller). */
type Transactional = Pick<Database, 'db'>

/** Runs `work` in one transaction, so that a change and its audit rows land together or not at all. */
function inTransaction<T>(database: Transactional, work: (rows: Rows) => Promise<T>): Promise<T> {
  return database.db.transaction((tx) =>
    work({ rows: <R extends Record<string, unknown>>(query: SQL) => txRows<R>(tx, query) }),
  )
}

const USER_COLUMNS = sql`u.id, u.email, u.name, u.role,
  to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt",
  u.disabled_at IS NOT NULL AS disabled,
  json_build_object('id', a.id, 'code', a.code, 'name', a.name) AS agency`

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
export async function ensureAgency(database: Rows, nameOrCode: string): Promise<Agency> {
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
async function lockUser(rows: Rows, id: number, actor: Actor) {
  const [user] = await rows.rows<{
    id: number
    email: string
    role: Role
    name: string
    disabled: boolean
    agency: Agency
  }>(
    sql`SELECT u.id, u.email, u.role, u.name, u.disabled_at IS NOT NULL AS disabled,
               json_build_object('id', a.id, 'code', a.code, 'name', a.name) AS agency
        FROM users u JOIN agencies a ON a.id = u.agency_id
        WHERE u.id = ${id} AND ${inAgency(actor.agencyId)} FOR UPDATE OF u`,
  )
  if (!user) throw new AccountError('id', `no user ${id}`, 'absent')
  return user
}

/** A new random token: 32 bytes, base64url. Only its SHA-256 is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export async function createSession(database: Rows, userId: number): Promise<string> {
  const token = newToken()
  await database.rows(
    sql`INSERT INTO auth_tokens (user_id, kind, token_hash, expires_at, last_used_at)
        VALUES (${userId}, 'session', ${tokenHash(token)}, now() + make_interval(days => ${SESSION_DAYS}), now())`,
  )
  return token
}

/**
 * Makes a long-lived token for a user's device; the token is returned once, and only its hash is kept.
 * Refused for a user the actor cannot reach, or one who is disabled.
 */
export async function createDeviceToken(
  database: Transactional,
  userId: number,
  label: string,
  actor: Actor = OPERATOR,
): Promise<{ token: string; device: DeviceToken }> {
  const token = newToken()
  return inTransaction(database, async (rows) => {
    const user = await lockUser(rows, userId, actor)
    if (user.disabled)
      throw new AccountError(null, `${user.email} is disabled: enable the account first`, 'conflict')
    const [device] = await rows.rows<DeviceToken & Record<string, unknown>>(
      sql`INSERT INTO auth_tokens (user_id, kind, token_hash, label)
          VALUES (${userId}, 'device', ${tokenHash(token)}, ${label})
          RETURNING ${DEVICE_COLUMNS}`,
    )
    if (!device) throw new Error('the device token was not stored')
    // The label and the token's id, never the token.
    await audit(rows, userId, actor, 'device-added', null, { device: device.id, label: device.label })
    return { token, device }
  })
}

const DEVICE_COLUMNS = sql`id, user_id AS "userId", label,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt",
  to_char(last_used_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "lastUsedAt",
  revoked_at IS NOT NULL AS revoked`

export async function listDeviceTokens(database: Rows, userId: number): Promise<DeviceToken[]> {
  return database.rows<DeviceToken & Record<string, unknown>>(
    sql`SELECT ${DEVICE_COLUMNS} FROM auth_tokens WHERE user_id = ${userId} AND kind = 'device' ORDER BY id`,
  )
}

/**
 * Revokes one of a user's device tokens. Refused (absent) when the actor cannot reach the user or the user
 * has no such device token; a token revoked already stays as it is, with no new audit row.
 */
export async function revokeDeviceToken(
  database: Transactional,
  userId: number,
  deviceId: number,
  actor: Actor = OPERATOR,
): Promise<void> {
  await inTransaction(database, async (rows) => {
    await lockUser(rows, userId, actor)
    const [device] = await rows.rows<{ label: string; revoked: boolean }>(
      sql`SELECT label, revoked_at IS NOT NULL AS revoked FROM auth_tokens
          WHERE id = ${deviceId} AND user_id = ${userId} AND kind = 'device' FOR UPDATE`,
    )
    if (!device) throw new AccountError('device', `user ${userId} has no device token ${deviceId}`, 'absent')
    if (device.revoked) return
    await rows.rows(sql`UPDATE auth_tokens SET revoked_at = now() WHERE id = ${deviceId}`)
    await audit(rows, userId, actor, 'device-revoked', { device: deviceId, label: device.label }, null)
  })
}

/** Appends one row to the account's history, in the caller's transaction. */
async function audit(
  rows: Rows,
  userId: number,
  actor: Actor,
  action: AuditAction,
  before: Record<string, unknown> | null = null,
  after: Record<string, unknown> | null = null,
): Promise<void> {
  const json = (value: Record<string, unknown> | null) => (value === null ? null : JSON.stringify(value))
  await rows.rows(
    sql`INSERT INTO user_audit (user_id, actor_id, action, before, after)
        VALUES (${userId}, ${actor.userId}::int, ${action}, ${json(before)}::jsonb, ${json(after)}::jsonb)`,
  )
}

/** The history of a user's account, newest first. */
export async function listAudit(database: Rows, userId: number): Promise<AuditEntry[]> {
  return database.rows<AuditEntry & Record<string, unknown>>(
    sql`SELECT to_char(l.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
               CASE WHEN a.id IS NOT NULL
                 THEN json_build_object('id', a.id, 'name', a.name, 'email', a.email) END AS actor,
               l.action, l.before, l.after
        FROM user_audit l LEFT JOIN users a ON a.id = l.actor_id
        WHERE l.user_id = ${userId} ORDER BY l.at DESC, l.id DESC`,
  )
}

export async function endSession(database: Rows, tokenId: number): Promise<void> {
  await database.rows(
    sql`UPDATE auth_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = ${tokenId}`,
  )
}

/**
 * The user a token belongs to, when it is live (not revoked, not expired, user enabled). A session's expiry
 * and a token's last use are moved on at most once a minute, so a busy wall screen does not write per request.
 */
export async function principalFor(database: Rows, token: string): Promise<Principal | null> {
  const [row] = await database.rows<{
    tokenId: number
    kind: 'session' | 'device'
    stale: boolean
    userId: number
    email: string
    name: string
    role: Role
    agency: Agency
  }>(
    sql`SELECT t.id AS "tokenId", t.kind, (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute') AS stale,
               u.id AS "userId", u.email, u.name, u.role,
               json_build_object('id', a.id, 'code', a.code, 'name', a.name) AS agency
        FROM auth_tokens t JOIN users u ON u.id = t.user_id JOIN agencies a ON a.id = u.agency_id
        WHERE t.token_hash = ${tokenHash(token)} AND t.revoked_at IS NULL
          AND (t.expires_at IS NULL OR t.expires_at > now()) AND u.disabled_at IS NULL`,
  )
  if (!row) return null
  if (row.stale)
    await database.rows(
      sql`UPDATE auth_tokens SET last_used_at = now(),
            expires_at = CASE WHEN kind = 'session' THEN now() + make_interval(days => ${SESSION_DAYS}) END
          WHERE id = ${row.tokenId}`,
    )
  return {
    kind: row.kind,
    userId: row.userId,
    email: row.email,
    name: row.name,
    role: row.role,
    agencyId: row.agency.id,
    agency: row.agency,
    tokenId: row.tokenId,
  }
}
