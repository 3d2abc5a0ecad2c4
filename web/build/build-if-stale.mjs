// Builds the web app when dist/web is missing or older than its sources; `npm start` and the tests use it.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
const output = join(root, 'dist/web/index.html')
const inputs = ['web', 'vite.config.ts', 'package-lock.json', 'tsconfig.json']

function newest(path) {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))))
}

export function webIsStale() {
  if (!existsSync(output)) return true
  const built = statSync(output).mtimeMs
  return inputs.some((input) => existsSync(join(root, input)) && newest(join(root, input)) > built)
}

export function buildWebIfStale({ log = console.log } = {}) {
  if (!webIsStale()) return false
  log('[crosswatch] building the web app (vite build)…')
  const vite = join(root, 'node_modules/vite/bin/vite.js')
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
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
