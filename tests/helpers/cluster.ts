// A private PostgreSQL cluster for a test that must stop, restart or replicate its server: initdb in a
// temporary folder on a free port, run as the `postgres` user when the tests run as root (PostgreSQL
// refuses root), and a streaming hot standby of it made with pg_basebackup, as docs/deploy.md says.
import { execFileSync, spawnSync } from 'node:child_process'
import { appendFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The newest PostgreSQL server binaries Debian installed, or null. */
function binDir(): string | null {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
  return versions[0] ? join(root, versions[0], 'bin') : null
}

const bin = binDir()
const asRoot = process.getuid?.() === 0
/** Whether this machine can run a private cluster: the server binaries, and a user other than root. */
export const canRunCluster =
  bin !== null && (!asRoot || spawnSync('id', ['-u', 'postgres'], { stdio: 'ignore' }).status === 0)

function run(program: string, args: string[]): string {
  const path = join(bin as string, program)
  const [command, all] = asRoot ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args]
  return execFileSync(command, all, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

export interface Cluster {
  port: number
  /** A postgres:// URL of database `name` on this cluster, as the superuser `postgres`. */
  url(name: string): string
  start(): void
  /** `fast` rolls back open transactions and closes every connection, as a restart would. */
  stop(mode?: 'fast' | 'immediate'): void
  /** Stops it (if running) and removes its folder. */
  remove(): void
}

function cluster(root: string, data: string, port: number): Cluster {
  const pgCtl = (...args: string[]) => run('pg_ctl', ['-D', data, ...args])
  let running = false
  return {
    port,
    url: (name) => `postgres://postgres@127.0.0.1:${port}/${name}`,
    start() {
      pgCtl('-l', join(root, `${port}.log`), '-w', '-t', '60', 'start')
      running = true
    },
    stop(mode = 'fast') {
      pgCtl('-m', mode, '-w', '-t', '60', 'stop')
      running = false
    },
    remove() {
      if (running) pgCtl('-m', 'immediate', '-w', 'stop')
      running = false
      rmSync(root, { recursive: true, force: true })
    },
  }
}

function folder(): string {
  const root = mkdtempSync(join(tmpdir(), 'crosswatch-cluster-'))
  if (asRoot) execFileSync('chown', ['postgres', root])
  return root
}

/** A new primary, started: trust auth on 127.0.0.1 (replication too, initdb's default), fsync off. */
export async function primaryCluster(): Promise<Cluster> {
  const root = folder()
  const data = join(root, 'primary')
  const port = await freePort()
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync'])
  const settings = [
    `port = ${port}`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${root}'`,
    'fsync = off',
    'full_page_writes = off',
  ]
  appendFileSync(join(data, 'postgresql.conf'), `\n${settings.join('\n')}\n`)
  const primary = cluster(root, data, port)
  primary.start()
  return primary
}

/** A streaming hot standby of `primary` (pg_basebackup -R), started. */
export async function standbyCluster(primary: Cluster): Promise<Cluster> {
  const root = folder()
  const data = join(root, 'standby')
  const port = await freePort()
  // A fast checkpoint: the default spreads it over minutes.
  const source = ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres']
  run('pg_basebackup', [...source, '-D', data, '-R', '-X', 'stream', '-c', 'fast', '--no-sync'])
  // The copied settings name the primary's port and folder; later lines win.
  appendFileSync(
    join(data, 'postgresql.conf'),
    `\nport = ${port}\nunix_socket_directories = '${root}'\nhot_standby = on\n`,
  )
  const standby = cluster(root, data, port)
  standby.start()
  return standby
}
