// What `npm run user` does to accounts, two ways: on the database itself (the SQL of
// server/auth/accounts.ts, each change in one transaction), or through the running server that holds the
// embedded database (/api/users, with the server file's local token). Both refuse the same way.
import type { SQL } from 'drizzle-orm'
import type { Database } from '../../db/client.ts'
import {
  AccountError,
  addUser,
  createDeviceToken,
  type DeviceToken,
  findUser,
  listDeviceTokens,
  listUsers,
  type NewUser,
  revokeDeviceToken,
  type User,
  updateUser,
} from '../../server/auth/accounts.ts'
import type { Role } from '../../server/auth/roles.ts'
import type { ServerFile } from '../../server/imports.ts'
import { txRows } from '../importers/run.ts'

export interface Change {
  role?: Role
  agency?: string
  name?: string
  password?: string
  disabled?: boolean
}

export interface NewDevice {
  /** Shown once: only its hash is kept. */
  token: string
  device: DeviceToken
}

export interface Accounts {
  /** Where the changes go, for a line on stderr. */
  where: string
  list(): Promise<User[]>
  add(input: NewUser): Promise<User>
  update(userId: number, change: Change): Promise<User>
  devices(userId: number): Promise<DeviceToken[]>
  addDevice(userId: number, label: string): Promise<NewDevice>
  revokeDevice(userId: number, deviceId: number): Promise<void>
  close(): Promise<void>
}

/** The database or the server said no; `message` is one line, and nothing was changed. */
export class Refused extends Error {}

type Rows = Pick<Database, 'rows'>

export function databaseAccounts(database: Database, where: string): Accounts {
  // addUser and updateUser may make an agency before they find the email taken: a transaction undoes it.
  const inTransaction = <T>(work: (rows: Rows) => Promise<T>) =>
    database.db.transaction((tx) =>
      work({ rows: <R extends Record<string, unknown>>(q: SQL) => txRows<R>(tx, q) }),
    )
  const refuse = (error: unknown): never => {
    throw error instanceof AccountError ? new Refused(error.message) : error
  }
  const userOrRefuse = async (userId: number) => {
    const user = await findUser(database, userId)
    if (!user) throw new Refused(`no user ${userId}`)
    return user
  }
  return {
    where,
    list: () => listUsers(database),
    add: (input) => inTransaction((rows) => addUser(rows, input)).catch(refuse),
    async update(userId, change) {
      const user = await inTransaction((rows) => updateUser(rows, userId, change)).catch(refuse)
      if (!user) throw new Refused(`no user ${userId}`)
      return user
    },
    devices: (userId) => listDeviceTokens(database, userId),
    async addDevice(userId, label) {
      const user = await userOrRefuse(userId)
      if (user.disabled) throw new Refused(`${user.email} is disabled: enable the account first`)
      return createDeviceToken(database, userId, label)
    },
    async revokeDevice(userId, deviceId) {
      const devices = await listDeviceTokens(database, userId)
      if (!devices.some((d) => d.id === deviceId) || !(await revokeDeviceToken(database, deviceId)))
        throw new Refused(`user ${userId} has no device token ${deviceId}`)
    },
    close: () => database.close(),
  }
}

export function serverAccounts(server: ServerFile, fetcher: typeof fetch = fetch): Accounts {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const url = new URL(path, server.url)
    let response: Response
    try {
      response = await fetcher(url, {
        method,
        headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    } catch (error) {
      throw new Error(
        `cannot reach the server at ${server.url}: ${error instanceof Error ? error.message : error}`,
      )
    }
    if (response.status === 204) return undefined as T
    const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>
    if (!response.ok)
      throw new Refused(
        `the server refused: ${answer.detail ?? answer.title ?? `${response.status} ${response.statusText}`}`,
      )
    return answer as T
  }
  return {
    where: `the server at ${server.url}`,
    list: async () => (await call<{ users: User[] }>('GET', 'api/users')).users,
    add: (input) => call<User>('POST', 'api/users', input),
    update: (userId, change) => call<User>('PATCH', `api/users/${userId}`, change),
    devices: async (userId) =>
      (await call<{ devices: DeviceToken[] }>('GET', `api/users/${userId}/devices`)).devices,
    addDevice: (userId, label) => call<NewDevice>('POST', `api/users/${userId}/devices`, { label }),
    revokeDevice: (userId, deviceId) => call<void>('DELETE', `api/users/${userId}/devices/${deviceId}`),
    close: async () => {},
  }
}
