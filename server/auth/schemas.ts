// What sign-in and accounts look like on the wire: the zod schemas of /api/auth and /api/users answers.
// Their types (z.infer) are the ones the server builds and the web reads (type-only imports).
import { z } from '@hono/zod-openapi'
import { ROLES } from '../../db/vocabulary.ts'

const id = z.number().int()
/** `2026-11-30T09:15:00Z`, UTC. */
const instant = z.string().openapi({ format: 'date-time', example: '2026-11-30T09:15:00Z' })

export const agencySchema = z.object({ id, code: z.string(), name: z.string() }).openapi('Agency')
export type Agency = z.infer<typeof agencySchema>

const roleSchema = z
  .enum(ROLES)
  .openapi('Role', { description: 'ranked: each may do what those before it may' })

export const userSchema = z
  .object({
    id,
    email: z.string(),
    name: z.string(),
    role: roleSchema,
    agency: agencySchema,
    createdAt: instant,
    disabled: z.boolean(),
  })
  .openapi('User')
export type User = z.infer<typeof userSchema>

/** Who is signed in, as GET /api/auth/me answers: a user, a device of theirs, or the local token. */
export const meSchema = z
  .object({
    /** Null for the local token: it acts for the machine's operator, not for a user. */
    id: id.nullable(),
    email: z.string(),
    name: z.string(),
    role: roleSchema,
    agency: agencySchema.nullable(),
    kind: z.enum(['session', 'device', 'local']),
  })
  .openapi('Me')
export type Me = z.infer<typeof meSchema>

export const loginResponseSchema = z
  .object({
    token: z.string().openapi({ description: 'a Bearer token for scripts; the browser uses the cookie' }),
    user: userSchema,
  })
  .openapi('Login')
export type LoginResponse = z.infer<typeof loginResponseSchema>

export const usersSchema = z
  .object({ users: z.array(userSchema), agencies: z.array(agencySchema) })
  .openapi('Users')

export const deviceTokenSchema = z
  .object({
    id,
    userId: id,
    label: z.string(),
    createdAt: instant,
    lastUsedAt: instant.nullable(),
    revoked: z.boolean(),
  })
  .openapi('DeviceToken')
export type DeviceToken = z.infer<typeof deviceTokenSchema>

export const devicesSchema = z.object({ devices: z.array(deviceTokenSchema) }).openapi('DeviceTokens')

export const newDeviceTokenSchema = z
  .object({
    token: z.string().openapi({ description: 'shown once, here: only its hash is kept' }),
    device: deviceTokenSchema,
  })
  .openapi('NewDeviceToken')

const AUDIT_ACTIONS = [
  'added',
  'changed',
  'password',
  'disabled',
  'enabled',
  'device-added',
  'device-revoked',
] as const

const change = z.record(z.string(), z.unknown()).nullable()

export const userAuditEntrySchema = z
  .object({
    at: z.string().openapi({ format: 'date-time' }),
    /** Who made the change; null for the machine's operator. */
    actor: z.object({ id, name: z.string(), email: z.string() }).nullable(),
    action: z.enum(AUDIT_ACTIONS),
    before: change,
    after: change,
  })
  .openapi('UserAuditEntry')
export type AuditEntry = z.infer<typeof userAuditEntrySchema>
export type AuditAction = AuditEntry['action']

export const userAuditSchema = z.object({ audit: z.array(userAuditEntrySchema) }).openapi('UserAudit')
