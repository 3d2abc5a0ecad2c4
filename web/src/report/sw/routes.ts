// Which requests the report page's service worker answers, and from where: the page itself (network first,
// its cached copy when there is no connection), its files (from the cache), and everything else, /api/*
// above all, left to the network untouched. Pure, so the rules are tested in Node.

/** The precache list the build writes into the worker (web/build/report-sw-plugin.ts). */
export interface PrecacheManifest {
  /** Changes whenever a listed file does: a new version installs a new cache and drops the old. */
  version: string
  /** Absolute paths: /report.html, /assets/…, /report.webmanifest, /icons/… */
  urls: string[]
}

export type Route = 'shell' | 'precached' | 'network'

/** The page's HTML as built; every navigation under /report gets it (the page routes in the browser). */
export const SHELL_URL = '/report.html'
const CACHE_PREFIX = 'crosswatch-report-'

export function cacheName(version: string): string {
  return `${CACHE_PREFIX}${version}`
}

function isReportPath(pathname: string): boolean {
  return pathname === '/report' || pathname.startsWith('/report/')
}

export function routeOf(
  request: { url: string; method: string; mode: string },
  origin: string,
  precached: ReadonlySet<string>,
): Route {
  const url = new URL(request.url)
  if (request.method !== 'GET' || url.origin !== origin) return 'network'
  // Never cached: reports, sessions and reviews are the server's to answer, or to fail.
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return 'network'
  if (request.mode === 'navigate') return isReportPath(url.pathname) ? 'shell' : 'network'
  return precached.has(url.pathname) ? 'precached' : 'network'
}

/** The caches of earlier versions of the page, to delete once this one is active. */
export function staleCaches(names: readonly string[], current: string): string[] {
  return names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== current)
}
