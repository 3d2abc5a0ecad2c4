// The four roles, ranked: each may do what the ones below it may (a coordinator also reads the map).
import { ROLES, type Role } from '../../db/vocabulary.ts'

export { ROLES, type Role }

export function atLeast(role: Role, minimum: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(minimum)
}

/** Who is asking: a signed-in user, a device, or a local tool holding the embedded server's token. */
export interface Principal {
  kind: 'session' | 'device' | 'local'
  /** Null for a local tool: it acts for the machine's operator, not for a user. */
  userId: number | null
  email: string
  name: string
  role: Role
  agencyId: number | null
  agency: { id: number; code: string; name: string } | null
  /** The auth_tokens row, to end a session. */
  tokenId: number | null
}
