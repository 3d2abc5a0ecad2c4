// A field report as the benches post it to a running server: a stranded group at `coordinates`, now,
// under a new Idempotency-Key. Each bench says where and why; the rest is the same report.
import { randomUUID } from 'node:crypto'

export function postReport(
  baseUrl: string,
  token: string,
  coordinates: [number, number],
  description: string,
): Promise<Response> {
  return fetch(new URL('api/reports', baseUrl), {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify({
      type: 'stranded_group',
      occurredAt: new Date().toISOString(),
      location: { type: 'Point', coordinates },
      counts: { dead: 0, missing: 0, injured: 1, survivors: 20, children: 3 },
      description,
    }),
  })
}
