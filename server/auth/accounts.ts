// The SQL of agencies, users and their tokens (sessions and device tokens), in one place.
import { createHash, randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { Database } from '../../db/client.ts'
import { hashPassword } from './passwords.ts'
import type { Principal, Role } from './roles.ts'

/** How long a session lasts without use; each use within it extends it. @default 30 days */
export const SESSION_DAYS = 30

export interface Agency {
  id: number
  code: string
  name: string
}

export interface User {
  id: number
  email: string
  name: string
  role: Role
  agency: Agency
  createdAt: string
  disabled: boolean
}

export interface DeviceToken {
  id: number
  userId: number
  label: string
  createdAt: string
  lastUsedAt: string | null
  revoked: boolean
}

export class AccountError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message)
  }
}

type Rows = Pick<Database, 'rows'>

const USER_COLUMNS = sql`u.id, u.email, u.name, u.role,
  to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt",
  u.disabled_at IS NOT NULL AS disabled,
  json_build_object('id', a.id, 'code', a.code, 'name', a.name) AS agency`

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

export async function listAgencies(database: Rows): Promise<Agency[]> {
  return database.rows<Agency & Record<string, unknown>>(
    sql`SELECT id, code, name FROM agencies ORDER BY name`,
  )
}

export interface NewUser {
  email: string
  password: string
  role: Role
  agency: string
  name?: string | undefined
}

/** Adds a user (and their agency when new); an AccountError when the email is taken. */
export async function addUser(database: Rows, input: NewUser): Promise<User> {
  const email = input.email.trim().toLowerCase()
  // Asked first, so a taken email does not leave a new agency behind (outside a transaction it would).
  const [taken] = await database.rows(sql`SELECT 1 FROM users WHERE email = ${email}`)
  if (taken) throw new AccountError('email', `a user with the email ${email} exists already`)
  const agency = await ensureAgency(database, input.agency)
  const passwordHash = await hashPassword(input.password)
  const [row] = await database.rows<{ id: number }>(
    sql`INSERT INTO users (email, name, agency_id, role, password_hash)
        VALUES (${email}, ${input.name ?? ''}, ${agency.id}, ${input.role}::role, ${passwordHash})
        ON CONFLICT (email) DO NOTHING RETURNING id`,
  )
  if (!row) throw new AccountError('email', `a user with the email ${email} exists already`)
  return (await findUser(database, row.id)) as User
}

export async function findUser(database: Rows, id: number): Promise<User | null> {
  const [user] = await database.rows<User & Record<string, unknown>>(
    sql`SELECT ${USER_COLUMNS} FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.id = ${id}`,
  )
  return user ?? null
}

export async function listUsers(database: Rows): Promise<User[]> {
  return database.rows<User & Record<string, unknown>>(
    sql`SELECT ${USER_COLUMNS} FROM users u JOIN agencies a ON a.id = u.agency_id ORDER BY a.name, u.email`,
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

/** Changes a user's role, agency, name, password or whether they are disabled; null when there is no such user. */
export async function updateUser(
  database: Rows,
  id: number,
  change: { role?: Role; agency?: string; name?: string; password?: string; disabled?: boolean },
): Promise<User | null> {
  const agency = change.agency === undefined ? null : await ensureAgency(database, change.agency)
  const passwordHash = change.password === undefined ? null : await hashPassword(change.password)
  const disabled = change.disabled ?? null
  const updated = await database.rows<{ id: number }>(
    sql`UPDATE users SET
          role = coalesce(${change.role ?? null}::role, role),
          agency_id = coalesce(${agency?.id ?? null}::int, agency_id),
          name = coalesce(${change.name ?? null}::text, name),
          password_hash = coalesce(${passwordHash}::text, password_hash),
          disabled_at = CASE WHEN ${disabled}::boolean IS NULL THEN disabled_at
                             WHEN ${disabled}::boolean THEN coalesce(disabled_at, now()) ELSE NULL END
        WHERE id = ${id} RETURNING id`,
  )
  if (!updated.length) return null
  // A new password or a disabled account ends every session (device tokens stay unless disabled).
  if (passwordHash || disabled)
    await database.rows(
      sql`UPDATE auth_tokens SET revoked_at = now()
          WHERE user_id = ${id} AND revoked_at IS NULL AND (kind = 'session' OR ${disabled === true})`,
    )
  return findUser(database, id)
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

export async function createDeviceToken(
  database: Rows,
  userId: number,
  label: string,
): Promise<{ token: string; device: DeviceToken }> {
  const token = newToken()
  const [device] = await database.rows<DeviceToken & Record<string, unknown>>(
    sql`INSERT INTO auth_tokens (user_id, kind, token_hash, label)
        VALUES (${userId}, 'device', ${tokenHash(token)}, ${label})
        RETURNING ${DEVICE_COLUMNS}`,
  )
  if (!device) throw new Error('the device token was not stored')
  return { token, device }
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

/** Revokes a device token; false when there is no such device token. */
export async function revokeDeviceToken(database: Rows, id: number): Promise<boolean> {
  const rows = await database.rows(
    sql`UPDATE auth_tokens SET revoked_at = coalesce(revoked_at, now())
        WHERE id = ${id} AND kind = 'device' RETURNING id`,
  )
  return rows.length > 0
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
    agency: { id: number; code: string; name: string }
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
