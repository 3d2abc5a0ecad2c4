// /api/users (admin only): list and add users, change a role or agency, disable an account, and make or
// revoke a field device's long-lived token. The SQL is in server/auth/accounts.ts.
import { Hono } from 'hono'
import { z } from 'zod'
import type { Database } from '../db/client.ts'
import {
  AccountError,
  addUser,
  createDeviceToken,
  findUser,
  listAgencies,
  listDeviceTokens,
  listUsers,
  revokeDeviceToken,
  updateUser,
} from './auth/accounts.ts'
import { requireRole } from './auth/middleware.ts'
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
  agency,
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

function asProblem(error: unknown): never {
  if (error instanceof AccountError) {
    const status = error.field === 'email' ? 409 : 400
    throw new Problem(status, status === 409 ? 'Conflict' : 'Invalid request', error.message, [
      { name: error.field, reason: error.message },
    ])
  }
  throw error
}

export function userRoutes(database: Database) {
  const userOr404 = async (id: number) => {
    const user = await findUser(database, id)
    if (!user) throw new Problem(404, 'Not found', `no user ${id}`)
    return user
  }
  return new Hono()
    .use(requireRole('admin'))
    .get('/', async (c) =>
      c.json({ users: await listUsers(database), agencies: await listAgencies(database) }),
    )
    .post('/', async (c) => {
      const input = parseWith(newUserSchema, await readJson(c, 8192))
      const user = await addUser(database, input).catch(asProblem)
      return c.json(user, 201)
    })
    .get('/:id', async (c) => c.json(await userOr404(idParam(c.req.param('id')))))
    .patch('/:id', async (c) => {
      const id = idParam(c.req.param('id'))
      const change = parseWith(changeSchema, await readJson(c, 8192))
      const user = await updateUser(database, id, change).catch(asProblem)
      if (!user) throw new Problem(404, 'Not found', `no user ${id}`)
      return c.json(user)
    })
    .get('/:id/devices', async (c) => {
      const user = await userOr404(idParam(c.req.param('id')))
      return c.json({ devices: await listDeviceTokens(database, user.id) })
    })
    .post('/:id/devices', async (c) => {
      const user = await userOr404(idParam(c.req.param('id')))
      if (user.disabled) throw new Problem(409, 'Conflict', `user ${user.id} is disabled`)
      const { label } = parseWith(deviceSchema, await readJson(c, 4096))
      // The token is shown once, here; only its hash is kept.
      return c.json(await createDeviceToken(database, user.id, label), 201)
    })
    .delete('/:id/devices/:device', async (c) => {
      const user = await userOr404(idParam(c.req.param('id')))
      const device = idParam(c.req.param('device'), 'device')
      const devices = await listDeviceTokens(database, user.id)
      if (!devices.some((d) => d.id === device) || !(await revokeDeviceToken(database, device)))
        throw new Problem(404, 'Not found', `user ${user.id} has no device token ${device}`)
      return c.body(null, 204)
    })
}
