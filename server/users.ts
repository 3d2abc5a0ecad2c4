// /api/users: an agency's admin manages the users of their own agency (list and add them, change a role or
// a name, disable an account, make or revoke a field device's token, read an account's history); a user
// of another agency is a 404, as if absent. The machine's operator (the local token) reaches every agency.
// The SQL, the audit and the rules of who may change what are in server/auth/accounts.ts.
import type { Context } from 'hono'
import { Hono } from 'hono'
import { z } from 'zod'
import type { Database } from '../db/client.ts'
import {
  AccountError,
  type Actor,
  addUser,
  createDeviceToken,
  findUser,
  listAgencies,
  listAudit,
  listDeviceTokens,
  listUsers,
  OPERATOR,
  type Refusal,
  revokeDeviceToken,
  updateUser,
} from './auth/accounts.ts'
import { principalOf, requireRole } from './auth/middleware.ts'
import { MAX_PASSWORD_LENGTH, passwordProblem } from './auth/passwords.ts'
import { ROLES } from './auth/roles.ts'
import { parseWith, readJson } from './http/body.ts'
import { Problem } from './http/problem.ts'

const password = z
  .string({ error: 'expected a password' })
  .max(MAX_PASSWORD_LENGTH)
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })
const role = z.enum(ROLES, { error: `expected one of ${ROLES.join(', ')}` })
const agency = z.string({ error: 'expected the agency’s name or code' }).trim().min(1).max(120)
const name = z.string({ error: 'expected text' }).trim().max(200)

export const newUserSchema = z.strictObject({
  email: z.email({ error: 'expected an email address' }).trim().max(320),
  password,
  role,
  /** An agency's admin may leave it out: their own agency. */
  agency: agency.optional(),
  name: name.optional(),
})

const changeSchema = z.strictObject({
  role: role.optional(),
  agency: agency.optional(),
  name: name.optional(),
  password: password.optional(),
  disabled: z.boolean({ error: 'expected true or false' }).optional(),
})

const deviceSchema = z.strictObject({
  label: z.string({ error: 'expected a label, e.g. "Agadez team phone 2"' }).trim().min(1).max(200),
})

function idParam(value: string, field = 'id'): number {
  if (!/^\d{1,9}$/.test(value)) throw Problem.invalid([{ name: field, reason: 'expected a whole number' }])
  return Number(value)
}

const STATUS: Record<Refusal, 400 | 403 | 404 | 409> = {
  invalid: 400,
  forbidden: 403,
  absent: 404,
  conflict: 409,
}
const TITLE = { 400: 'Invalid request', 403: 'Forbidden', 404: 'Not found', 409: 'Conflict' } as const

function asProblem(error: unknown): never {
  if (error instanceof AccountError) {
    const status = STATUS[error.refusal]
    // A 404 names no field: it says no more than that there is no such user for this caller.
    const params = error.field && status !== 404 ? [{ name: error.field, reason: error.message }] : []
    throw new Problem(status, TITLE[status], error.message, params)
  }
  throw error
}

/** The caller as accounts.ts knows them: the local token is the machine's operator; anyone else, their agency's admin. */
function actorOf(c: Context): Actor {
  const principal = principalOf(c)
  if (principal.kind === 'local') return OPERATOR
  // Never read as "no agency, so every agency": a user always has an agency.
  if (principal.userId === null || principal.agencyId === null)
    throw new Error('a signed-in principal without a user or an agency')
  return { userId: principal.userId, agencyId: principal.agencyId }
}

export function userRoutes(database: Database) {
  /** The user `id` if the actor may reach them; a 404 otherwise, the same as for no such user. */
  const reachable = async (actor: Actor, id: number) => {
    const user = await findUser(database, id, actor.agencyId)
    if (!user) throw new Problem(404, 'Not found', `no user ${id}`)
    return user
  }
  return new Hono()
    .use(requireRole('admin'))
    .get('/', async (c) => {
      const { agencyId } = actorOf(c)
      return c.json({
        users: await listUsers(database, agencyId),
        agencies: await listAgencies(database, agencyId),
      })
    })
    .post('/', async (c) => {
      const actor = actorOf(c)
      const input = parseWith(newUserSchema, await readJson(c, 8192))
      const agency = input.agency ?? principalOf(c).agency?.code
      if (agency === undefined)
        throw Problem.invalid([
          { name: 'agency', reason: 'name the agency: the local token has none of its own' },
        ])
      const user = await addUser(database, { ...input, agency }, actor).catch(asProblem)
      return c.json(user, 201)
    })
    .get('/:id', async (c) => c.json(await reachable(actorOf(c), idParam(c.req.param('id')))))
    .patch('/:id', async (c) => {
      const id = idParam(c.req.param('id'))
      const change = parseWith(changeSchema, await readJson(c, 8192))
      return c.json(await updateUser(database, id, change, actorOf(c)).catch(asProblem))
    })
    .get('/:id/audit', async (c) => {
      const user = await reachable(actorOf(c), idParam(c.req.param('id')))
      return c.json({ audit: await listAudit(database, user.id) })
    })
    .get('/:id/devices', async (c) => {
      const user = await reachable(actorOf(c), idParam(c.req.param('id')))
      return c.json({ devices: await listDeviceTokens(database, user.id) })
    })
    .post('/:id/devices', async (c) => {
      const id = idParam(c.req.param('id'))
      const { label } = parseWith(deviceSchema, await readJson(c, 4096))
      // The token is shown once, here; only its hash is kept.
      return c.json(await createDeviceToken(database, id, label, actorOf(c)).catch(asProblem), 201)
    })
    .delete('/:id/devices/:device', async (c) => {
      const id = idParam(c.req.param('id'))
      const device = idParam(c.req.param('device'), 'device')
      await revokeDeviceToken(database, id, device, actorOf(c)).catch(asProblem)
      return c.body(null, 204)
    })
}
