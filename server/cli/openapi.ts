// The API document (/api/openapi.json) as the app builds it, with no database and no server: for
// `npm run lint:api` (Redocly) and the typed-client test. `node --import tsx server/cli/openapi.ts <file>`.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Database } from '../../db/client.ts'
import { createApp } from '../app.ts'
import { EventHub } from '../event-hub.ts'

/**
 * Stands in for the database: building the routes and their document queries nothing, so any call
 * through it is a bug, and fails naming what was called.
 */
function refusing(path: string): Database {
  return new Proxy(() => {}, {
    get: (_, property) => (property === 'then' ? undefined : refusing(`${path}.${String(property)}`)),
    apply: () => {
      throw new Error(`the API document needs no database, but ${path}() was called`)
    },
  }) as unknown as Database
}
const noDatabase = refusing('database')

export async function apiDocument(): Promise<Record<string, unknown>> {
  const app = createApp({
    database: noDatabase,
    config: { webDir: 'no-web' },
    events: new EventHub(noDatabase),
  })
  const response = await app.request('/api/openapi.json')
  if (response.status !== 200)
    throw new Error(`GET /api/openapi.json: ${response.status} ${await response.text()}`)
  return response.json()
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2]
  if (!file) {
    console.error('usage: node --import tsx server/cli/openapi.ts <file.json>')
    process.exit(2)
  }
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, `${JSON.stringify(await apiDocument(), null, 2)}\n`)
  console.log(`wrote ${file}`)
}
