import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { FRONTEX_SOURCE } from '../../../data/importers/frontex.ts'
import { ITALY_SOURCE } from '../../../data/importers/italy.ts'
import { seed } from '../../../data/seed/65-reported-series.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'

describe.each(engines)('the seeded published series on %s', (engine) => {
  const database = useTestDatabase(engine)

  it('holds every figure of the shipped files, each under its credited source', async () => {
    const series = await database.current.rows(sql`
      SELECT source_id AS source, measure::text, period::text, count(*)::int AS n FROM reported_counts
      WHERE source_id IN (${ITALY_SOURCE.id}, ${FRONTEX_SOURCE.id}) GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`)
    expect(series).toEqual([
      { source: FRONTEX_SOURCE.id, measure: 'illegal_border_crossings', period: 'month', n: 6452 },
      { source: ITALY_SOURCE.id, measure: 'people_in_reception', period: 'on_date', n: 5910 },
      { source: ITALY_SOURCE.id, measure: 'sea_arrivals', period: 'day', n: 2207 },
      { source: ITALY_SOURCE.id, measure: 'sea_arrivals', period: 'year_to_date', n: 1619 },
    ])
    const sources = await database.current.rows(sql`
      SELECT id, citation, modelled FROM sources WHERE id IN (${ITALY_SOURCE.id}, ${FRONTEX_SOURCE.id}) ORDER BY id`)
    expect(sources).toEqual([
      { id: FRONTEX_SOURCE.id, citation: 'Source: Frontex', modelled: false },
      { id: ITALY_SOURCE.id, citation: ITALY_SOURCE.citation, modelled: false },
    ])
  })

  it('links each daily figure to its report, where the list has it, and Valle d’Aosta to Aosta', async () => {
    const [days] = await database.current.rows(sql`
      SELECT count(*)::int AS n, count(s.url)::int AS with_pdf, count(*) FILTER (WHERE r.notes IS NOT NULL)::int AS noted
      FROM reported_counts r LEFT JOIN source_reports s USING (source_id, reported_on)
      WHERE r.source_id = ${ITALY_SOURCE.id} AND r.period = 'day'`)
    // 1,779 days were last given by one of the 116 reports whose PDF anagrafica-report.csv lists.
    expect(days).toEqual({ n: 2207, with_pdf: 1779, noted: 103 })
    const areas = await database.current.rows(sql`
      SELECT DISTINCT scope_code, area_id FROM reported_counts WHERE area_id IS NOT NULL`)
    expect(areas).toEqual([{ scope_code: 'IT-23', area_id: 'it-aoste' }])
  })

  it('does nothing at a later start', async () => {
    expect(await seed(database.current)).toBeNull()
  })
})
