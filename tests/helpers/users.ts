// Real users for tests: adds one (with its agency) and signs it in, so a request can carry its Bearer token.
import { randomUUID } from 'node:crypto'
import type { Database } from '../../db/client.ts'
import { addUser, createSession, type User } from '../../server/auth/accounts.ts'
import type { Role } from '../../server/auth/roles.ts'

export interface SignedIn {
  user: User
  token: string
  /** `Authorization: Bearer <token>`, to spread into a request's headers. */
  auth: { authorization: string }
}

export async function signedIn(database: Database, role: Role, agency: string): Promise<SignedIn> {
  const id = randomUUID().slice(0, 8)
  const user = await addUser(database, {
    email: `${role}-${id}@${agency.toLowerCase().replace(/\W+/g, '-')}.example`,
    password: 'a long enough test password',
    role,
    agency,
    name: `${role} ${id}`,
  })
  const token = await createSession(database, user.id)
  return { user, token, auth: { authorization: `Bearer ${token}` } }
}
