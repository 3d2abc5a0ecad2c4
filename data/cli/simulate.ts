// `npm run simulate -- --url <url> --rate <events/s>`: a live feed for a running server, so that a
// command-centre screen moves during a demo or a load test. Every record it sends is filed as simulated.
import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'
import { EventStream } from '../simulator/events.ts'
import { Simulator, type Stats } from '../simulator/run.ts'
import { loadWorld } from '../simulator/world.ts'
import { runCommand, UsageError } from './command.ts'
import { CREDENTIALS_HELP, CredentialsError, findToken } from './credentials.ts'

const USAGE = `usage: npm run simulate -- --url <url> --rate <events/s> [--duration <s>] [--token <t>] [--seed <s>]

Sends crossing counts (the running count of the current hour at real posts and flow points, from the
modelled hourly series) and incident reports (drawn like the IOM Missing Migrants Project incidents on
the route) to a running server through its API. The server files all of it as SIMULATED, under the
modelled source crosswatch-simulator.

options:
  --url <url>           the server, e.g. http://127.0.0.1:8080 (required)
  --rate <n>            events a second, e.g. 100 (required)
  --duration <s>        stop after this many seconds (default: run until Ctrl-C)
  --token <t>           a token of a coordinator or above (crossings need one); else CROSSWATCH_TOKEN; else it
                        signs in with CROSSWATCH_EMAIL and CROSSWATCH_PASSWORD; else, for a local server on the
                        embedded engine, the local token in its server file (<CROSSWATCH_DATA_DIR>.server.json)
  --seed <s>            the same seed sends the same sites, types and places in the same order (default: random)
  --report-share <f>    share of events that are reports, 0–1 (default 0.1)
  -h, --help            this text

Prints a status line a second and a summary at the end (Ctrl-C stops it).
exit codes: 0 done, 1 failed (refused token, server unreachable), 2 wrong usage`

interface Options {
  url: string
  rate: number
  durationS: number | undefined
  token: string | undefined
  seed: string
  reportShare: number
}

function parseOptions(argv: string[]): Options | 'help' {
  const flags = {
    url: { type: 'string' },
    rate: { type: 'string' },
    duration: { type: 'string' },
    token: { type: 'string' },
    seed: { type: 'string' },
    'report-share': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  } as const
  let values: ReturnType<typeof parseArgs<{ options: typeof flags }>>['values']
  try {
    values = parseArgs({ args: argv, options: flags }).values
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  if (values.help) return 'help'
  if (!values.url) throw new UsageError('give the server: --url http://127.0.0.1:8080')
  if (!URL.canParse(values.url) || !/^https?:$/.test(new URL(values.url).protocol))
    throw new UsageError(`--url ${values.url}: expected an http:// or https:// URL`)
  const number = (name: string, text: string | undefined, min: number, max: number) => {
    const n = Number(text)
    if (text === undefined || text.trim() === '' || !Number.isFinite(n) || n < min || n > max)
      throw new UsageError(`--${name} ${text ?? ''}: expected a number from ${min} to ${max}`)
    return n
  }
  if (values.rate === undefined) throw new UsageError('give a rate: --rate 10 (events a second)')
  const url = new URL(values.url)
  if (!url.pathname.endsWith('/')) url.pathname += '/'
  return {
    url: url.toString(),
    rate: number('rate', values.rate, 0.1, 100_000),
    durationS: values.duration === undefined ? undefined : number('duration', values.duration, 0.1, 1e7),
    token: values.token,
    seed: values.seed ?? randomBytes(6).toString('hex'),
    reportShare:
      values['report-share'] === undefined ? 0.1 : number('report-share', values['report-share'], 0, 1),
  }
}

const line = (s: Stats) =>
  `${s.elapsedS.toFixed(0).padStart(4)} s  sent ${s.sent} (${s.counts} counts, ${s.reports} reports)  ` +
  `accepted ${s.accepted}  failed ${s.failed}  retried ${s.retries}  ` +
  `${s.rate.toFixed(1)} sent/s, ${s.acceptedRate.toFixed(1)} accepted/s`

async function run(options: Options): Promise<number> {
  let token: string | undefined
  try {
    token = await findToken(options)
  } catch (error) {
    if (!(error instanceof CredentialsError)) throw error
    console.error(`crosswatch simulate: ${error.message}`)
    return 1
  }
  if (!token) {
    console.error(`crosswatch simulate: no credentials: ${CREDENTIALS_HELP}`)
    return 1
  }
  const bearer = token
  const world = await loadWorld(options.url, (input, init) =>
    fetch(input, { ...init, headers: { authorization: `Bearer ${bearer}` } }),
  )
  const events = new EventStream(world, options.seed, { reportShare: options.reportShare })
  let refusedShown = 0
  const simulator = new Simulator(events, {
    url: options.url,
    token,
    rate: options.rate,
    durationS: options.durationS,
    onStatus: (s) => console.log(`${line(s)}  (target ${options.rate})`),
    onRefused: (what, detail) => {
      if (refusedShown++ < 10) console.error(`crosswatch simulate: ${what} refused: ${detail}`)
    },
  })
  console.error(
    `crosswatch simulate: ${world.sites.length} sites, ${world.seaCorridors.length} sea corridors; ` +
      `${options.rate} events/s to ${options.url} (seed ${options.seed}); Ctrl-C stops`,
  )
  let interrupted = 0
  process.on('SIGINT', () => {
    if (interrupted++) process.exit(130)
    console.error('crosswatch simulate: stopping (Ctrl-C again to quit now)')
    simulator.stop()
  })
  process.on('SIGTERM', () => simulator.stop())
  const stats = await simulator.run()
  console.log(`summary: ${line(stats).trim()} (target ${options.rate} events/s)`)
  return 0
}

runCommand({ name: 'simulate', usage: USAGE, parse: parseOptions, run })
