// Scale-out as docs/deploy.md describes it: two server processes on one PostgreSQL behind a real nginx
// (Debian's nginx-light), with the stream unbuffered. A report posted through nginx reaches SSE clients
// of both processes, and reads spread over both.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useTestDatabase } from '../helpers/database.ts'
import { engines } from '../helpers/engines.ts'
import { type RunningServer, startServer } from '../helpers/server.ts'
import { sseReader } from '../helpers/sse.ts'
import { signedIn } from '../helpers/users.ts'

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })

/** The upstream part of docs/deploy.md's nginx.conf, with the serving process named in a header. */
function nginxConf(dir: string, port: number, upstreams: string[]) {
  return `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  upstream crosswatch { ${upstreams.map((u) => `server ${u};`).join(' ')} keepalive 16; }
  server {
    listen 127.0.0.1:${port};
    add_header X-Upstream $upstream_addr always;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    location /api/stream {
      proxy_pass http://crosswatch;
      proxy_buffering off;
      proxy_read_timeout 1h;
    }
    location / { proxy_pass http://crosswatch; }
  }
}
`
}

const hasNginx = spawnSync('sh', ['-c', 'command -v nginx']).status === 0

describe.runIf(engines.includes('postgres') && hasNginx)(
  'two server processes behind nginx (needs nginx-light)',
  () => {
    const database = useTestDatabase('postgres')
    let servers: RunningServer[] = []
    let nginx: ChildProcess | undefined
    let base = ''
    const dir = mkdtempSync(join(tmpdir(), 'crosswatch-nginx-'))

    beforeAll(async () => {
      servers = await Promise.all([startServer(database.handle.env), startServer(database.handle.env)])
      const port = await freePort()
      const upstreams = servers.map((s) => new URL(s.url).host)
      writeFileSync(join(dir, 'nginx.conf'), nginxConf(dir, port, upstreams))
      nginx = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], {
        stdio: 'ignore',
      })
      base = `http://127.0.0.1:${port}/`
      for (let tries = 0; ; tries++) {
        const up = await fetch(`${base}api/health`).then(
          (r) => r.status === 200,
          () => false,
        )
        if (up) break
        if (tries > 100)
          throw new Error(`nginx did not answer: ${readFileSync(join(dir, 'error.log'), 'utf8')}`)
        await new Promise((r) => setTimeout(r, 100))
      }
    }, 120_000)
    afterAll(async () => {
      nginx?.kill('SIGTERM')
      await Promise.all(servers.map((s) => s.stop()))
      rmSync(dir, { recursive: true, force: true })
    })

    it('spreads reads over both processes', async () => {
      const served = new Set<string>()
      for (let i = 0; i < 6; i++) {
        const response = await fetch(`${base}api/health`)
        expect(response.status).toBe(200)
        served.add(response.headers.get('x-upstream') ?? '')
      }
      expect([...served].sort()).toEqual(servers.map((s) => new URL(s.url).host).sort())
    })

    it('delivers a report posted through nginx to SSE clients of both processes', async () => {
      const { token } = await signedIn(database.current, 'coordinator', 'Test agency')
      const auth = { authorization: `Bearer ${token}` }
      // nginx takes turns: two streams in a row land on the two processes.
      const responses = [
        await fetch(`${base}api/stream`, { headers: auth }),
        await fetch(`${base}api/stream`, { headers: auth }),
      ]
      expect(new Set(responses.map((r) => r.headers.get('x-upstream'))).size).toBe(2)
      const streams = responses.map(sseReader)
      for (const stream of streams) expect((await stream.next()).event).toBe('ready')
      const key = randomUUID()
      const posted = await fetch(`${base}api/reports`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({
          type: 'stranded_group',
          occurredAt: '2026-11-29T10:00:00Z',
          location: { type: 'Point', coordinates: [7.99, 16.97] },
          counts: { dead: 0, missing: 0, injured: 2, survivors: 25, children: 4 },
          description: `behind nginx ${key}`,
        }),
      })
      expect(posted.status).toBe(201)
      const { id } = (await posted.json()) as { id: number }
      for (const stream of streams) {
        let event = await stream.next(5000)
        while (event.event !== 'incident.created') event = await stream.next(5000)
        expect(JSON.parse(event.data ?? '').payload.incidentId).toBe(id)
        await stream.cancel()
      }
    })
  },
)
