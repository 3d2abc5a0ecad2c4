// The app in process, signed in: each request carries the local token (an admin's rights) unless it
// names its own Authorization, so tests of what a layer answers need not sign in first.
import type { Database } from '../../db/client.ts'
import { type AppDeps, createApp } from '../../server/app.ts'

export const LOCAL_TOKEN = 'test-local-token-0123456789abcdef'

export function testApp(deps: Omit<AppDeps, 'config'> & Partial<Pick<AppDeps, 'config'>>) {
  const app = createApp({ config: { webDir: 'no-web' }, localToken: LOCAL_TOKEN, ...deps })
  const request = (input: string | URL | Request, init: RequestInit = {}) => {
    const headers = new Headers(init.headers)
    if (!headers.has('authorization')) headers.set('authorization', `Bearer ${LOCAL_TOKEN}`)
    return app.request(input, { ...init, headers })
  }
  return { app, request }
}

/** GET `path` of a new app on `database` with the local token: the answer and its JSON body. */
export async function getJson(database: Database, path: string) {
  const response = await testApp({ database }).request(path)
  return { response, body: await response.json() }
}
