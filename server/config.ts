// The environment, parsed once: typed, frozen, and a one-line message a person can act on when it is wrong.

import { isIP } from 'node:net'
import { z } from 'zod'
import { LOG_LEVELS, type LogLevel } from './log.ts'

const portMessage = 'must be a whole number from 0 to 65535'

const postgresUrl = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .refine((v) => v === undefined || /^postgres(ql)?:\/\/.+/.test(v), {
    message: 'must be a postgres:// or postgresql:// URL',
  })
  .refine((v) => v === undefined || URL.canParse(v), { message: 'is not a valid URL' })

const schema = z.object({
  PORT: z.coerce
    .number({ error: portMessage })
    .int({ error: portMessage })
    .min(0, { error: portMessage })
    .max(65535, { error: portMessage })
    .default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: postgresUrl,
  /** A streaming hot standby of DATABASE_URL's database: the map's reads go there (docs/deploy.md). */
  DATABASE_READ_URL: postgresUrl,
  CROSSWATCH_DATA_DIR: z.string().min(1).default('.crosswatch'),
  /** Where report photos are stored; default `<CROSSWATCH_DATA_DIR>-photos`, beside the database, not in it. */
  CROSSWATCH_PHOTO_DIR: z.string().trim().optional(),
  /** Where the built web app is; the API runs without it. */
  CROSSWATCH_WEB_DIR: z.string().min(1).default('dist/web'),
  /** `1`: demo mode, which seeds demo users whose passwords the README gives. Never on a real deployment. */
  CROSSWATCH_DEMO: z
    .enum(['', '0', '1', 'true', 'false'], { error: 'must be 1 or 0' })
    .default('')
    .transform((v) => v === '1' || v === 'true'),
  /**
   * Addresses of the proxies in front (nginx), comma-separated: from them the client's address is the
   * last one X-Forwarded-For names (sign-in throttling counts by it). Empty: trust no proxy header.
   */
  CROSSWATCH_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    )
    .refine((list) => list.every((a) => isIP(a) !== 0), { message: 'must be IP addresses, comma-separated' }),
  /** How much the server logs (server/log.ts): one line a request at `info`; `silent` for none. */
  LOG_LEVEL: z
    .enum(['', ...LOG_LEVELS], { error: `must be one of ${LOG_LEVELS.join(', ')}` })
    .default('')
    .transform((v): LogLevel => v || 'info'),
})

export type Config = Readonly<{
  port: number
  host: string
  databaseUrl: string | undefined
  databaseReadUrl: string | undefined
  dataDir: string
  photoDir: string
  webDir: string
  demo: boolean
  logLevel: LogLevel
  trustedProxies: readonly string[]
}>

export class ConfigError extends Error {
  override name = 'ConfigError'
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new ConfigError(`${issue?.path.join('.') ?? 'environment'} ${issue?.message ?? 'is invalid'}`)
  }
  const e = parsed.data
  if (e.DATABASE_READ_URL && !e.DATABASE_URL)
    throw new ConfigError('DATABASE_READ_URL needs DATABASE_URL: a standby serves reads of a server database')
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseReadUrl: e.DATABASE_READ_URL,
    dataDir: e.CROSSWATCH_DATA_DIR,
    // Not inside the data folder: that is the embedded database's own, which PostgreSQL owns.
    photoDir: e.CROSSWATCH_PHOTO_DIR || `${e.CROSSWATCH_DATA_DIR.replace(/\/+$/, '')}-photos`,
    webDir: e.CROSSWATCH_WEB_DIR,
    demo: e.CROSSWATCH_DEMO,
    logLevel: e.LOG_LEVEL,
    trustedProxies: Object.freeze(e.CROSSWATCH_TRUSTED_PROXIES),
  })
}
