import { describe, expect, it } from 'vitest'
import { cacheName, routeOf, staleCaches } from './routes.ts'

const origin = 'https://crosswatch.example'
const precached = new Set(['/report.html', '/assets/report-abc123.js', '/report.webmanifest'])
const get = (path: string, mode = 'cors', method = 'GET') => ({ url: `${origin}${path}`, mode, method })

describe('routeOf: what the service worker answers', () => {
  it.each([
    ['the page', get('/report', 'navigate'), 'shell'],
    ['a path of the page', get('/report/new?x=1', 'navigate'), 'shell'],
    ['the command-centre map (not this worker’s page)', get('/', 'navigate'), 'network'],
    ['a page that only starts like it', get('/reports', 'navigate'), 'network'],
    ['a file of the page', get('/assets/report-abc123.js', 'no-cors'), 'precached'],
    ['the manifest', get('/report.webmanifest'), 'precached'],
    ['a file of another page', get('/assets/index-def456.js'), 'network'],
    ['POST /api/reports', get('/api/reports', 'cors', 'POST'), 'network'],
    ['GET /api/reports/5', get('/api/reports/5'), 'network'],
    ['GET /api/auth/me', get('/api/auth/me'), 'network'],
    ['the live stream', get('/api/stream'), 'network'],
    ['another origin', { url: 'https://tiles.example/0/0/0.png', mode: 'no-cors', method: 'GET' }, 'network'],
  ])('%s → %s', (_, request, route) => {
    expect(routeOf(request, origin, precached)).toBe(route)
  })

  it('never answers /api/* from the cache, even were it listed', () => {
    expect(routeOf(get('/api/auth/me'), origin, new Set(['/api/auth/me']))).toBe('network')
  })
})

describe('staleCaches', () => {
  it('are the earlier versions of this page’s cache, and nothing else', () => {
    const current = cacheName('v2')
    expect(staleCaches([cacheName('v1'), current, 'other-app', cacheName('v0')], current)).toEqual([
      cacheName('v1'),
      cacheName('v0'),
    ])
  })
})
