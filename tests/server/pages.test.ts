// The two pages of the web app and their files: /report (and its paths) get the field report page, every
// other path the command-centre map; the report page's service worker and manifest are plain files.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client.ts'
import { createApp } from '../../server/app.ts'

const webDir = mkdtempSync(join(tmpdir(), 'crosswatch-web-'))
mkdirSync(join(webDir, 'assets'))
writeFileSync(join(webDir, 'index.html'), '<title>map page</title>')
writeFileSync(join(webDir, 'report.html'), '<title>report page</title>')
writeFileSync(join(webDir, 'report-sw.js'), 'self.addEventListener("fetch", () => {})')
writeFileSync(join(webDir, 'report.webmanifest'), '{"start_url":"/report"}')
writeFileSync(join(webDir, 'assets', 'report-abc.js'), 'export {}')
const BIG = `export const towns = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `town ${i}`))}\n`
writeFileSync(join(webDir, 'big.js'), BIG)

// No request here reaches the database.
const app = createApp({ database: { db: {} } as Database, config: { webDir } })

afterAll(() => rmSync(webDir, { recursive: true, force: true }))

describe('the pages', () => {
  it.each([
    ['/report', 'report page'],
    ['/report/', 'report page'],
    ['/report/queued/123', 'report page'],
    ['/', 'map page'],
    ['/incidents/5', 'map page'],
    ['/reports', 'map page'],
  ])('%s → the %s', async (path, page) => {
    const response = await app.request(path)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await response.text()).toContain(page)
  })

  it.each([
    ['/report-sw.js', /javascript/, 'addEventListener'],
    ['/report.webmanifest', /^application\/manifest\+json/, 'start_url'],
    ['/assets/report-abc.js', /javascript/, 'export'],
  ])('%s is served as it is', async (path, type, content) => {
    const response = await app.request(path)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(type)
    expect(await response.text()).toContain(content)
  })

  it.each([
    ['/assets/report-abc.js', 'public, max-age=31536000, immutable'],
    ['/', 'no-cache'],
    ['/report', 'no-cache'],
    ['/report-sw.js', 'no-cache'],
    ['/report.webmanifest', 'no-cache'],
  ])('%s may be kept: %s', async (path, cacheControl) => {
    const response = await app.request(path)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe(cacheControl)
  })

  it('gzips a page for a browser that accepts it', async () => {
    const response = await app.request('/big.js', { headers: { 'accept-encoding': 'gzip' } })
    expect(response.headers.get('content-encoding')).toBe('gzip')
    expect(gunzipSync(Buffer.from(await response.arrayBuffer())).toString()).toBe(BIG)
  })

  it('answers an unknown API path with a problem, not a page', async () => {
    const response = await app.request('/api/report')
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
  })
})
