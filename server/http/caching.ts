// How long a browser may keep the web app's files. Vite names build files by their content hash
// (assets/index-3f2a1c.js), so they never change: a year, immutable. Pages, the report page's service
// worker and the manifest are re-checked on every load (no-cache), so a new deployment reaches every screen.
import type { MiddlewareHandler } from 'hono'

const IMMUTABLE = 'public, max-age=31536000, immutable'

export function staticCaching(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    if (!c.res.ok || c.res.headers.has('cache-control')) return
    c.res.headers.set('Cache-Control', c.req.path.startsWith('/assets/') ? IMMUTABLE : 'no-cache')
  }
}
