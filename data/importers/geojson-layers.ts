// The layers a GeoJSON file may hold (posts, resources, areas, incidents, SAR regions): the properties and
// geometry each takes, the table it goes to, and the sources a file declares. Unknown properties are ignored.
import type { PgTable } from 'drizzle-orm/pg-core'
import { z } from 'zod'
import { adminAreas, borderPosts, incidents, resources, sarRegions } from '../../db/schema.ts'
import type { SourceRecord } from '../../db/sources.ts'
import { countryOfName } from './mmp-values.ts'

export const LAYERS = ['posts', 'resources', 'areas', 'incidents', 'sar_regions'] as const
export type Layer = (typeof LAYERS)[number]

const iso2 = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code such as NE')
const text = z.string().trim().min(1, 'is empty')
const optionalText = z
  .string()
  .nullish()
  .transform((v) => v?.trim() || null)
const count = z.number().int('expected a whole number').min(0, 'must be 0 or more')
const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lowercase slug such as it-lampedusa-hotspot')

export const sourceSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a slug such as crosswatch-resources'),
  name: text,
  publisher: text,
  licence: text,
  url: optionalText,
  retrieved_at: z.iso
    .date()
    .or(z.iso.datetime({ offset: true }))
    .nullish(),
  modelled: z.boolean().default(false),
  calibrated_on: optionalText,
  citation: optionalText,
  notes: optionalText,
})
export type SourceDef = z.infer<typeof sourceSchema>

/** A declared source as its `sources` row. */
export function sourceRecord(s: SourceDef): SourceRecord {
  return {
    id: s.id,
    name: s.name,
    publisher: s.publisher,
    licence: s.licence,
    url: s.url,
    retrievedAt: s.retrieved_at ? new Date(s.retrieved_at) : null,
    modelled: s.modelled,
    calibratedOn: s.calibrated_on,
    citation: s.citation,
    notes: s.notes,
  }
}

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).rest(z.number())
const point = z.object({ type: z.literal('Point'), coordinates: position })
const ring = z
  .array(position)
  .min(4, 'a ring needs at least 4 positions')
  .refine((r) => r[0]?.[0] === r.at(-1)?.[0] && r[0]?.[1] === r.at(-1)?.[1], 'a ring must be closed')
const polygon = z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) })
const multiPolygon = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(ring).min(1)).min(1),
})
const area = z.union([polygon, multiPolygon], 'expected a Polygon or a MultiPolygon')

const common = { source_id: z.string().min(1).optional() }

/** Each layer: the properties it takes and the geometry it needs. Unknown properties are ignored. */
export const layerSchemas = {
  posts: {
    geometry: point,
    properties: z.object({
      ...common,
      id: z.string().regex(/^[a-z]{2}-[a-z0-9-]+$/, 'expected a slug such as ne-assamaka'),
      name: text,
      kind: z.enum(['land', 'sea', 'air']),
      country: iso2,
      counterpart: iso2,
      location_precision: z.enum(['site', 'town']),
      operator: optionalText,
      status: z.enum(['open', 'restricted', 'closed']).nullish(),
      status_note: optionalText,
      registration_system: optionalText,
      source_ref: z.string().trim().min(1, 'every post says where it comes from'),
      source_url: optionalText.refine((v) => v === null || URL.canParse(v), 'is not a URL'),
      notes: optionalText,
    }),
  },
  resources: {
    geometry: point,
    properties: z.object({
      ...common,
      id: slug,
      name: text,
      kind: z.enum(resources.kind.enumValues),
      country: iso2,
      operator: optionalText,
      capacity: count.nullish(),
      occupancy: count.nullish(),
      capacity_source_id: optionalText,
      status: z.enum(resources.status.enumValues).nullish(),
      closed_on: z.iso.date().nullish(),
      source_ref: optionalText,
      notes: optionalText,
    }),
  },
  areas: {
    geometry: area,
    properties: z.object({
      ...common,
      id: z.string().regex(/^[a-z]{2}-[a-z0-9-]+$/, 'expected a slug such as ne-agadez'),
      pcode: optionalText,
      name: text,
      country: iso2,
      level: z.number().int().min(1).max(3).default(1),
    }),
  },
  incidents: {
    geometry: point,
    properties: z.object({
      ...common,
      external_id: text,
      occurred_at: z.iso.datetime({ offset: true }).or(z.iso.date()),
      occurred_precision: z.enum(['day', 'month']).default('day'),
      type: z.enum(incidents.type.enumValues),
      severity: z.enum(incidents.severity.enumValues),
      dead: count.default(0),
      missing: count.default(0),
      injured: count.default(0),
      survivors: count.default(0),
      children: count.default(0),
      cause: optionalText,
      country: iso2.nullish(),
      route: optionalText,
      description: z.string().default(''),
      verification: z.enum(incidents.verification.enumValues).default('unverified'),
      source_url: optionalText.refine((v) => v === null || URL.canParse(v), 'is not a URL'),
    }),
  },
  sar_regions: {
    geometry: area,
    properties: z.object({
      ...common,
      id: slug.optional(),
      name: optionalText,
      /** An ISO alpha-2 code, or a country name as giocopp's file gives it ("Italy"). */
      country: z
        .string()
        .trim()
        .transform((v, ctx) => {
          const code = /^[A-Z]{2}$/.test(v) ? v : countryOfName(v)
          if (code) return code
          ctx.addIssue({
            code: 'custom',
            message: `"${v}": expected an ISO 3166-1 alpha-2 code or a country name`,
          })
          return z.NEVER
        }),
      responsible_centre: optionalText,
      description: optionalText,
      zone_label: optionalText,
      source_ref: optionalText,
    }),
  },
} as const

/** The table of each layer and the key its rows are upserted on. */
export const LAYER_TABLES: Record<Layer, { table: PgTable; target: string[] }> = {
  posts: { table: borderPosts, target: ['id'] },
  resources: { table: resources, target: ['id'] },
  areas: { table: adminAreas, target: ['id'] },
  incidents: { table: incidents, target: ['sourceId', 'externalId'] },
  sar_regions: { table: sarRegions, target: ['id'] },
}

/**
 * The IMO SAR regions as giocopp parsed them from IMO GISIS: the default source of a file recognised as
 * SAR zones by its properties. IMO's reuse terms are unknown, so the file is never shipped in the repo.
 */
export const SAR_SOURCE: SourceDef = {
  id: 'imo-gisis-sar-giocopp',
  name: 'IMO Global SAR Plan search-and-rescue regions of the central Mediterranean (parsed by Giorgio Coppola)',
  publisher:
    'International Maritime Organization (IMO), GISIS Global SAR Plan; parsed by Giorgio Coppola (giocopp/Missing-Migrants-Count)',
  licence:
    'Unknown: IMO states no reuse terms for GISIS (registration required); the parsed file is in a CC BY 4.0 repository. Not shipped with Crosswatch',
  url: 'https://github.com/giocopp/Missing-Migrants-Count',
  retrieved_at: '2026-04-29',
  modelled: false,
  calibrated_on: null,
  citation: 'Search and rescue regions: IMO GISIS Global SAR Plan, via giocopp/Missing-Migrants-Count',
  notes:
    'data/sar_zones.geojson at commit f9215874d52a6a300aa634878902441a51090223, parsed from the official GML of the ' +
    'IMO GISIS Global SAR Plan portal.',
}

/** One valid feature, ready for its table. `sources` are the file's declared sources (shared by reference). */
export type GeoJsonRow = {
  [L in Layer]: { layer: L; record: Record<string, unknown>; sources: SourceDef[]; feature: number }
}[Layer]
