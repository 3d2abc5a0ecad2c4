// Compresses what compresses (JSON, GeoJSON, CSV, HTML, scripts, vector tiles) over 1 KiB, with the
// best encoding the client accepts: brotli, else gzip, else deflate. hono/compress stops at gzip, and
// Node 20's CompressionStream has no brotli, so this uses node:zlib. Never the live stream
// (text/event-stream) nor NDJSON progress, whose lines must leave as they happen.
import { Duplex } from 'node:stream'
import { constants, createBrotliCompress, createDeflate, createGzip } from 'node:zlib'
import type { MiddlewareHandler } from 'hono'
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/compress'

const ENCODINGS = ['br', 'gzip', 'deflate'] as const
type Encoding = (typeof ENCODINGS)[number]

/** Smaller answers gain nothing worth a compressor. @default 1 KiB */
const THRESHOLD = 1024
/**
 * Brotli quality for answers made per request: 4–5 compresses better than gzip's default at about its
 * speed; 11 is ten times slower and pays only for files compressed once.
 * @default 5
 */
const BROTLI_QUALITY = 5

const NEVER = /^\s*(text\/event-stream|application\/x-ndjson)\s*(;|$)/i
const VECTOR_TILE = /^\s*application\/vnd\.mapbox-vector-tile\s*(;|$)/i
const NO_TRANSFORM = /(?:^|,)\s*no-transform\s*(?:,|$)/i
const VARY_ENCODING = /(?:^|,)\s*accept-encoding\s*(?:,|$)/i

/** The encoding to use for `header` (Accept-Encoding): the most wanted, brotli first among equals. */
export function chooseEncoding(header: string | undefined): Encoding | undefined {
  if (!header) return undefined
  const q = new Map<string, number>()
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';')
    const weight = params.map((p) => p.trim().match(/^q=([0-9.]+)$/)?.[1]).find((v) => v !== undefined)
    q.set(name.trim(), weight === undefined ? 1 : Number(weight))
  }
  let best: { encoding: Encoding; q: number } | undefined
  for (const encoding of ENCODINGS) {
    const weight = q.get(encoding) ?? q.get('*') ?? 0
    if (weight > 0 && (!best || weight > best.q)) best = { encoding, q: weight }
  }
  return best?.encoding
}

function compressor(encoding: Encoding, size: number | undefined) {
  if (encoding === 'gzip') return createGzip()
  if (encoding === 'deflate') return createDeflate()
  const params: Record<number, number> = { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY }
  if (size) params[constants.BROTLI_PARAM_SIZE_HINT] = size
  return createBrotliCompress({ params })
}

function compressible(type: string | null): boolean {
  if (!type || NEVER.test(type)) return false
  return COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type) || VECTOR_TILE.test(type)
}

export function compress(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    const res = c.res
    const length = res.headers.get('content-length')
    if (
      res.status === 206 ||
      res.headers.has('content-encoding') ||
      res.headers.has('transfer-encoding') ||
      c.req.method === 'HEAD' ||
      (length !== null && Number(length) < THRESHOLD) ||
      !compressible(res.headers.get('content-type')) ||
      NO_TRANSFORM.test(res.headers.get('cache-control') ?? '')
    )
      return
    const vary = res.headers.get('vary')
    if (vary !== '*' && !(vary && VARY_ENCODING.test(vary)))
      c.header('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding')
    const encoding = chooseEncoding(c.req.header('accept-encoding'))
    if (!encoding || !res.body) return
    const zip = Duplex.toWeb(compressor(encoding, length === null ? undefined : Number(length)))
    c.res = new Response(res.body.pipeThrough(zip as ReadableWritablePair<Uint8Array, Uint8Array>), res)
    c.res.headers.delete('content-length')
    c.res.headers.set('content-encoding', encoding)
    const etag = c.res.headers.get('etag')
    if (etag && !etag.startsWith('W/')) c.res.headers.set('etag', `W/${etag}`)
  }
}
