// /api/users: an agency's admin manages the users of their own agency (list and add them, change a role or
// a name, disable an account, make or revoke a field device's token, read an account's history); a user
// of another agency is a 404, as if absent. The machine's operator (the local token) reaches every agency.
// The SQL and the rules of who may change what are in server/auth/accounts.ts (users), tokens.ts (devices)
// and changes.ts (the actor, the audit).
import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { Database } from '../db/client.ts'
import { addUser, findUser, listAgencies, listUsers, updateUser } from './auth/accounts.ts'
import { AccountError, type Actor, listAudit, OPERATOR, type Refusal } from './auth/changes.ts'
import { principalOf, requireRole } from './auth/middleware.ts'
import { MAX_PASSWORD_LENGTH, passwordProblem } from './auth/passwords.ts'
import { ROLES } from './auth/roles.ts'
import {
  devicesSchema,
  newDeviceTokenSchema,
  userAuditSchema,
  userSchema,
  usersSchema,
} from './auth/schemas.ts'
import { createDeviceToken, listDeviceTokens, revokeDeviceToken } from './auth/tokens.ts'
import { fieldsHook, jsonBody } from './http/body.ts'
import { apiApp, problems, SIGNED_IN } from './http/openapi.ts'
import { idParam } from './http/params.ts'
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

export const newUserSchema = z
  .strictObject({
    email: z.email({ error: 'expected an email address' }).trim().max(320),
    password,
    role,
    /** An agency's admin may leave it out: their own agency. */
    agency: agency
      .optional()
      .openapi({ description: 'the agency’s name or code; an admin’s own when left out' }),
    name: name.optional(),
  })
  .openapi('NewUser')

const userChangeSchema = z
  .strictObject({
    role: role.optional(),
    agency: agency.optional(),
    name: name.optional(),
    password: password.optional(),
    disabled: z.boolean({ error: 'expected true or false' }).optional(),
  })
  .openapi('UserChange')

const deviceSchema = z
  .strictObject({
    label: z.string({ error: 'expected a label, e.g. "Agadez team phone 2"' }).trim().min(1).max(200),
  })
  .openapi('NewDevice')

/** Bodies of account changes are a few hundred bytes; a label, less. */
const MAX_BODY = 8192
const MAX_DEVICE_BODY = 4096

// Every /api/users route: an admin or above (the middleware below), signed in with either scheme.
const userRoute = { tags: ['users'], security: SIGNED_IN }
const userPath = z.object({ id: idParam() })
const devicePath = z.object({ id: idParam(), device: idParam() })
const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})
const body = <S extends z.ZodType>(schema: S) => ({
  required: true,
  content: { 'application/json': { schema } },
})

const listRoute = createRoute({
  ...userRoute,
  method: 'get',
  path: '/',
  operationId: 'listUsers',
  summary: 'The users and agencies the admin reaches: their own agency (the local token: every agency)',
  responses: { 200: json(usersSchema, 'users by agency, then email'), ...problems(401, 403) },
})

const createUserRoute = createRoute({
  ...userRoute,
  method: 'post',
  path: '/',
  operationId: 'createUser',
  summary: 'Add a user to the admin’s agency',
  middleware: [jsonBody(MAX_BODY)],
  request: { body: body(newUserSchema) },
  responses: {
    201: json(userSchema, 'the user added'),
    ...problems(401, 403, 409, 413, 415),
  },
})

const getRoute = createRoute({
  ...userRoute,
  method: 'get',
  path: '/{id}',
  operationId: 'getUser',
  summary: 'One user of the admin’s agency',
  request: { params: userPath },
  responses: { 200: json(userSchema, 'the user'), ...problems(401, 403, 404) },
})

const patchRoute = createRoute({
  ...userRoute,
  method: 'patch',
  path: '/{id}',
  operationId: 'updateUser',
  summary: 'Change a user’s role, agency (the local token only), name or password, or disable them',
  middleware: [jsonBody(MAX_BODY)],
  request: { params: userPath, body: body(userChangeSchema) },
  responses: {
    200: json(userSchema, 'the user as changed'),
    ...problems(401, 403, 404, 413, 415),
  },
})

const auditRoute = createRoute({
  ...userRoute,
  method: 'get',
  path: '/{id}/audit',
  operationId: 'listUserAudit',
  summary: 'The history of a user’s account, newest first',
  request: { params: userPath },
  responses: { 200: json(userAuditSchema, 'every change, with who made it'), ...problems(401, 403, 404) },
})

const devicesRoute = createRoute({
  ...userRoute,
  method: 'get',
  path: '/{id}/devices',
  operationId: 'listDeviceTokens',
  summary: 'A user’s device tokens (never the tokens themselves)',
  request: { params: userPath },
  responses: { 200: json(devicesSchema, 'oldest first'), ...problems(401, 403, 404) },
})

const createDeviceRoute = createRoute({
  ...userRoute,
  method: 'post',
  path: '/{id}/devices',
  operationId: 'createDeviceToken',
  summary: 'Make a long-lived token for a user’s field device; the token is shown once, here',
  middleware: [jsonBody(MAX_DEVICE_BODY)],
  request: { params: userPath, body: body(deviceSchema) },
  responses: {
    201: json(newDeviceTokenSchema, 'the token and its record'),
    ...problems(401, 403, 404, 409, 413, 415),
  },
})

const revokeDeviceRoute = createRoute({
  ...userRoute,
  method: 'delete',
  path: '/{id}/devices/{device}',
  operationId: 'revokeDeviceToken',
  summary: 'Revoke one of a user’s device tokens (again: no change)',
  request: { params: devicePath },
  responses: { 204: { description: 'revoked' }, ...problems(401, 403, 404) },
})

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

/** The caller as changes.ts knows them: the local token is the machine's operator; anyone else, their agency's admin. */
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
  const app = apiApp()
  app.use(requireRole('admin'))
  return app
    .openapi(listRoute, async (c) => {
      const { agencyId } = actorOf(c)
      return c.json(
        { users: await listUsers(database, agencyId), agencies: await listAgencies(database, agencyId) },
        200,
      )
    })
    .openapi(
      createUserRoute,
      async (c) => {
        const actor = actorOf(c)
        const input = c.req.valid('json')
        const agency = input.agency ?? principalOf(c).agency?.code
        if (agency === undefined)
          throw Problem.invalid([
            { name: 'agency', reason: 'name the agency: the local token has none of its own' },
          ])
        const user = await addUser(database, { ...input, agency }, actor).catch(asProblem)
        return c.json(user, 201)
      },
      fieldsHook,
    )
    .openapi(getRoute, async (c) => c.json(await reachable(actorOf(c), c.req.valid('param').id), 200))
    .openapi(
      patchRoute,
      async (c) => {
        const { id } = c.req.valid('param')
        const user = await updateUser(database, id, c.req.valid('json'), actorOf(c)).catch(asProblem)
        return c.json(user, 200)
      },
      fieldsHook,
    )
    .openapi(auditRoute, async (c) => {
      const user = await reachable(actorOf(c), c.req.valid('param').id)
      return c.json({ audit: await listAudit(database, user.id) }, 200)
    })
    .openapi(devicesRoute, async (c) => {
      const user = await reachable(actorOf(c), c.req.valid('param').id)
      return c.json({ devices: await listDeviceTokens(database, user.id) }, 200)
    })
    .openapi(
      createDeviceRoute,
      async (c) => {
        const { id } = c.req.valid('param')
        const { label } = c.req.valid('json')
        // The token is shown once, here; only its hash is kept.
        return c.json(await createDeviceToken(database, id, label, actorOf(c)).catch(asProblem), 201)
      },
      fieldsHook,
    )
    .openapi(revokeDeviceRoute, async (c) => {
      const { id, device } = c.req.valid('param')
      await revokeDeviceToken(database, id, device, actorOf(c)).catch(asProblem)
      return c.body(null, 204)
    })
}
