// The corridors layer: named routes as lines, with the volume counted at their stages over the window
// and its trend. The same people pass every stage of a corridor, so the volume is the mean of its
// counted stages' totals (a sum would count each person once per stage).
import { createRoute } from '@hono/zod-openapi'
import { type SQL, sql } from 'drizzle-orm'
import type { FeatureCollection, LineString } from 'geojson'
import type { Database } from '../../db/client.ts'
import { respondWithCollection } from '../http/export.ts'
import { apiApp } from '../http/openapi.ts'
import type { Bbox } from '../http/params.ts'
import { listOf, windowQuery } from '../http/query.ts'
import { siteTotals } from './crossing-totals.ts'
import { type Dataset, datasetColumns, toDataset } from './dataset.ts'
import { inBbox, oneOf, whereAll } from './filters.ts'
import { featureCollectionResponses } from './responses.ts'
import { datasetsOf, type SourceSummary } from './sources.ts'
import { resolveWindow, trend } from './window.ts'

const MODES = ['land', 'sea', 'mixed'] as const

export interface CorridorProperties {
  id: string
  name: string
  mode: (typeof MODES)[number]
  /** The stage names in order, e.g. Agadez – Séguédine – Madama – … */
  stages: string[]
  /** Mean over counted stages of the people counted there (in + out) in the window; null when none was counted. */
  volume: number | null
  volumeBefore: number | null
  trend: number | null
  countedStages: number
  from: string
  to: string
  notes: string | null
  /** Where the line and its stages come from. */
  dataset: Dataset
  /** True when any count behind the volume is modelled. */
  modelled: boolean
  /** The datasets the volume is computed from. */
  volumeDatasets: SourceSummary[]
}

type Row = {
  id: string
  name: string
  mode: (typeof MODES)[number]
  notes: string | null
  stages: string[]
  volume: number | null
  volumeBefore: number | null
  countedStages: number
  sources: string[] | null
  geometry: LineString
} & Record<`dataset${string}`, unknown>

export async function listCorridors(
  database: Database,
  query: {
    bbox?: Bbox | undefined
    from?: Date | undefined
    to?: Date | undefined
    mode?: string[] | undefined
  },
  now = new Date(),
) {
  const window = resolveWindow(query.from, query.to, now)
  const where: SQL[] = []
  const { bbox } = query
  if (bbox) where.push(inBbox(sql`c.geometry`, bbox))
  if (query.mode) where.push(oneOf(sql`c.mode`, query.mode))
  const rows = await database.rows<Row>(sql`
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
    ORDER BY v.volume DESC NULLS LAST, c.id`)
  const datasets = await datasetsOf(
    database,
    rows.flatMap((r) => r.sources ?? []),
  )
  const collection: FeatureCollection<LineString, CorridorProperties> = {
    type: 'FeatureCollection',
    features: rows.map((r) => {
      const volumeDatasets = (r.sources ?? []).map((id) => datasets.get(id)).filter((d) => d !== undefined)
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
  return collection
}

const route = createRoute({
  method: 'get',
  path: '/',
  summary: 'Corridors: named routes with the volume counted at their stages and its trend',
  description:
    'volume is the mean, over the stages that are posts or flow points with counts in the window, of the people counted there (in + out). Without from/to the window is the 7 days ending at the next whole hour.',
  tags: ['layers'],
  request: { query: windowQuery({ mode: listOf(MODES, 'corridor modes').optional() }) },
  responses: featureCollectionResponses('corridors crossing bbox, busiest first'),
})

export function corridorsRoutes(database: Database) {
  return apiApp().openapi(route, async (c) => {
    const { format = 'geojson', ...query } = c.req.valid('query')
    return respondWithCollection(c, await listCorridors(database, query), 'corridors', format) as never
  })
}
