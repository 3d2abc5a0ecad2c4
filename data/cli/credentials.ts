// How a CLI proves who it is to a Crosswatch server: --token or CROSSWATCH_TOKEN (a device or session
// token), else CROSSWATCH_EMAIL and CROSSWATCH_PASSWORD (it signs in), else, for a local server on the
// embedded engine, the local token in that server's file (server/auth/local-token.ts).
import { loadConfig } from '../../server/config.ts'
import { readServerFile } from '../../server/imports.ts'

const LOCAL = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])

export const CREDENTIALS_HELP =
  'give --token or CROSSWATCH_TOKEN, or CROSSWATCH_EMAIL and CROSSWATCH_PASSWORD (a local server on the ' +
  'embedded engine is found by its server file in CROSSWATCH_DATA_DIR)'

export class CredentialsError extends Error {}

/** A Bearer token for `url`, or undefined when none is to be had. */
export async function findToken(
  options: { url: string; token?: string | undefined },
  env: NodeJS.ProcessEnv = process.env,
  fetcher: typeof fetch = fetch,
): Promise<string | undefined> {
  if (options.token) return options.token
  if (env.CROSSWATCH_TOKEN) return env.CROSSWATCH_TOKEN
  if (env.CROSSWATCH_EMAIL && env.CROSSWATCH_PASSWORD)
    return signIn(options.url, env.CROSSWATCH_EMAIL, env.CROSSWATCH_PASSWORD, fetcher)
  return localToken(options.url, env)
}

/** The local token of a server on this machine at the same port, if its server file says so. */
export function localToken(url: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const target = new URL(url)
  if (!LOCAL.has(target.hostname)) return undefined
  const server = readServerFile(loadConfig(env).dataDir)
  if (!server) return undefined
  const running = new URL(server.url)
  return LOCAL.has(running.hostname) && running.port === target.port ? server.token : undefined
}

export async function signIn(url: string, email: string, password: string, fetcher: typeof fetch = fetch) {
  const login = new URL('api/auth/login', url)
  let response: Response
  try {
    response = await fetcher(login, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    })
  } catch (error) {
    throw new CredentialsError(`cannot reach ${login}: ${error instanceof Error ? error.message : error}`)
  }
  const body = (await response.json().catch(() => ({}))) as { token?: string; detail?: string }
  if (!response.ok || !body.token)
    throw new CredentialsError(`signing in as ${email} failed: ${body.detail ?? response.status}`)
  return body.token
}
