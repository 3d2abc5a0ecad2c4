// Real users for tests: adds one (with its agency) and signs it in, so a request can carry its Bearer token.
import { randomUUID } from 'node:crypto'
import type { Database } from '../../db/client.ts'
import { addUser } from '../../server/auth/accounts.ts'
import type { Role } from '../../server/auth/roles.ts'
import type { User } from '../../server/auth/schemas.ts'
import { createSession } from '../../server/auth/tokens.ts'

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

/** Signs in one user a name, in the order given: `{ viewerA: ['viewer', 'Agency A'] }` → `{ viewerA: … }`. */
export async function signedInAll<Name extends string>(
  database: Database,
  cast: Record<Name, readonly [Role, string]>,
): Promise<Record<Name, SignedIn>> {
  const people = {} as Record<Name, SignedIn>
  for (const [name, [role, agency]] of Object.entries(cast) as [Name, readonly [Role, string]][])
    people[name] = await signedIn(database, role, agency)
  return people
}
