// What every layer answers with: a GeoJSON FeatureCollection of its own features, each of one geometry
// type with the layer's properties (or the same as CSV). The schemas type the handlers, describe each
// layer in /api/openapi.json as a named component, and are what the web's types are inferred from.
import { z } from '@hono/zod-openapi'
import { signedIn } from '../http/openapi.ts'

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
 * its properties as `<name>Properties`).
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
    .object({ type: z.literal('FeatureCollection'), features: z.array(feature) })
    .openapi(`${name}FeatureCollection`)
}

const csv = z.string().openapi({ description: 'one row a feature, properties flattened; geometry as WKT' })

export function featureCollectionResponses<S extends z.ZodType>(schema: S, description: string) {
  return {
    200: { description, content: { 'application/geo+json': { schema }, 'text/csv': { schema: csv } } },
    304: { description: 'not modified since the ETag given in If-None-Match' },
    ...signedIn(),
  }
}
