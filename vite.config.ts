// One config for the web build (root: web/) and for Vitest (root: the repository).
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'
import { townsPlugin } from './web/build/towns-plugin.ts'

export default defineConfig({
  root: 'web',
  plugins: [react(), townsPlugin()],
  build: { outDir: '../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
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
