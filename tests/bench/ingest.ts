// Field-report ingest: CLIENTS phones POSTing reports at once to a running server for SECONDS, against
// pgbench running the same transaction (the incident, its audit row, the live event and its NOTIFY) on
// the same database with as many clients, in the same run. The phones are wrk (Debian's, in C like
// pgbench, a new Idempotency-Key each request) when it is installed, else Node fetch loops, whose own
// CPU then comes out of the two cores the server has. Printed, never asserted.
import { execFile, execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { postReport } from './post-report.ts'

/** @default 50 phones for 10 s */
const CLIENTS = 50
const SECONDS = 10

/** The transaction insertReport + publish make, as plain SQL with pgbench's variables. */
const SCRIPT = `\\set lon random(700, 1300)
\\set lat random(1500, 3400)
BEGIN;
WITH p AS (SELECT ST_SetSRID(ST_MakePoint(:lon / 100.0, :lat / 100.0), 4326) AS g)
INSERT INTO incidents (location, occurred_at, occurred_precision, type, severity, accuracy_m, dead, missing,
                       injured, survivors, children, country, description, verification, source_id,
                       external_id, reported_by, agency_id)
SELECT p.g, now(), 'time', 'stranded_group', 'low', 50, 0, 0, 1, 20, 3,
       (SELECT a.country FROM admin_areas a WHERE ST_Covers(a.geometry, p.g) ORDER BY a.id LIMIT 1),
       'pgbench report', 'unverified', 'crosswatch-field-reports', gen_random_uuid()::text, :reporter, :agency
FROM p RETURNING id AS incident \\gset
INSERT INTO incident_audit (incident_id, user_id, action, before, after)
VALUES (:incident, :reporter, 'reported', NULL, '{"type":"stranded_group"}'::jsonb);
INSERT INTO events (type, payload, incident_id)
VALUES ('incident.created', json_build_object('incidentId', :incident, 'reportedBy', :reporter, 'agencyId', :agency)::jsonb, :incident)
RETURNING id AS event \\gset
SELECT pg_notify('crosswatch_events', :event::text);
COMMIT;
`

/** wrk's script: each request a report at its own place under a new UUID; RESULT requests non-201 s. */
const WRK_SCRIPT = `
local threads = {}
function setup(thread) thread:set('id', #threads) table.insert(threads, thread) end
function init(args) token = args[1] math.randomseed(os.time() * 1000 + id) bad = 0 n = 0 end
local function uuid()
  return (('xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'):gsub('[xy]', function (c)
    return string.format('%x', c == 'x' and math.random(0, 15) or math.random(8, 11))
  end))
end
function request()
  n = n + 1
  local body = string.format('{"type":"stranded_group","occurredAt":"%s","location":{"type":"Point","coordinates":[%.2f,%.2f]},"counts":{"dead":0,"missing":0,"injured":1,"survivors":20,"children":3},"description":"ingest bench report"}',
    os.date('!%Y-%m-%dT%H:%M:%SZ'), 7 + (n % 60) / 10, 15 + (n % 19))
  return wrk.format('POST', '/api/reports', { ['Authorization'] = 'Bearer ' .. token,
    ['Content-Type'] = 'application/json', ['Idempotency-Key'] = uuid() }, body)
end
function response(status) if status ~= 201 then bad = bad + 1 end end
function done(summary)
  local b = 0
  for _, t in ipairs(threads) do b = b + t:get('bad') end
  io.write(string.format('RESULT %d %d %.3f\\n', summary.requests, b, summary.duration / 1e6))
end
`

const hasWrk = spawnSync('sh', ['-c', 'command -v wrk']).status === 0

/**
 * Reports a second through the API, from wrk when there is one. Run without blocking this process: the
 * server is its child, and a server whose log pipe is not read stops at its next line.
 */
async function apiRate(
  url: string,
  token: string,
): Promise<{ rate: number; failed: number; client: string }> {
  if (!hasWrk) return fetchRate(url, token)
  const dir = mkdtempSync(join(tmpdir(), 'crosswatch-bench-wrk-'))
  try {
    const script = join(dir, 'report.lua')
    writeFileSync(script, WRK_SCRIPT)
    const origin = new URL(url).origin
    const { stdout } = await promisify(execFile)('wrk', [
      ...['-t', '2', '-c', String(CLIENTS), '-d', `${SECONDS}s`, '-s', script],
      ...[origin, '--', token],
    ])
    const [, requests, bad, seconds] = stdout.match(/RESULT (\d+) (\d+) ([\d.]+)/) ?? []
    const failed = Number(bad)
    return { rate: (Number(requests) - failed) / Number(seconds), failed, client: 'wrk' }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Reports a second through the API: CLIENTS loops, each POSTing the next report once the last is stored. */
async function fetchRate(
  url: string,
  token: string,
): Promise<{ rate: number; failed: number; client: string }> {
  let stored = 0
  let failed = 0
  const until = performance.now() + SECONDS * 1000
  const started = performance.now()
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      for (let n = 0; performance.now() < until; n++) {
        const res = await postReport(
          url,
          token,
          [7 + ((c * 7 + n) % 60) / 10, 15 + ((c + n) % 19)],
          'ingest bench report',
        )
        await res.arrayBuffer()
        if (res.status === 201 || res.status === 200) stored++
        else failed++
      }
    }),
  )
  return { rate: stored / ((performance.now() - started) / 1000), failed, client: 'Node fetch' }
}

/** pgbench's transactions a second for SCRIPT, as the reporter of `email`. */
function pgbenchRate(databaseUrl: string, email: string): number {
  const psql = (query: string) =>
    execFileSync('psql', [databaseUrl, '-Atqc', query], { encoding: 'utf8' }).trim()
  const [reporter, agency] = psql(`SELECT id, agency_id FROM users WHERE email = '${email}'`).split('|')
  const dir = mkdtempSync(join(tmpdir(), 'crosswatch-bench-pgbench-'))
  try {
    const script = join(dir, 'report.sql')
    writeFileSync(script, SCRIPT)
    const output = execFileSync(
      'pgbench',
      ['-n', '-c', String(CLIENTS), '-j', '2', '-T', String(SECONDS), '-D', `reporter=${reporter}`].concat([
        '-D',
        `agency=${agency}`,
        '-f',
        script,
        databaseUrl,
      ]),
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    )
    return Number(output.match(/tps = ([\d.]+)/)?.[1] ?? Number.NaN)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The two figures on the running server at `url` (its database at `databaseUrl`), as the reporter `email`. */
export async function benchIngest(url: string, databaseUrl: string, token: string, email: string) {
  const api = await apiRate(url, token)
  const anchor = pgbenchRate(databaseUrl, email)
  return [
    `ingest, ${CLIENTS} clients for ${SECONDS} s:`,
    `  POST /api/reports (${api.client})${' '.repeat(Math.max(1, 17 - api.client.length))}${api.rate.toFixed(0)} reports/s stored (${api.failed} refused or failed)`,
    `  pgbench, the same transaction      ${anchor.toFixed(0)} transactions/s`,
    `  ÷ pgbench: ${(api.rate / anchor).toFixed(2)}× (target ≥ 0.8×)`,
  ]
}
