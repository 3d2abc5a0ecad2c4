// Demo mode only (CROSSWATCH_DEMO=1, `npm run demo`): one user per role, with the password the README
// gives, so a newcomer can sign in. A real deployment never runs this: its users come from `npm run user`.
import { sql } from 'drizzle-orm'
import type { Database } from '../../db/client.ts'
import type { Role } from '../../db/vocabulary.ts'
import { addUser } from '../../server/auth/accounts.ts'

export const DEMO_PASSWORD = 'crosswatch-demo'

const DEMO_USERS: { email: string; role: Role; agency: string; name: string }[] = [
  { email: 'admin@crosswatch.example', role: 'admin', agency: 'IOM (demo)', name: 'Demo admin' },
  {
    email: 'coordinator@crosswatch.example',
    role: 'coordinator',
    agency: 'IOM (demo)',
    name: 'Demo coordinator',
  },
  { email: 'viewer@crosswatch.example', role: 'viewer', agency: 'IOM (demo)', name: 'Demo command centre' },
  { email: 'reporter@crosswatch.example', role: 'reporter', agency: 'IOM (demo)', name: 'Demo field team' },
  {
    email: 'coordinator@coastguard.example',
    role: 'coordinator',
    agency: 'Coast guard (demo)',
    name: 'Demo coordinator of another agency',
  },
]

/** Adds the demo users that are missing; an existing account is left as it is. */
export async function seedDemoUsers(database: Database, options: { log?: (line: string) => void } = {}) {
  const existing = new Set(
    (await database.rows<{ email: string }>(sql`SELECT email FROM users`)).map((r) => r.email),
  )
  const missing = DEMO_USERS.filter((u) => !existing.has(u.email))
  for (const user of missing) await addUser(database, { ...user, password: DEMO_PASSWORD })
  if (missing.length)
    options.log?.(
      `demo mode: ${missing.length} demo users, password "${DEMO_PASSWORD}" (README, "Demo users")`,
    )
}
