// Loading GeoJSON rows: the sources the file declares, a check that every source a row names exists, then
// each layer's rows upserted on their own ids.
import { inArray } from 'drizzle-orm'
import type { Tx } from '../../db/client.ts'
import { sources } from '../../db/schema.ts'
import { upsertSource } from '../../db/sources.ts'
import { addUp, upsertRows } from '../../db/upsert.ts'
import { type GeoJsonRow, LAYER_TABLES, LAYERS, sourceRecord } from './geojson-layers.ts'
import { type LoadResult, RowErrors } from './types.ts'

/** Upserts the declared sources, then each layer's rows; counts what changed. */
export async function loadGeoJson(tx: Tx, rows: GeoJsonRow[]): Promise<LoadResult> {
  const result: LoadResult = { inserted: 0, updated: 0, unchanged: 0 }
  const declared = new Map(rows.flatMap((r) => r.sources).map((s) => [s.id, s]))
  for (const source of declared.values()) await upsertSource(tx, sourceRecord(source))
  await checkSources(tx, rows)
  for (const layer of LAYERS) {
    const records = rows.filter((r) => r.layer === layer).map((r) => r.record)
    const { table, target } = LAYER_TABLES[layer]
    addUp(result, await upsertRows(tx, table, target, records))
  }
  return result
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
