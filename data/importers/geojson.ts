// GeoJSON FeatureCollections of border posts, resources, admin areas, incidents or SAR regions: parse (pure, every bad
// feature named by its index, property path and line) → upsert on the records' own ids.
// The file is read whole: GeoJSON of up to tens of MB parses in well under a second, so no streaming.
import type { Readable } from 'node:stream'
import { getTableColumns, inArray, type SQL, sql } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import type { MultiPolygon, Point } from 'geojson'
import { z } from 'zod'
import type { Database } from '../../db/client.ts'
import { adminAreas, borderPosts, incidents, resources, sarRegions, sources } from '../../db/schema.ts'
import { countryOfName } from './mmp-values.ts'
import { type Importer, type LoadResult, type Parsed, type RowError, RowErrors, type Tx } from './types.ts'

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

const sourceSchema = z.object({
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
const layerSchemas = {
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

export interface GeoJsonParse {
  rows: { line: number; row: GeoJsonRow }[]
  errors: RowError[]
}

const LAYER_MEMBER = 'crosswatch:layer'

/** Parses a whole GeoJSON text; pure. Errors name `features[i].properties.x` and the feature's line. */
export function parseGeoJson(textIn: string): GeoJsonParse {
  const fail = (column: string, reason: string, line = 1): GeoJsonParse => ({
    rows: [],
    errors: [{ line, column, reason }],
  })
  const body = textIn.charCodeAt(0) === 0xfeff ? textIn.slice(1) : textIn
  let doc: unknown
  try {
    doc = JSON.parse(body)
  } catch (error) {
    return fail('row', `not valid JSON: ${(error as Error).message}`, jsonErrorLine(body, error as Error))
  }
  if (!isObject(doc) || doc.type !== 'FeatureCollection') {
    return fail('type', 'expected a GeoJSON FeatureCollection')
  }
  if (!Array.isArray(doc.features)) return fail('features', 'expected an array of features')
  const features = doc.features as unknown[]

  const declared = z
    .array(sourceSchema)
    .safeParse([
      ...(doc['crosswatch:source'] === undefined ? [] : [doc['crosswatch:source']]),
      ...(Array.isArray(doc['crosswatch:sources']) ? doc['crosswatch:sources'] : []),
    ])
  if (!declared.success) {
    const issue = declared.error.issues[0]
    return fail(`crosswatch:source.${issue?.path.slice(1).join('.')}`, issue?.message ?? 'invalid source')
  }
  const fileSources = declared.data

  let fileLayer = doc[LAYER_MEMBER]
  if (fileLayer !== undefined && !LAYERS.includes(fileLayer as Layer)) {
    return fail(LAYER_MEMBER, `expected one of ${LAYERS.join(', ')}`)
  }
  const props = (f: unknown) => (isObject(f) && isObject(f.properties) ? f.properties : {})
  if (fileLayer === undefined && !features.some((f) => 'layer' in props(f))) {
    // A file of SAR zones as published (giocopp's sar_zones.geojson) names no layer: it is recognised
    // by its properties and filed under the IMO source unless it declares its own.
    if (features.length && features.every((f) => looksLikeSarZone(props(f)))) {
      fileLayer = 'sar_regions'
      if (!fileSources.length) fileSources.push(SAR_SOURCE)
    } else {
      return fail(
        LAYER_MEMBER,
        `no layer: add a top-level "${LAYER_MEMBER}" (${LAYERS.join(', ')}) or a "layer" property to each feature.`,
      )
    }
  }
  const defaultSource = fileSources[0]?.id

  const lines = featureLines(body)
  const rows: GeoJsonParse['rows'] = []
  const errors: RowError[] = []
  const seen = new Map<string, number>()
  for (const [i, feature] of features.entries()) {
    const line = lines[i] ?? 1
    const problems = checkFeature(feature, i, fileLayer as Layer | undefined)
    if ('errors' in problems) {
      for (const [column, reason] of problems.errors) errors.push({ line, column, reason })
      continue
    }
    const { layer, p, geometry } = problems
    const at = `features[${i}]`
    const sourceId = (p.source_id as string | undefined) ?? defaultSource
    if (!sourceId) {
      errors.push({ line, column: `${at}.properties.source_id`, reason: NO_SOURCE })
      continue
    }
    const key = `${layer}:${String(p.id ?? (layer === 'sar_regions' ? sarId(p) : `${sourceId}/${p.external_id}`))}`
    const first = seen.get(key)
    if (first !== undefined) {
      const column = `${at}.properties.${p.id ? 'id' : layer === 'sar_regions' ? 'country' : 'external_id'}`
      errors.push({ line, column, reason: `duplicate of features[${first}]` })
      continue
    }
    seen.set(key, i)
    const record = toRecord(layer, p, geometry, sourceId)
    rows.push({ line, row: { layer, record, sources: fileSources, feature: i } as GeoJsonRow })
  }
  return { rows, errors }
}

const NO_SOURCE = 'no source: set it, or declare a top-level "crosswatch:source"'

/** One feature against its layer's schema: the valid properties and geometry, or [path, reason] pairs. */
function checkFeature(
  feature: unknown,
  i: number,
  fileLayer: Layer | undefined,
): { errors: [string, string][] } | { layer: Layer; p: Record<string, unknown>; geometry: unknown } {
  const at = `features[${i}]`
  if (!isObject(feature) || feature.type !== 'Feature')
    return { errors: [[at, 'expected a GeoJSON Feature']] }
  const properties = isObject(feature.properties) ? feature.properties : {}
  const layer = (fileLayer ?? properties.layer) as Layer
  if (!LAYERS.includes(layer)) {
    return { errors: [[`${at}.properties.layer`, `expected one of ${LAYERS.join(', ')}`]] }
  }
  if (layer === 'areas' && looksLikeSarZone(properties)) return { errors: [[at, SAR_REASON]] }
  const schema = layerSchemas[layer]
  const geometry = schema.geometry.safeParse(feature.geometry)
  const parsed = schema.properties.safeParse(properties)
  const errors: [string, string][] = []
  if (!geometry.success) errors.push([`${at}.geometry`, firstMessage(geometry.error, 'geometry')])
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      errors.push([`${at}.properties.${issue.path.join('.')}`, issueMessage(issue)])
    }
  }
  if (errors.length || !geometry.success || !parsed.success) return { errors }
  return { layer, p: parsed.data as Record<string, unknown>, geometry: geometry.data }
}

const SAR_REASON =
  'These look like search-and-rescue regions (IMO SAR zones such as MRCC Roma or the Malta SRR): they are ' +
  'maritime areas of responsibility, not admin areas (admin_areas holds admin-1 land units that displacement ' +
  'counts and place lookups are keyed on); import them as the sar_regions layer.'

const sarId = (p: Record<string, unknown>) => `sar-${String(p.country).toLowerCase()}`

/** The rescue centre a SAR zone's description names (MRCC ROMA), if it names one. */
function rescueCentre(p: Record<string, unknown>): string | null {
  if (typeof p.responsible_centre === 'string') return p.responsible_centre
  const d = p.description
  return typeof d === 'string' && /\b(MRCC|JRCC|MRSC|RCC)\b/.test(d) ? d : null
}

function looksLikeSarZone(properties: Record<string, unknown>): boolean {
  const words = [properties.zone_label, properties.description].filter((v) => typeof v === 'string')
  return 'zone_label' in properties || words.some((w) => /\b(SAR|SRR|MRCC)\b|[Ss]earch and [Rr]escue/.test(w))
}

/** The record for the layer's table, keyed by the table's property names. */
function toRecord(layer: Layer, p: Record<string, unknown>, geometry: unknown, sourceId: string) {
  const location = geometry as Point
  switch (layer) {
    case 'posts':
      return {
        id: p.id,
        name: p.name,
        kind: p.kind,
        country: p.country,
        counterpart: p.counterpart,
        location: { type: 'Point', coordinates: location.coordinates.slice(0, 2) },
        locationPrecision: p.location_precision,
        operator: p.operator,
        status: p.status ?? null,
        statusNote: p.status_note,
        registrationSystem: p.registration_system,
        sourceId,
        sourceRef: p.source_ref,
        sourceUrl: p.source_url,
        notes: p.notes,
      }
    case 'resources':
      return {
        id: p.id,
        name: p.name,
        kind: p.kind,
        country: p.country,
        location: { type: 'Point', coordinates: location.coordinates.slice(0, 2) },
        operator: p.operator,
        capacity: p.capacity ?? null,
        occupancy: p.occupancy ?? null,
        capacitySourceId: p.capacity_source_id,
        status: p.status ?? null,
        closedOn: p.closed_on ?? null,
        sourceId,
        sourceRef: p.source_ref,
        notes: p.notes,
      }
    case 'areas': {
      const g = geometry as { type: string; coordinates: unknown }
      const multi = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as MultiPolygon['coordinates']
      return {
        id: p.id,
        pcode: p.pcode,
        name: p.name,
        country: p.country,
        level: p.level,
        geometry: { type: 'MultiPolygon', coordinates: multi },
        sourceId,
      }
    }
    case 'incidents':
      return {
        externalId: p.external_id,
        location: { type: 'Point', coordinates: location.coordinates.slice(0, 2) },
        occurredAt: new Date(String(p.occurred_at)),
        occurredPrecision: p.occurred_precision,
        type: p.type,
        severity: p.severity,
        dead: p.dead,
        missing: p.missing,
        injured: p.injured,
        survivors: p.survivors,
        children: p.children,
        cause: p.cause,
        country: p.country ?? null,
        route: p.route,
        description: p.description,
        verification: p.verification,
        sourceId,
        sourceUrl: p.source_url,
      }
    case 'sar_regions': {
      const g = geometry as { type: string; coordinates: unknown }
      const multi = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as MultiPolygon['coordinates']
      const country = String(p.country)
      const said = [
        p.zone_label && `zone_label "${p.zone_label}"`,
        p.description && `description "${p.description}"`,
      ]
      return {
        id: p.id ?? sarId(p),
        name:
          p.name ?? `${new Intl.DisplayNames('en', { type: 'region' }).of(country)} search and rescue region`,
        country,
        responsibleCentre: rescueCentre(p),
        geometry: { type: 'MultiPolygon', coordinates: multi },
        sourceId,
        sourceRef: p.source_ref ?? (said.filter(Boolean).join(', ') || null),
      }
    }
  }
}

const tables: Record<Layer, { table: PgTable; target: string[] }> = {
  posts: { table: borderPosts, target: ['id'] },
  resources: { table: resources, target: ['id'] },
  areas: { table: adminAreas, target: ['id'] },
  incidents: { table: incidents, target: ['sourceId', 'externalId'] },
  sar_regions: { table: sarRegions, target: ['id'] },
}

/** Upserts the declared sources, then each layer's rows; counts what changed. */
export async function loadGeoJson(tx: Tx, rows: GeoJsonRow[]): Promise<LoadResult> {
  const result: LoadResult = { inserted: 0, updated: 0, unchanged: 0 }
  const declared = new Map(rows.flatMap((r) => r.sources).map((s) => [s.id, s]))
  if (declared.size) await upsertRows(tx, sources, ['id'], [...declared.values()].map(sourceRecord))
  await checkSources(tx, rows)
  for (const layer of LAYERS) {
    const records = rows.filter((r) => r.layer === layer).map((r) => r.record)
    const { table, target } = tables[layer]
    for (let i = 0; i < records.length; i += 500) {
      const part = await upsertRows(tx, table, target, records.slice(i, i + 500))
      result.inserted += part.inserted
      result.updated += part.updated
      result.unchanged += part.unchanged
    }
  }
  return result
}

function sourceRecord(s: SourceDef) {
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

/** Every source a row points at must exist by now: rows that point elsewhere are refused by name. */
async function checkSources(tx: Tx, rows: GeoJsonRow[]) {
  const refs = rows.flatMap((r, index) =>
    (['sourceId', 'capacitySourceId'] as const).flatMap((key) => {
      const id = r.record[key]
      return typeof id === 'string' ? [{ index, key, id, feature: r.feature }] : []
    }),
  )
  if (!refs.length) return
  const ids = [...new Set(refs.map((r) => r.id))]
  const found = await tx.select({ id: sources.id }).from(sources).where(inArray(sources.id, ids))
  const known = new Set(found.map((f) => f.id))
  const problems = refs
    .filter((r) => !known.has(r.id))
    .map((r) => ({
      index: r.index,
      column: `features[${r.feature}].properties.${r.key === 'sourceId' ? 'source_id' : 'capacity_source_id'}`,
      reason: `unknown source "${r.id}": declare it in "crosswatch:source(s)" or import it first`,
    }))
  if (problems.length) throw new RowErrors(problems)
}

/**
 * INSERT … ON CONFLICT (target) DO UPDATE … WHERE the row differs; RETURNING (xmax = 0) tells an insert
 * from an update, and rows not returned were identical.
 */
export async function upsertRows(
  tx: Tx,
  table: PgTable,
  target: string[],
  records: Record<string, unknown>[],
): Promise<LoadResult> {
  const columns = getTableColumns(table)
  const keys = Object.keys(records[0] ?? {}).filter((k) => !target.includes(k))
  const name = (k: string) => sql.identifier(columns[k]?.name ?? k)
  const set: Record<string, SQL> = Object.fromEntries(keys.map((k) => [k, sql`excluded.${name(k)}`]))
  if ('updatedAt' in columns) set.updatedAt = sql`now()`
  const current = sql.join(
    keys.map((k) => sql`${table}.${name(k)}`),
    sql`, `,
  )
  const incoming = sql.join(
    keys.map((k) => sql`excluded.${name(k)}`),
    sql`, `,
  )
  const returned = await tx
    .insert(table)
    .values(records)
    .onConflictDoUpdate({
      target: target.map((k) => columns[k]) as never,
      set,
      setWhere: sql`(${current}) IS DISTINCT FROM (${incoming})`,
    })
    .returning({ inserted: sql<boolean>`(xmax = 0)` })
  const inserted = returned.filter((r) => r.inserted).length
  return { inserted, updated: returned.length - inserted, unchanged: records.length - returned.length }
}

/** The line each element of a top-level array (`features` unless told) starts on (1-based), by a scan of the text. */
export function featureLines(body: string, member = 'features'): number[] {
  const lines: number[] = []
  let line = 1
  let depth = 0
  let inString = false
  let stringStart = 0
  let lastString = ''
  let inFeatures = false
  let done = false
  let expecting = false
  for (let i = 0; i < body.length; i++) {
    const c = body[i]
    if (c === '\n') line++
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') {
        inString = false
        lastString = body.slice(stringStart, i)
      }
      continue
    }
    if (expecting && depth === 2 && c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') {
      if (c === ']') expecting = false
      else {
        lines.push(line)
        expecting = false
      }
    }
    if (c === '"') {
      inString = true
      stringStart = i + 1
    } else if (c === '{' || c === '[') {
      if (c === '[' && depth === 1 && lastString === member && !done) {
        inFeatures = true
        expecting = true
      }
      depth++
    } else if (c === '}' || c === ']') {
      depth--
      if (depth === 1 && inFeatures) {
        inFeatures = false
        done = true
        expecting = false
      }
    } else if (c === ',' && depth === 2 && inFeatures) expecting = true
  }
  return lines
}

function jsonErrorLine(body: string, error: Error): number {
  const lineCol = /line (\d+)/.exec(error.message)
  if (lineCol) return Number(lineCol[1])
  const position = /position (\d+)/.exec(error.message)
  return position ? body.slice(0, Number(position[1])).split('\n').length : 1
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function issueMessage(issue: z.core.$ZodIssue): string {
  return issue.code === 'invalid_type' && issue.message.endsWith('received undefined')
    ? 'is missing'
    : issue.message
}

function firstMessage(error: z.ZodError, what: string): string {
  const issue = error.issues[0]
  if (!issue) return `invalid ${what}`
  const path = issue.path.length ? ` at ${issue.path.join('.')}` : ''
  return `${issueMessage(issue)}${path}`
}

async function readAll(input: Readable): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of input)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer))
  return Buffer.concat(chunks).toString('utf8')
}

/** Parses and loads a whole GeoJSON text in one transaction; any bad feature throws and nothing lands. */
export async function importGeoJson(database: Database, body: string, file = 'GeoJSON'): Promise<LoadResult> {
  const { rows, errors } = parseGeoJson(body)
  if (errors.length) {
    const list = errors.slice(0, 5).map((e) => `${file}:${e.line} ${e.column}: ${e.reason}`)
    throw new Error(`${errors.length} invalid feature(s):\n${list.join('\n')}`)
  }
  try {
    return await database.db.transaction((tx) =>
      loadGeoJson(
        tx,
        rows.map((r) => r.row),
      ),
    )
  } catch (error) {
    if (!(error instanceof RowErrors)) throw error
    const list = error.problems
      .slice(0, 5)
      .map((p) => `${file}:${rows[p.index]?.line} ${p.column}: ${p.reason}`)
    throw new Error(`${error.problems.length} feature(s) refused:\n${list.join('\n')}`)
  }
}

export const geojsonImporter: Importer<GeoJsonRow> = {
  format: 'geojson',
  description:
    'GeoJSON FeatureCollection of posts, resources, areas, incidents or sar_regions (layer from "crosswatch:layer" or each feature\'s "layer"; IMO SAR zones recognised)',
  async *parse(input: Readable): AsyncIterable<Parsed<GeoJsonRow>> {
    const { rows, errors } = parseGeoJson(await readAll(input))
    const byLine = new Map<number, RowError[]>()
    for (const e of errors) byLine.set(e.line, [...(byLine.get(e.line) ?? []), e])
    const out: Parsed<GeoJsonRow>[] = [
      ...rows.map(({ line, row }) => ({ line, row })),
      ...[...byLine].map(([line, errs]) => ({ line, errors: errs })),
    ]
    yield* out.sort((a, b) => a.line - b.line)
  },
  load: loadGeoJson,
  batchSize: 1000,
}
