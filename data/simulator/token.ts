// Where the simulator finds the write token: --token, else CROSSWATCH_WRITE_TOKEN, else the server file
// of a local server on the embedded engine. (With logins, CROSSWATCH_EMAIL and CROSSWATCH_PASSWORD.)
import { loadConfig } from '../../server/config.ts'
import { readServerFile } from '../../server/imports.ts'

const LOCAL = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])

/** --token, else CROSSWATCH_WRITE_TOKEN, else the server file of a local server on the same port. */
export function findToken(
  options: { url: string; token?: string | undefined },
  env = process.env,
): string | undefined {
  if (options.token) return options.token
  const config = loadConfig(env)
  if (config.writeToken) return config.writeToken
  const target = new URL(options.url)
  if (!LOCAL.has(target.hostname)) return undefined
  const server = readServerFile(config.dataDir)
  if (!server) return undefined
  const running = new URL(server.url)
  return LOCAL.has(running.hostname) && running.port === target.port ? server.token : undefined
}
