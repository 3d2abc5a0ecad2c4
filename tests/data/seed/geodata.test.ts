// The reference geodata as seeded, on each engine (the shipped files themselves: geodata-files.test.ts).
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { ROUTE_COUNTRIES } from '../../../data/importers/country-codes.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'

describe.each(engines)('the seeded reference geodata on %s', (engine) => {
  const database = useTestDatabase(engine)
  const rows = <T extends Record<string, unknown>>(q: ReturnType<typeof sql>) => database.current.rows<T>(q)

  it('holds at least 15 flow points, DTM points and hubs, each with its source', async () => {
    const [row] = await rows<{ n: number; fmp: number; sourced: number }>(sql`
      SELECT count(*)::int AS n, count(*) FILTER (WHERE kind = 'fmp')::int AS fmp,
        count(*) FILTER (WHERE s.licence <> '' AND f.source_ref <> '')::int AS sourced
      FROM flow_points f JOIN sources s ON s.id = f.source_id`)
    expect(row?.n).toBeGreaterThanOrEqual(15)
    expect(row?.fmp).toBeGreaterThanOrEqual(10)
    expect(row?.sourced).toBe(row?.n)
  })

  it('holds at least 8 corridors whose lines pass within 5 km of each of their stages', async () => {
    const [count] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM corridors`)
    expect(count?.n).toBeGreaterThanOrEqual(8)
    const stages = await rows<{ corridor: string; seq: number; km: number }>(sql`
      SELECT c.id AS corridor, s.seq,
        ST_Distance(c.geometry::geography, coalesce(p.location, f.location)::geography) / 1000 AS km
      FROM corridor_stages s
      JOIN corridors c ON c.id = s.corridor_id
      LEFT JOIN border_posts p ON p.id = s.post_id
      LEFT JOIN flow_points f ON f.id = s.flow_point_id
      WHERE coalesce(p.location, f.location) IS NOT NULL`)
    expect(stages.length).toBeGreaterThanOrEqual(30)
    for (const s of stages) expect(Number(s.km), `${s.corridor} stage ${s.seq}`).toBeLessThan(5)
    const perCorridor = await rows<{ id: string; stages: number; valid: boolean }>(sql`
      SELECT c.id, count(s.seq)::int AS stages, ST_IsValid(c.geometry) AS valid
      FROM corridors c LEFT JOIN corridor_stages s ON s.corridor_id = c.id GROUP BY c.id`)
    for (const c of perCorridor) {
      expect(c.stages, c.id).toBeGreaterThanOrEqual(2)
      expect(c.valid, c.id).toBe(true)
    }
  })

  it('holds valid admin-1 areas for all 11 countries, with P-codes where OCHA names them', async () => {
    const countries = await rows<{ country: string; n: number; invalid: number; pcodes: number }>(sql`
      SELECT country, count(*)::int AS n, count(*) FILTER (WHERE NOT ST_IsValid(geometry))::int AS invalid,
        count(pcode)::int AS pcodes
      FROM admin_areas GROUP BY country`)
    expect(countries.map((c) => c.country).sort()).toEqual([...ROUTE_COUNTRIES].sort())
    for (const c of countries) expect(c.invalid, c.country).toBe(0)
    const [agadez] = await rows<{ pcode: string; inside: boolean }>(sql`
      SELECT a.pcode, ST_Contains(a.geometry, f.location) AS inside
      FROM admin_areas a, flow_points f WHERE a.id = 'ne-agadez' AND f.id = 'fp-agadez'`)
    expect(agadez).toEqual({ pcode: 'NE001', inside: true })
  })

  it('holds resources, each with a source, modelled figures linked to a modelled source', async () => {
    const all = await rows<{
      id: string
      capacity: number | null
      occupancy: number | null
      capacity_source: string | null
      modelled: boolean | null
      calibrated_on: string | null
      source_ok: boolean
    }>(sql`
      SELECT r.id, r.capacity, r.occupancy, r.capacity_source_id AS capacity_source, m.modelled, m.calibrated_on,
        (s.id IS NOT NULL AND coalesce(r.source_ref, '') <> '') AS source_ok
      FROM resources r LEFT JOIN sources s ON s.id = r.source_id LEFT JOIN sources m ON m.id = r.capacity_source_id`)
    expect(all.length).toBeGreaterThanOrEqual(20)
    for (const r of all) {
      expect(r.source_ok, r.id).toBe(true)
      if (r.capacity !== null || r.occupancy !== null) expect(r.capacity_source, r.id).not.toBeNull()
      if (r.modelled) expect(r.calibrated_on, r.id).toBeTruthy()
    }
    const modelled = all.filter((r) => r.modelled)
    expect(modelled.length).toBeGreaterThan(0)
    const [lampedusa] = all.filter((r) => r.id === 'it-lampedusa-hotspot')
    expect(lampedusa).toMatchObject({ capacity: 381, modelled: true })
  })
})
