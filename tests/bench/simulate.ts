// `node --import tsx tests/bench/simulate.ts`: the rate `npm run simulate` keeps against a local server
// process, on the embedded engine and, when DATABASE_URL is set, on a scratch PostgreSQL database it
// creates and drops. Each rate runs BENCH_SECONDS (10) seconds. Printed, not asserted.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { signIn } from '../../data/cli/credentials.ts'
import { DEMO_PASSWORD } from '../../data/seed/demo-users.ts'
import { EventStream } from '../../data/simulator/events.ts'
import { Simulator } from '../../data/simulator/run.ts'
import { loadWorld } from '../../data/simulator/world.ts'
import { withScratchDatabase } from '../helpers/engines.ts'
import { startServer } from '../helpers/server.ts'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const RATES = (process.env.BENCH_RATES ?? '100,200,400').split(',').map(Number)

async function bench(label: string, env: Record<string, string>) {
  // Demo mode, signed in as its coordinator: crossing counts need one.
  const server = await startServer({ ...env, CROSSWATCH_DEMO: '1' }, 300_000)
  try {
    const token = await signIn(server.url, 'coordinator@crosswatch.example', DEMO_PASSWORD)
    const world = await loadWorld(server.url, (input, init) =>
      fetch(input, { ...init, headers: { authorization: `Bearer ${token}` } }),
    )
    for (const rate of RATES) {
      const simulator = new Simulator(new EventStream(world, `bench-${rate}`), {
        url: server.url,
        token,
        rate,
        durationS: SECONDS,
      })
      const s = await simulator.run()
      console.log(
        `${label}, target ${rate}/s for ${SECONDS} s: sent ${s.rate.toFixed(1)}/s, accepted ` +
          `${s.acceptedRate.toFixed(1)}/s (${s.accepted} of ${s.sent} in ${s.elapsedS.toFixed(1)} s: ` +
          `${s.counts} counts, ${s.reports} reports), failed ${s.failed}, retried ${s.retries}`,
      )
    }
  } finally {
    await server.stop()
  }
}

console.log(`Node ${process.version}, ${new Date().toISOString()}`)
const dir = mkdtempSync(join(tmpdir(), 'crosswatch-bench-simulate-'))
try {
  await bench('embedded PostGIS', { CROSSWATCH_DATA_DIR: join(dir, 'data') })
} finally {
  rmSync(dir, { recursive: true, force: true })
}
if (process.env.DATABASE_URL) {
  await withScratchDatabase(process.env.DATABASE_URL, `crosswatch_bench_simulate_${process.pid}`, (url) =>
    bench('PostGIS server', { DATABASE_URL: url }),
  )
}
