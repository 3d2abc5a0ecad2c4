// What every layer answers with: a GeoJSON FeatureCollection of its own features, each of one geometry
// type with the layer's properties (or the same as CSV). The schemas type the handlers, describe each
// layer in /api/openapi.json as a named component, and are what the web's types are inferred from.
import { z } from '@hono/zod-openapi'
import { problemSchema, signedIn } from '../http/openapi.ts'
import { linkSchema, MAX_FEATURES } from '../http/paging.ts'

const position = z.array(z.number()).min(2).openapi({ description: '[lon, lat] in WGS 84 degrees' })

export const pointSchema = z
  .object({ type: z.literal('Point'), coordinates: position })
  .openapi('GeoJsonPoint')
export const lineStringSchema = z
  .object({ type: z.literal('LineString'), coordinates: z.array(position) })
  .openapi('GeoJsonLineString')
export const polygonSchema = z
  .object({ type: z.literal('Polygon'), coordinates: z.array(z.array(position)) })
  .openapi('GeoJsonPolygon')
export const multiPolygonSchema = z
  .object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(position))) })
  .openapi('GeoJsonMultiPolygon')

/**
 * A layer's FeatureCollection, registered as `<name>FeatureCollection` (its features as `<name>Feature`,
 * its properties as `<name>Properties`). Every answer says how many features it holds; one of a layer
 * that pages also links to the next page, as OGC API – Features does.
 */
export function featureCollection<G extends z.ZodType, I extends z.ZodType, P extends z.ZodType>(
  name: string,
  shape: { geometry: G; id: I; properties: P },
) {
  const feature = z
    .object({
      type: z.literal('Feature'),
      id: shape.id,
      geometry: shape.geometry,
      properties: shape.properties.openapi(`${name}Properties`),
    })
    .openapi(`${name}Feature`)
  return z
    .object({
      type: z.literal('FeatureCollection'),
      features: z.array(feature),
      numberReturned: z.number().int().optional().openapi({ description: 'the features in this answer' }),
      links: z.array(linkSchema).optional().openapi({
        description: 'of a layer that pages: this page (self) and, when more follow, the next one (next)',
      }),
    })
    .openapi(`${name}FeatureCollection`)
}

const csv = z.string().openapi({ description: 'one row a feature, properties flattened; geometry as WKT' })

const nextLink = {
  link: {
    description:
      'when more features follow: `<…>; rel="next"`, the URL of the next page (GeoJSON and CSV alike)',
    schema: { type: 'string' as const },
  },
}

/**
 * The answers of a layer's route. One that does not page (the default) refuses more than its cap with a
 * 413; one that pages says so with `paged` and sends its next page's URL in a Link header too.
 */
export function featureCollectionResponses<S extends z.ZodType>(
  schema: S,
  description: string,
  { paged = false } = {},
) {
  const content = { 'application/geo+json': { schema }, 'text/csv': { schema: csv } }
  const tooLarge = {
    description: `more than ${MAX_FEATURES} features: narrow the request (bbox, from/to, filters)`,
    content: { 'application/problem+json': { schema: problemSchema } },
  }
  return {
    200: paged ? { description, content, headers: nextLink } : { description, content },
    304: { description: 'not modified since the ETag given in If-None-Match' },
    ...(paged ? {} : { 413: tooLarge }),
    ...signedIn(),
  }
}
