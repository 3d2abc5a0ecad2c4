// The `routes` importer: giocopp's hand-digitised migration routes (routes.json: ROUTE_LINES, HUBS, CITIES)
// → corridors with their hub stages, and hubs → flow points (loading: routes-load.ts). Countries come from
// the `countries` shapes (import the IOM world map first). The file is one JSON value of 16 KB: read
// whole; each record is named by its JSON path and line.
import { upsertSource } from '../../db/sources.ts'
import { featureLines, isObject, readAll, withoutBom } from './json-document.ts'
import { slug } from './names.ts'
import { loadRoutes, ROUTES_SOURCE, type RouteRow } from './routes-load.ts'
import type { Importer, Parsed } from './types.ts'

/** A vertex within this many degrees of a hub (about 1 km) is that hub: the file reuses the hubs' positions. */
const SAME_PLACE_DEGREES = 0.01

type Problem = { column: string; reason: string }

function latLng(value: unknown, column: string, problems: Problem[]): [number, number] | null {
  if (!Array.isArray(value) || value.length !== 2 || !value.every((v) => typeof v === 'number')) {
    problems.push({ column, reason: 'expected [latitude, longitude]' })
    return null
  }
  const [lat, lon] = value as [number, number]
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    problems.push({
      column,
      reason: `[${lat}, ${lon}]: latitude must be within ±90 and longitude within ±180`,
    })
    return null
  }
  return [lon, lat]
}

/** Parses the whole file; pure. Hubs and cities come first, so that lines can name them as stages. */
export function parseRoutes(textIn: string): Parsed<RouteRow>[] {
  const body = withoutBom(textIn)
  const fail = (column: string, reason: string): Parsed<RouteRow>[] => [
    { line: 1, errors: [{ line: 1, column, reason }] },
  ]
  let doc: unknown
  try {
    doc = JSON.parse(body)
  } catch (error) {
    return fail('row', `not valid JSON: ${(error as Error).message}`)
  }
  if (!isObject(doc)) return fail('row', 'expected an object with ROUTE_LINES, HUBS and CITIES')
  const missing = ['ROUTE_LINES', 'HUBS', 'CITIES'].filter((k) => !Array.isArray(doc[k]))
  if (missing.length) return fail(missing[0] as string, 'expected an array: not giocopp’s routes.json')

  const out: Parsed<RouteRow>[] = []
  const places: { name: string; lon: number; lat: number }[] = []
  const seen = new Map<string, string>()
  for (const member of ['HUBS', 'CITIES'] as const) {
    const lines = featureLines(body, member)
    for (const [i, item] of (doc[member] as unknown[]).entries()) {
      const path = `${member}[${i}]`
      const line = lines[i] ?? 1
      const problems: Problem[] = []
      const name = isObject(item) && typeof item.name === 'string' ? item.name.trim() : ''
      if (!name) problems.push({ column: `${path}.name`, reason: 'is empty' })
      const at = latLng(isObject(item) ? item.latlng : undefined, `${path}.latlng`, problems)
      const first = seen.get(slug(name))
      if (name && first)
        problems.push({ column: `${path}.name`, reason: `${name} again (first at ${first})` })
      if (problems.length || !at) {
        out.push({ line, errors: problems.map((p) => ({ line, ...p })) })
        continue
      }
      seen.set(slug(name), path)
      places.push({ name, lon: at[0], lat: at[1] })
      out.push({ line, row: { table: 'point', path, name, lon: at[0], lat: at[1] } })
    }
  }

  const lines = featureLines(body, 'ROUTE_LINES')
  for (const [index, item] of (doc.ROUTE_LINES as unknown[]).entries()) {
    const path = `ROUTE_LINES[${index}]`
    const line = lines[index] ?? 1
    const problems: Problem[] = []
    const route = isObject(item) && typeof item.route === 'string' ? item.route.trim() : ''
    if (!route) problems.push({ column: `${path}.route`, reason: 'is empty' })
    const coords = isObject(item) ? item.coords : undefined
    const coordinates: [number, number][] = []
    if (!Array.isArray(coords) || coords.length < 2) {
      problems.push({
        column: `${path}.coords`,
        reason: 'expected at least two [latitude, longitude] positions',
      })
    } else {
      for (const [j, c] of coords.entries()) {
        const at = latLng(c, `${path}.coords[${j}]`, problems)
        if (at) coordinates.push(at)
      }
    }
    if (problems.length) {
      out.push({ line, errors: problems.map((p) => ({ line, ...p })) })
      continue
    }
    const stages = coordinates.flatMap(([lon, lat]) =>
      places.filter(
        (p) => Math.abs(p.lon - lon) <= SAME_PLACE_DEGREES && Math.abs(p.lat - lat) <= SAME_PLACE_DEGREES,
      ),
    )
    const major = isObject(item) && item.major === true
    out.push({ line, row: { table: 'line', path, index, route, major, coordinates, stages } })
  }
  return out
}

export const routes: Importer<RouteRow> = {
  format: 'routes',
  description:
    'giocopp’s migration routes (routes.json: ROUTE_LINES, HUBS, CITIES) → corridors and hub flow points; needs the countries (topojson) first',
  async *parse(input) {
    const parsed = parseRoutes(await readAll(input))
    yield* parsed.sort((a, b) => a.line - b.line)
  },
  async prepare(tx) {
    await upsertSource(tx, ROUTES_SOURCE)
  },
  load: loadRoutes,
  batchSize: 1000,
}
