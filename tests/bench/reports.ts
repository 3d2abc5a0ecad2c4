// Figures of the field-report path: a sign-in (argon2id verify), a report stored and acknowledged after
// its commit, the coordinators' review queue with its duplicate suggestions, and a map read as a user.
import { randomUUID } from 'node:crypto'
import type { Database } from '../../db/client.ts'
import { createApp } from '../../server/app.ts'
import { addUser } from '../../server/auth/accounts.ts'

const PASSWORD = 'bench-password-long'

function summary(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b)
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
  return `p50 ${at(50).toFixed(1)} ms, p95 ${at(95).toFixed(1)} ms (${times.length} requests)`
}

async function timeEach(
  runs: number,
  request: (i: number) => Response | Promise<Response>,
): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    const response = await request(i)
    await response.arrayBuffer()
    if (response.status >= 400) throw new Error(`bench request failed: ${response.status}`)
    times.push(performance.now() - start)
  }
  return times
}

export async function benchReports(database: Database): Promise<string[]> {
  const app = createApp({ database, config: { webDir: 'no-web' } })
  const email = `bench-${randomUUID().slice(0, 8)}@crosswatch.test`
  await addUser(database, { email, password: PASSWORD, role: 'coordinator', agency: 'Bench agency' })
  const login = () =>
    app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    })
  const logins = await timeEach(20, login)
  const { token } = (await (await login()).json()) as { token: string }
  const auth = { authorization: `Bearer ${token}` }
  const reports = await timeEach(100, (i) =>
    app.request('/api/reports', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        type: i % 3 ? 'stranded_group' : 'shipwreck',
        occurredAt: new Date(Date.now() - i * 600_000).toISOString(),
        location: { type: 'Point', coordinates: [8 + (i % 10) * 0.05, 17 + (i % 7) * 0.05] },
        counts: { dead: 0, missing: i % 4, injured: 1, survivors: 20, children: 3 },
        description: `Bench report ${i}`,
      }),
    }),
  )
  const queue = await timeEach(50, () => app.request('/api/reports?limit=50', { headers: auth }))
  const read = await timeEach(50, () => app.request('/api/layers/border-posts', { headers: auth }))
  return [
    `POST /api/auth/login (argon2id verify)          ${summary(logins)}`,
    `POST /api/reports (acknowledged after commit)   ${summary(reports)}`,
    `GET /api/reports?limit=50 (queue, duplicates)   ${summary(queue)}`,
    `GET /api/layers/border-posts with a session     ${summary(read)}`,
  ]
}
