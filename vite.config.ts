// One config for the web build (root: web/) and for Vitest (root: the repository). Two pages: the
// command-centre map (index.html) and the field report page (report.html, with its service worker).
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'
import { reportWorkerPlugin } from './web/build/report-sw-plugin.ts'
import { townsPlugin } from './web/build/towns-plugin.ts'

const web = (path: string) => fileURLToPath(new URL(`./web/${path}`, import.meta.url))

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
    include: ['tests/**/*.test.ts', 'web/src/**/*.test.ts', 'server/**/*.test.ts', 'data/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', './tests/summary-reporter.ts'],
  },
})
