// Every layer leaves as GeoJSON (the default) or CSV, chosen with ?format=, streamed to the socket a
// batch of features at a time: no answer is ever one string. A layer that does not page refuses more
// than its cap with a 413; one that pages (incidents) answers a page and links to the next.
import type { Feature, FeatureCollection } from 'geojson'
import type { Context, TypedResponse } from 'hono'
import type { JSONParsed } from 'hono/utils/types'
import { columnsOf, csvRow, csvText, geojsonText, mapEach } from './feature-text.ts'
import { MAX_FEATURES, type PageLink, tooManyFeatures } from './paging.ts'
import { Problem } from './problem.ts'

export const FORMATS = ['geojson', 'csv'] as const
export type Format = (typeof FORMATS)[number]

const GEOJSON = 'application/geo+json'
/** Features a chunk of an in-memory collection holds. */
const CHUNK = 500

export function parseFormat(value: string | undefined): Format {
  if (value === undefined) return 'geojson'
  if ((FORMATS as readonly string[]).includes(value)) return value as Format
  throw Problem.invalid([{ name: 'format', reason: `expected one of ${FORMATS.join(', ')}` }])
}

/**
 * What the route declares it answers: the collection as JSON, or CSV text. The body is a stream of
 * that same text, which the declared types cannot say.
 */
type CollectionResponse<T> =
  | (Response & TypedResponse<JSONParsed<T>, 200, 'json'>)
  | (Response & TypedResponse<string, 200, 'body'>)

/**
 * Answers with the collection in the asked format, streamed; `name` names the downloaded file. More
 * than `maxFeatures` features is a 413, whose detail names the cap. CSV has a column for every
 * property any feature has.
 */
export function respondWithCollection<T extends FeatureCollection>(
  c: Context,
  collection: T,
  name: string,
  format: Format,
  maxFeatures = MAX_FEATURES,
): CollectionResponse<T> {
  const { features } = collection
  if (features.length > maxFeatures) throw tooManyFeatures(maxFeatures)
  if (format === 'csv') {
    const rows = features.map(csvRow)
    return csvResponse(c, name, csvText(chunks(rows), columnsOf(rows)))
  }
  return streamed(c, geojsonText(chunks(features)), { 'content-type': GEOJSON })
}

/** A page of a layer that pages: its features as they come, the links (self, next) and their header. */
export interface PageAnswer {
  batches: AsyncIterable<Feature[]>
  links: PageLink[]
  /** The CSV header: the same for every page (feature-text.ts columnsFromSchema). */
  columns: string[]
}

export function respondWithPage<T extends FeatureCollection>(
  c: Context,
  page: PageAnswer,
  name: string,
  format: Format,
): CollectionResponse<T> {
  const next = page.links.find((l) => l.rel === 'next')
  const link: Record<string, string> = next ? { link: `<${next.href}>; rel="next"; type="${next.type}"` } : {}
  if (format === 'csv') {
    const rows = mapEach(page.batches, csvRow)
    return csvResponse(c, name, csvText(rows, page.columns), link)
  }
  return streamed(c, geojsonText(page.batches, { links: page.links }), { 'content-type': GEOJSON, ...link })
}

function csvResponse<T>(c: Context, name: string, text: AsyncIterable<string>, headers = {}) {
  return streamed<T>(c, text, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}.csv"`,
    ...headers,
  })
}

function streamed<T>(c: Context, text: AsyncIterable<string>, headers: Record<string, string>) {
  return c.body(textStream(text), 200, headers) as unknown as CollectionResponse<T>
}

/** The text as UTF-8 bytes, pulled a chunk at a time as the socket takes them. */
function textStream(text: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  const chunks = text[Symbol.asyncIterator]()
  return new ReadableStream({
    async pull(controller) {
      const { value, done } = await chunks.next()
      if (done) controller.close()
      else controller.enqueue(encoder.encode(value))
    },
    async cancel() {
      await chunks.return?.()
    },
  })
}

function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += CHUNK) yield items.slice(i, i + CHUNK)
}
