// One config for the web build (root: web/) and for Vitest (root: the repository). Two pages: the
// command-centre map (index.html) and the field report page (report.html, with its service worker).
//
// Tests run in three tiers, Vitest projects (`npx vitest run --project unit`; `npm test` runs all three).
// A file's tier follows from what it imports, so a new test needs no list and no special name:
//   e2e   tests/e2e/**: Chromium against a server process; the web app is built first.
//   db    a file that imports tests/helpers/database.ts, engines.ts, app.ts or server.ts: it gets a
//         database (or a server on one) on each engine, from the template the global setup prepares.
//   unit  every other test file: it opens no database and no browser, and starts in seconds.
// A file that mixes the two is split, its pure part in a file of its own (e.g. tests/db/copy-line.test.ts).
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'
import { reportWorkerPlugin } from './web/build/report-sw-plugin.ts'
import { townsPlugin } from './web/build/towns-plugin.ts'

const web = (path: string) => fileURLToPath(new URL(`./web/${path}`, import.meta.url))
const repository = fileURLToPath(new URL('.', import.meta.url))

/** A value import (not `import type`) of a helper that opens a database or starts a server. */
const NEEDS_DATABASE = /^import (?!type )[^']*'[^']*\/helpers\/(?:database|engines|app|server)\.ts'/m

/** Every `*.test.ts` under `dir`, outside node_modules. */
function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFiles(path)
    return entry.name.endsWith('.test.ts') ? [path] : []
  })
}

function testTiers() {
  const tiers = { unit: [] as string[], db: [] as string[], e2e: [] as string[] }
  const files = ['tests', 'web/src', 'server', 'data', 'db'].flatMap((dir) =>
    testFiles(join(repository, dir)),
  )
  for (const file of files.map((path) => relative(repository, path)).sort()) {
    if (file.startsWith('tests/e2e/')) tiers.e2e.push(file)
    else if (NEEDS_DATABASE.test(readFileSync(join(repository, file), 'utf8'))) tiers.db.push(file)
    else tiers.unit.push(file)
  }
  return tiers
}
const tiers = testTiers()

export default defineConfig({
  root: 'web',
  plugins: [
    react(),
    townsPlugin(),
    reportWorkerPlugin({
      html: web('report.html'),
      worker: web('src/report/sw/service-worker.ts'),
      publicDir: web('public'),
      publicFiles: [
        'report.webmanifest',
        'favicon.svg',
        'icons/report.svg',
        'icons/report-192.png',
        'icons/report-512.png',
        'icons/report-maskable-512.png',
      ],
    }),
  ],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: { input: { index: web('index.html'), report: web('report.html') } },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  test: {
    root: '.',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', './tests/summary-reporter.ts'],
    // No global setup up here: Vitest runs the root's whenever any project runs, unit included.
    projects: [
      { extends: true, test: { name: 'unit', include: tiers.unit } },
      { extends: true, test: { name: 'db', include: tiers.db, globalSetup: ['tests/global-setup.ts'] } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: tiers.e2e,
          globalSetup: ['tests/global-setup.ts', 'tests/global-setup-web.ts'],
        },
      },
    ],
  },
})
