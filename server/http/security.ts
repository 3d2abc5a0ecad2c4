// Web security of every answer: the headers that say what the two pages may load and do, and the rule
// that a write carrying the session cookie comes from this server's own pages (no cross-site forgery).
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { SESSION_COOKIE } from '../auth/middleware.ts'
import { Problem } from './problem.ts'

/**
 * What the map page and the report page need, and no more (tests/e2e/security.test.ts fails on any
 * violation; it failed without worker-src blob:, connect-src data: and img-src data:). MapLibre starts its
 * worker from a same-origin script (the map) or from a blob: URL of it (the report page, offline);
 * deck.gl's loaders fetch the icon atlas, a data: URL, and draw it as an image; MapLibre decodes images
 * through blob: URLs where a browser lacks createImageBitmap. MapLibre, deck.gl and React set
 * styles through element.style, which style-src does not govern, so no 'unsafe-inline'; nothing
 * evaluates a string (MapLibre's worker does only for plugin scripts, which we load none of), so no
 * 'unsafe-eval'.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "connect-src 'self' data:",
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

const HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  // Our own requests keep their Referer (a CSRF fallback below); other sites learn nothing of our URLs.
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  // The report page's GPS and camera; nothing else.
  'Permissions-Policy': 'camera=(self), geolocation=(self), microphone=(), payment=(), usb=()',
})

/** Puts the security headers on every answer: API, problems, static files and pages. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    for (const [name, value] of Object.entries(HEADERS)) c.res.headers.set(name, value)
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Refuses a write without `Authorization` that says it comes from another origin, and one with the
 * session cookie that does not prove it comes from ours. A Bearer token is never sent by the browser on
 * its own, so a request with one is not forged; a cookie is, even to another port of the same host.
 */
export function sameOriginWrites(): MiddlewareHandler {
  return async (c, next) => {
    // As requestToken: a non-empty Authorization header is used instead of the cookie.
    if (WRITES.has(c.req.method) && !c.req.header('authorization')) {
      const from = requestOrigin(c)
      const cookie = getCookie(c, SESSION_COOKIE) !== undefined
      if (from.kind === 'cross' || (cookie && from.kind === 'unknown')) throw forged(c, from)
    }
    await next()
  }
}

type From = { kind: 'same' } | { kind: 'cross'; origin: string } | { kind: 'unknown' }

/** Where the browser says a request comes from: Origin, else Sec-Fetch-Site, else the Referer's origin. */
function requestOrigin(c: Context): From {
  const own = ownOrigins(c.req.url)
  const judge = (origin: string): From =>
    own.includes(origin) ? { kind: 'same' } : { kind: 'cross', origin }
  const origin = c.req.header('origin')
  if (origin !== undefined) return judge(originOf(origin) ?? origin)
  const site = c.req.header('sec-fetch-site')
  if (site === 'same-origin') return { kind: 'same' }
  if (site === 'same-site' || site === 'cross-site') return { kind: 'cross', origin: `a ${site} page` }
  const referer = c.req.header('referer')
  if (referer) return judge(originOf(referer) ?? 'an unreadable Referer')
  return { kind: 'unknown' }
}

/**
 * The origin of the request URL (its scheme and Host), and over plain HTTP the same host over HTTPS too:
 * a proxy in front that ends TLS passes Host on, and only the host's owner serves pages there.
 */
function ownOrigins(url: string): string[] {
  const { origin, protocol, host } = new URL(url)
  return protocol === 'http:' ? [origin, `https://${host}`] : [origin]
}

function originOf(value: string): string | null {
  try {
    const { origin } = new URL(value)
    return origin === 'null' ? null : origin
  } catch {
    return null
  }
}

function forged(c: Context, from: From): Problem {
  const own = new URL(c.req.url).origin
  const reason =
    from.kind === 'cross'
      ? `is ${from.origin.slice(0, 200)}, not this server's ${own}`
      : `is missing: a write with the session cookie must come from this server's pages (${own}); scripts send Authorization: Bearer <token>`
  return new Problem(403, 'Forbidden', `Origin: ${reason}`, [{ name: 'Origin', reason }])
}
