// The SQL of tokens: sessions (made at login, extended by use) and device tokens (long-lived, one per field
// device), and the principal a live token stands for. Only a token's SHA-256 is stored.
import { createHash, randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { AGENCY_JSON, lockUser } from './accounts.ts'
import {
  AccountError,
  type Actor,
  audit,
  inTransaction,
  OPERATOR,
  type Rows,
  type Transactional,
} from './changes.ts'
import type { Principal, Role } from './roles.ts'
import type { Agency, DeviceToken } from './schemas.ts'

/** How long a session lasts without use; each use within it extends it. @default 30 days */
export const SESSION_DAYS = 30

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

export async function endSession(database: Rows, tokenId: number): Promise<void> {
  await database.rows(
    sql`UPDATE auth_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = ${tokenId}`,
  )
}

/**
 * The user a token belongs to, when it is live (not revoked, not expired, user enabled). A session's expiry
 * and a token's last use are moved on at most once a minute, so a busy wall screen does not write per request;
 * never with `touch: false` (a standby, which takes no writes).
 */
export async function principalFor(
  database: Rows,
  token: string,
  { touch = true } = {},
): Promise<Principal | null> {
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
               u.id AS "userId", u.email, u.name, u.role, ${AGENCY_JSON}
        FROM auth_tokens t JOIN users u ON u.id = t.user_id JOIN agencies a ON a.id = u.agency_id
        WHERE t.token_hash = ${tokenHash(token)} AND t.revoked_at IS NULL
          AND (t.expires_at IS NULL OR t.expires_at > now()) AND u.disabled_at IS NULL`,
  )
  if (!row) return null
  if (row.stale && touch)
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
