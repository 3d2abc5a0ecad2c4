// The corridors layer: named routes as lines, with the volume counted at their stages over the window
// and its trend. The same people pass every stage of a corridor, so the volume is the mean of its
// counted stages' totals (a sum would count each person once per stage).
import { createRoute, z } from '@hono/zod-openapi'
import { type SQL, sql } from 'drizzle-orm'
import type { Database } from '../../db/client.ts'
import { CORRIDOR_MODES } from '../../db/vocabulary.ts'
import { respondWithCollection } from '../http/export.ts'
import { apiApp, SIGNED_IN } from '../http/openapi.ts'
import { type LayerOptions, MAX_FEATURES } from '../http/paging.ts'
import { listOf, windowQuery } from '../http/query.ts'
import { siteTotals } from './crossing-totals.ts'
import { type DatasetColumns, datasetColumns, datasetSchema, toDataset } from './dataset.ts'
import { inBbox, oneOf, whereAll } from './filters.ts'
import { featureCollection, featureCollectionResponses, lineStringSchema } from './responses.ts'
import { withDatasets } from './sources.ts'
import { resolveWindow, trend, type Window } from './window.ts'

const volume = z.number().int().nullable()

export const corridorProperties = z.object({
  id: z.string(),
  name: z.string(),
  mode: z.enum(CORRIDOR_MODES),
  stages: z
    .array(z.string())
    .openapi({ description: 'the stage names in order, e.g. Agadez, Séguédine, Madama' }),
  volume: volume.openapi({
    description:
      'mean over counted stages of the people counted there (in + out) in the window; null when none was counted',
  }),
  volumeBefore: volume,
  trend: z.number().nullable(),
  countedStages: z.number().int(),
  from: z.string().openapi({ format: 'date-time' }),
  to: z.string().openapi({ format: 'date-time' }),
  notes: z.string().nullable(),
  dataset: datasetSchema.openapi({ description: 'where the line and its stages come from' }),
  modelled: z.boolean().openapi({ description: 'any count behind the volume is modelled' }),
  volumeDatasets: z.array(datasetSchema).openapi({ description: 'the datasets the volume is computed from' }),
})
export type CorridorProperties = z.infer<typeof corridorProperties>

export const corridorCollection = featureCollection('Corridor', {
  geometry: lineStringSchema,
  id: z.string(),
  properties: corridorProperties,
})
export type CorridorFeatureCollection = z.infer<typeof corridorCollection>
export type CorridorFeature = CorridorFeatureCollection['features'][number]

const query = windowQuery({ mode: listOf(CORRIDOR_MODES, 'corridor modes').optional() })
export type CorridorsQuery = Omit<z.output<typeof query>, 'format'>

type Row = Pick<
  CorridorProperties,
  'id' | 'name' | 'mode' | 'notes' | 'stages' | 'volume' | 'volumeBefore' | 'countedStages'
> &
  DatasetColumns & { sources: string[] | null; geometry: CorridorFeature['geometry'] }

/** The SQL of the layer: every corridor crossing bbox with its stages' counts, busiest first. */
export function corridorsQuery(window: Window, filter: Omit<CorridorsQuery, 'from' | 'to'> = {}): SQL {
  const where: SQL[] = []
  if (filter.bbox) where.push(inBbox(sql`c.geometry`, filter.bbox))
  if (filter.mode) where.push(oneOf(sql`c.mode`, filter.mode))
  return sql`
    WITH totals AS (${siteTotals(window)}),
    stage_totals AS (
      SELECT st.corridor_id, st.seq, st.name, t.in_now + t.out_now AS now, t.total_before AS before, t.sources
      FROM corridor_stages st LEFT JOIN totals t ON t.site = coalesce(st.post_id, st.flow_point_id)
    ),
    volumes AS (
      SELECT corridor_id,
             array_agg(name ORDER BY seq) AS stages,
             round(avg(now))::int AS volume,
             round(avg(before))::int AS volume_before,
             count(now)::int AS counted_stages,
             array_agg(DISTINCT src) FILTER (WHERE src IS NOT NULL) AS sources
      FROM stage_totals LEFT JOIN LATERAL unnest(sources) AS src ON true
      GROUP BY corridor_id
    )
    SELECT c.id, c.name, c.mode, c.notes, v.stages, v.volume, v.volume_before AS "volumeBefore",
           v.counted_stages AS "countedStages", v.sources, ${datasetColumns(sql`s`)},
           ST_AsGeoJSON(c.geometry, 5)::json AS geometry
    FROM corridors c JOIN volumes v ON v.corridor_id = c.id JOIN sources s ON s.id = c.source_id
    ${whereAll(where)}
    ORDER BY v.volume DESC NULLS LAST, c.id`
}

async function listCorridors(
  database: Database,
  query: CorridorsQuery,
  max: number,
  now = new Date(),
): Promise<CorridorFeatureCollection> {
  const window = resolveWindow(query.from, query.to, now)
  const rows = await database.rows<Row>(sql`${corridorsQuery(window, query)} LIMIT ${max + 1}::int`)
  return {
    type: 'FeatureCollection',
    features: (await withDatasets(database, rows)).map(([r, volumeDatasets]) => {
      return {
        type: 'Feature',
        id: r.id,
        geometry: r.geometry,
        properties: {
          id: r.id,
          name: r.name,
          mode: r.mode,
          stages: r.stages,
          volume: r.volume,
          volumeBefore: r.volumeBefore,
          trend: r.volume === null ? null : trend(r.volume, r.volumeBefore ?? 0),
          countedStages: r.countedStages,
          from: window.from.toISOString(),
          to: window.to.toISOString(),
          notes: r.notes,
          dataset: toDataset(r),
          modelled: volumeDatasets.some((d) => d.modelled),
          volumeDatasets,
        },
      }
    }),
  }
}

const route = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listCorridors',
  summary: 'Corridors: named routes with the volume counted at their stages and its trend',
  description:
    'volume is the mean, over the stages that are posts or flow points with counts in the window, of the people counted there (in + out). Without from/to the window is the 7 days ending at the next whole hour.',
  tags: ['layers'],
  security: SIGNED_IN,
  request: { query },
  responses: featureCollectionResponses(corridorCollection, 'corridors crossing bbox, busiest first'),
})

export function corridorsRoutes(database: Database, { maxFeatures = MAX_FEATURES }: LayerOptions = {}) {
  return apiApp().openapi(route, async (c) => {
    const { format = 'geojson', ...query } = c.req.valid('query')
    const corridors = await listCorridors(database, query, maxFeatures)
    return respondWithCollection(c, corridors, 'corridors', format, maxFeatures)
  })
}
