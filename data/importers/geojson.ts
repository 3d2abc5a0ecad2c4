// The `geojson` importer: FeatureCollections of border posts, resources, admin areas, incidents or SAR
// regions. The parser is pure and names every bad feature by its index, property path and line; the layers
// are geojson-layers.ts, the loading geojson-load.ts. The file is read whole: GeoJSON of up to tens of MB
// parses in well under a second, so no streaming.
import type { Readable } from 'node:stream'
import { z } from 'zod'
import type { Database } from '../../db/client.ts'
import {
  type GeoJsonRow,
  LAYERS,
  type Layer,
  layerSchemas,
  SAR_SOURCE,
  sourceSchema,
} from './geojson-layers.ts'
import { loadGeoJson } from './geojson-load.ts'
import { sarId, toRecord } from './geojson-records.ts'
import { featureLines, isObject, jsonErrorLine, readAll, withoutBom } from './json-document.ts'
import { type Importer, type LoadResult, type Parsed, type RowError, RowErrors } from './types.ts'

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
  const body = withoutBom(textIn)
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

function looksLikeSarZone(properties: Record<string, unknown>): boolean {
  const words = [properties.zone_label, properties.description].filter((v) => typeof v === 'string')
  return 'zone_label' in properties || words.some((w) => /\b(SAR|SRR|MRCC)\b|[Ss]earch and [Rr]escue/.test(w))
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
