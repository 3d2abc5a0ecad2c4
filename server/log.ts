// The server's logger (pino): one JSON object a line, for a log collector, unless stdout is a terminal,
// where a person reads a short line instead. Nothing logged carries a token, a password or a body.
import { type DestinationStream, type Logger, pino } from 'pino'

export type { Logger }

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

/** Keys dropped wherever they appear two levels deep: a mistake in a log call must not leak a secret. */
const SECRETS = ['authorization', 'cookie', 'password', 'token']

/** A logger at `level`, writing to `destination` (a test passes a stream it reads); stdout by default. */
export function createLogger(level: LogLevel = 'info', destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: SECRETS.flatMap((key) => [key, `*.${key}`]), remove: true },
    },
    destination ?? (process.stdout.isTTY ? terminal() : pino.destination({ dest: 1, sync: true })),
  )
}

/** For an app or a hub built without a logger (most tests): logs nothing. */
export const silentLogger: Logger = pino({ level: 'silent' })

const HIDDEN = new Set(['level', 'time', 'pid', 'msg', 'err'])

/** `12:03:04 info  request method=GET route=/api/health status=200 ms=3`, and an error's stack below. */
function terminal(): DestinationStream {
  return {
    write(line: string) {
      const entry = JSON.parse(line) as Record<string, unknown> & { err?: { stack?: string } }
      const time = String(entry.time).slice(11, 19)
      const fields = Object.entries(entry)
        .filter(([key]) => !HIDDEN.has(key))
        .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
      const text = [time, String(entry.level).padEnd(5), entry.msg, ...fields].filter(Boolean).join(' ')
      process.stdout.write(entry.err?.stack ? `${text}\n${entry.err.stack}\n` : `${text}\n`)
    },
  }
}
