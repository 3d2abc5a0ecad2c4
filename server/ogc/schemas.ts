// What /ogc answers, as zod schemas: they type the handlers and describe OGC API – Features' resources
// (landing page, conformance, collections, features) in /api/openapi.json.
import { z } from '@hono/zod-openapi'
import { lineStringSchema, multiPolygonSchema, pointSchema } from '../layers/responses.ts'

export const GEOJSON = 'application/geo+json'

export const linkSchema = z
  .object({
    href: z.string().openapi({ format: 'uri' }),
    rel: z.string().openapi({ example: 'items' }),
    type: z.string().optional().openapi({ example: GEOJSON }),
    title: z.string().optional(),
  })
  .openapi('OgcLink')
export type Link = z.infer<typeof linkSchema>

export const landingPageSchema = z
  .object({ title: z.string(), description: z.string(), links: z.array(linkSchema) })
  .openapi('OgcLandingPage')

export const conformanceSchema = z
  .object({ conformsTo: z.array(z.string().openapi({ format: 'uri' })) })
  .openapi('OgcConformance')

const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84'

export const extentSchema = z
  .object({
    spatial: z.object({
      bbox: z
        .array(z.array(z.number()).length(4))
        .openapi({ description: '[[minLon, minLat, maxLon, maxLat]]' }),
      crs: z.literal(CRS84),
    }),
    temporal: z
      .object({
        interval: z
          .array(z.array(z.string().nullable()).length(2))
          .openapi({ description: '[[first, last]] as ISO 8601 instants; null for an open end' }),
      })
      .optional()
      .openapi({ description: 'for collections that `datetime` filters' }),
  })
  .openapi('OgcExtent')
export type OgcExtent = z.infer<typeof extentSchema>

export const collectionSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    itemType: z.literal('feature'),
    crs: z.array(z.literal(CRS84)),
    extent: extentSchema.optional().openapi({ description: 'absent while the collection is empty' }),
    links: z.array(linkSchema),
  })
  .openapi('OgcCollection')

export const collectionsSchema = z
  .object({ links: z.array(linkSchema), collections: z.array(collectionSchema) })
  .openapi('OgcCollections')

/** Flat fields only (strings, numbers, booleans, null): GIS clients map each to a column. */
const propertiesSchema = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
  .openapi('OgcProperties')

export const featureSchema = z
  .object({
    type: z.literal('Feature'),
    id: z.string(),
    geometry: z.union([pointSchema, lineStringSchema, multiPolygonSchema]),
    properties: propertiesSchema,
    links: z.array(linkSchema).optional(),
  })
  .openapi('OgcFeature')
export type OgcFeature = z.infer<typeof featureSchema>

export const featureCollectionSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(featureSchema),
    numberMatched: z.number().int(),
    numberReturned: z.number().int(),
    timeStamp: z.string().openapi({ format: 'date-time' }),
    links: z.array(linkSchema),
  })
  .openapi('OgcFeatureCollection')
