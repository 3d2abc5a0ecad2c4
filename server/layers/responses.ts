// The responses every layer documents: a GeoJSON FeatureCollection (or CSV), and a 400 problem.
import { z } from '@hono/zod-openapi'
import { problemSchema } from '../http/openapi.ts'

const featureCollection = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.union([z.string(), z.number()]).optional(),
        geometry: z.object({ type: z.string(), coordinates: z.array(z.unknown()) }).nullable(),
        properties: z.record(z.string(), z.unknown()),
      }),
    ),
  })
  .openapi('FeatureCollection')

export function featureCollectionResponses(description: string) {
  return {
    200: {
      description,
      content: {
        'application/geo+json': { schema: featureCollection },
        'text/csv': { schema: z.string().openapi({ description: 'one row a feature; geometry as WKT' }) },
      },
    },
    304: { description: 'not modified since the ETag given in If-None-Match' },
    400: {
      description: 'an invalid parameter',
      content: { 'application/problem+json': { schema: problemSchema } },
    },
  } as const
}
