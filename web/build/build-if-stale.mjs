// Builds the web app when dist/web is missing or older than its sources; `npm start` and the tests use it.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
// Both pages and the report page's service worker: a build from before one of them existed is stale.
const outputs = ['index.html', 'report.html', 'report-sw.js'].map((file) => join(root, 'dist/web', file))
const inputs = ['web', 'vite.config.ts', 'package-lock.json', 'tsconfig.json']

function newest(path) {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))))
}

export function webIsStale() {
  if (!outputs.every((output) => existsSync(output))) return true
  const built = Math.min(...outputs.map((output) => statSync(output).mtimeMs))
  return inputs.some((input) => existsSync(join(root, input)) && newest(join(root, input)) > built)
}

export function buildWebIfStale({ log = console.log } = {}) {
  if (!webIsStale()) return false
  log('[crosswatch] building the web app (vite build)…')
  const vite = join(root, 'node_modules/vite/bin/vite.js')
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    // A production build whoever asks: under Vitest NODE_ENV is `test`, which would build React's
    // development bundle and leave import.meta.env.PROD false (no service worker for the report page).
    env: { ...process.env, NODE_ENV: 'production' },
  })
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status})`)
  return true
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    buildWebIfStale()
  } catch (error) {
    console.error(`crosswatch: ${error.message}`)
    process.exit(1)
  }
}
