// The four roles, ranked: each may do what the ones below it may (a coordinator also reads the map).
import type { Role } from '../../db/vocabulary.ts'
import type { Agency } from './schemas.ts'

export { atLeast, ROLES, type Role } from '../../db/vocabulary.ts'

/** Who is asking: a signed-in user, a device, or a local tool holding the embedded server's token. */
export interface Principal {
  kind: 'session' | 'device' | 'local'
  /** Null for a local tool: it acts for the machine's operator, not for a user. */
  userId: number | null
  email: string
  name: string
  role: Role
  agencyId: number | null
  agency: Agency | null
  /** The auth_tokens row, to end a session. */
  tokenId: number | null
}
