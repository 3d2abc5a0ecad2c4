// Seed step: modelled displacement for the admin-1 areas of the countries with internal displacement,
// one row a day, topped up on each start to today (the last 90 days and today on a fresh database).
import { sql } from 'drizzle-orm'
import { arrayLiteral, batches } from '../../db/arrays.ts'
import type { Database } from '../../db/client.ts'
import { upsertSource } from '../../db/sources.ts'
import { DISPLACEMENT } from '../modelled/calibration/displacement.ts'
import {
  type Area,
  areaLevels,
  type DisplacementRow,
  dayOf,
  displacementModel,
  displacementRows,
} from '../modelled/displacement.ts'
import { DISPLACEMENT_SOURCE } from '../modelled/sources.ts'
import type { SeedOptions } from './index.ts'

const DAYS = 90

export async function seed(database: Database, { now }: SeedOptions): Promise<string | null> {
  await database.db.transaction((tx) => upsertSource(tx, DISPLACEMENT_SOURCE))
  const today = dayOf(now)
  const last = await lastDays(database)
  // Up to date: nothing to do (an admin area added since joins at the next day's top-up).
  if (last.size > 0 && [...last.values()].every((day) => day >= today)) return null
  const countries = DISPLACEMENT.map((c) => c.country)
  const areas = await database.rows<Area & Record<string, unknown>>(sql`
    SELECT id, name, pcode, country FROM admin_areas
    WHERE country = ANY(${arrayLiteral(countries)}::text[]) ORDER BY id`)
  if (areas.length === 0) return null
  const nearest = await nearestAreas(database)
  const model = displacementModel(areaLevels(areas, (country, town) => nearest.get(`${country}:${town}`)))
  const rows = [
    ...displacementRows(
      model,
      (level) => Math.max((last.get(level.area.id) ?? -Infinity) + 1, today - DAYS),
      today,
    ),
  ]
  if (rows.length === 0) return null
  await database.db.transaction(async (tx) => {
    for (const batch of batches(rows, 10_000)) await tx.execute(insertStatement(batch))
  })
  return `modelled ${rows.length} displacement counts for ${new Set(rows.map((r) => r.areaId)).size} areas up to ${rows.at(-1)?.date}`
}

/** For each calibration town, the nearest admin area of its country, keyed `country:town`. */
async function nearestAreas(database: Database): Promise<Map<string, string>> {
  const towns = DISPLACEMENT.flatMap((c) => c.areas.map((a) => ({ country: c.country, ...a.town })))
  const rows = await database.rows<{ country: string; town: string; id: string }>(sql`
    SELECT t.country, t.town, nearest.id
    FROM unnest(${arrayLiteral(towns.map((t) => t.country))}::text[], ${arrayLiteral(towns.map((t) => t.name))}::text[],
      ${arrayLiteral(towns.map((t) => t.lon))}::float8[], ${arrayLiteral(towns.map((t) => t.lat))}::float8[])
      AS t(country, town, lon, lat)
    CROSS JOIN LATERAL (
      SELECT a.id FROM admin_areas a WHERE a.country = t.country
      ORDER BY ST_Distance(a.geometry, ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326)), a.id LIMIT 1
    ) nearest`)
  return new Map(rows.map((r) => [`${r.country}:${r.town}`, r.id]))
}

/** The last modelled day of each area (days since 1970). */
async function lastDays(database: Database): Promise<Map<string, number>> {
  const rows = await database.rows<{ area_id: string; last: string }>(sql`
    SELECT area_id, max(date)::text AS last FROM displacement_counts
    WHERE source_id = ${DISPLACEMENT_SOURCE.id} GROUP BY area_id`)
  return new Map(rows.map((r) => [r.area_id, dayOf(new Date(`${r.last}T00:00:00Z`))]))
}

function insertStatement(rows: DisplacementRow[]) {
  const column = <T extends string | number | null>(get: (row: DisplacementRow) => T) =>
    arrayLiteral(rows.map(get))
  return sql`
    INSERT INTO displacement_counts (area_id, date, internally_displaced, returnees, people_in_sites, source_id)
    SELECT area_id, date, idp, returnees, in_sites, ${DISPLACEMENT_SOURCE.id}
    FROM unnest(
      ${column((r) => r.areaId)}::text[],
      ${column((r) => r.date)}::date[],
      ${column((r) => r.internallyDisplaced)}::int[],
      ${column((r) => r.returnees)}::int[],
      ${column((r) => r.peopleInSites)}::int[]
    ) AS t(area_id, date, idp, returnees, in_sites)
    ON CONFLICT (area_id, date, source_id) DO NOTHING`
}
