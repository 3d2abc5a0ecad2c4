// What `npm run user` does to accounts, two ways: on the database itself (the SQL of
// server/auth/accounts.ts, each change in one transaction with its audit row, as the machine's operator),
// or through the running server that holds the embedded database (/api/users, with the server file's local
// token, which the server takes for the operator too). Both refuse the same way.
import type { Database } from '../../db/client.ts'
import {
  addUser,
  type Change,
  findUser,
  listUsers,
  type NewUser,
  updateUser,
} from '../../server/auth/accounts.ts'
import { AccountError, listAudit } from '../../server/auth/changes.ts'
import type { AuditEntry, DeviceToken, User } from '../../server/auth/schemas.ts'
import { createDeviceToken, listDeviceTokens, revokeDeviceToken } from '../../server/auth/tokens.ts'
import type { ServerFile } from '../../server/imports.ts'

export type { Change }

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
  /** The account's history, newest first. */
  audit(userId: number): Promise<AuditEntry[]>
  close(): Promise<void>
}

/** The database or the server said no; `message` is one line, and nothing was changed. */
export class Refused extends Error {}

export function databaseAccounts(database: Database, where: string): Accounts {
  // Each change runs in its own transaction (accounts.ts), as the operator: its audit rows name no actor.
  const refuse = (error: unknown): never => {
    throw error instanceof AccountError ? new Refused(error.message) : error
  }
  return {
    where,
    list: () => listUsers(database),
    add: (input) => addUser(database, input).catch(refuse),
    update: (userId, change) => updateUser(database, userId, change).catch(refuse),
    devices: (userId) => listDeviceTokens(database, userId),
    addDevice: (userId, label) => createDeviceToken(database, userId, label).catch(refuse),
    revokeDevice: (userId, deviceId) => revokeDeviceToken(database, userId, deviceId).catch(refuse),
    async audit(userId) {
      if (!(await findUser(database, userId))) throw new Refused(`no user ${userId}`)
      return listAudit(database, userId)
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
    audit: async (userId) => (await call<{ audit: AuditEntry[] }>('GET', `api/users/${userId}/audit`)).audit,
    close: async () => {},
  }
}
