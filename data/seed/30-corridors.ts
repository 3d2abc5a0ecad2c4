// Seed step: the corridors of data/corridors/corridors.json, when the table is empty. Each line is drawn
// here from the stages in order (posts and flow points by id, named places by their cited coordinates),
// bent through the file's open-sea waypoints; the stages are the data, the line follows from them.
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import type { LineString, Position } from 'geojson'
import { z } from 'zod'
import type { Database } from '../../db/client.ts'
import { corridorStages, corridors } from '../../db/schema.ts'
import { upsertSource } from '../../db/sources.ts'
import { upsertRows } from '../../db/upsert.ts'
import { sourceRecord, sourceSchema } from '../importers/geojson-layers.ts'

export const CORRIDORS_JSON = fileURLToPath(new URL('../corridors/corridors.json', import.meta.url))

const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])
const stageSchema = z.union([
  z.object({ post: z.string().min(1), name: z.string().optional() }).strict(),
  z.object({ flow_point: z.string().min(1), name: z.string().optional() }).strict(),
  z
    .object({
      place: z.string().min(1),
      lon: z.number().min(-180).max(180),
      lat: z.number().min(-90).max(90),
      source: z.string().min(1, 'a named place cites where its coordinates come from'),
      source_url: z.url().optional(),
    })
    .strict(),
  z.object({ via: lonLat, why: z.string().min(1, 'say why the line bends here') }).strict(),
])
const fileSchema = z.object({
  source: sourceSchema,
  corridors: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9-]+$/),
        name: z.string().min(1),
        mode: z.enum(['land', 'sea', 'mixed']),
        source_ref: z.string().min(1),
        notes: z.string().optional(),
        stages: z.array(stageSchema).min(2),
      }),
    )
    .min(1),
})
export type CorridorsFile = z.infer<typeof fileSchema>
type Stage = z.infer<typeof stageSchema>

export function parseCorridors(text: string): CorridorsFile {
  const result = fileSchema.safeParse(JSON.parse(text))
  if (!result.success) {
    const issue = result.error.issues[0]
    throw new Error(`${CORRIDORS_JSON}: ${issue?.path.join('.')}: ${issue?.message}`)
  }
  return result.data
}

export type Site = { name: string; lon: number; lat: number }

/** The corridor's stages (waypoints left out) and its line through stages and waypoints, in order. */
export function drawCorridor(
  stages: Stage[],
  posts: Map<string, Site>,
  points: Map<string, Site>,
  id: string,
) {
  const line: Position[] = []
  const rows: { seq: number; name: string; postId: string | null; flowPointId: string | null }[] = []
  for (const stage of stages) {
    if ('via' in stage) {
      line.push(stage.via)
      continue
    }
    let site: Site | undefined
    if ('post' in stage) site = posts.get(stage.post)
    else if ('flow_point' in stage) site = points.get(stage.flow_point)
    else site = { name: stage.place, lon: stage.lon, lat: stage.lat }
    const ref = 'post' in stage ? stage.post : 'flow_point' in stage ? stage.flow_point : stage.place
    if (!site) throw new Error(`${CORRIDORS_JSON}: corridor ${id}: unknown stage ${ref}`)
    line.push([site.lon, site.lat])
    rows.push({
      seq: rows.length + 1,
      name: ('name' in stage && stage.name) || site.name,
      postId: 'post' in stage ? stage.post : null,
      flowPointId: 'flow_point' in stage ? stage.flow_point : null,
    })
  }
  return { stages: rows, geometry: { type: 'LineString', coordinates: line } satisfies LineString }
}

export async function seed(database: Database): Promise<string | null> {
  const [row] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM corridors`)
  if (row && row.n > 0) return null
  const file = parseCorridors(await readFile(CORRIDORS_JSON, 'utf8'))
  const sites = async (table: 'border_posts' | 'flow_points') =>
    new Map(
      (
        await database.rows<Site & { id: string }>(
          sql`SELECT id, name, ST_X(location) AS lon, ST_Y(location) AS lat FROM ${sql.identifier(table)}`,
        )
      ).map((s) => [s.id, { name: s.name, lon: Number(s.lon), lat: Number(s.lat) }]),
    )
  const posts = await sites('border_posts')
  const points = await sites('flow_points')
  const drawn = file.corridors.map((c) => ({ c, ...drawCorridor(c.stages, posts, points, c.id) }))
  const s = file.source
  await database.db.transaction(async (tx) => {
    await upsertSource(tx, sourceRecord(s))
    await upsertRows(
      tx,
      corridors,
      ['id'],
      drawn.map(({ c, geometry }) => ({
        id: c.id,
        name: c.name,
        mode: c.mode,
        geometry,
        sourceId: s.id,
        sourceRef: c.source_ref,
        notes: c.notes ?? null,
      })),
    )
    await upsertRows(
      tx,
      corridorStages,
      ['corridorId', 'seq'],
      drawn.flatMap(({ c, stages }) => stages.map((st) => ({ corridorId: c.id, ...st }))),
    )
  })
  const stageCount = drawn.reduce((n, d) => n + d.stages.length, 0)
  return `seeded ${drawn.length} corridors with ${stageCount} stages`
}
