import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getJson } from '../../helpers/app.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'

// Figures of a test source in 2001, before the modelled series begin.
const FIGURES = [
  ['ne-agadez', '2001-02-20', 1000],
  ['ne-agadez', '2001-03-01', 1200], // the latest before the window
  ['ne-agadez', '2001-03-09', 1500],
  ['ne-agadez', '2001-03-12', 1800], // the latest in the window
  ['ne-tillaberi', '2001-03-10', 400], // nothing before: no change
] as const

describe.each(engines)('GET /api/layers/displacement on %s', (engine) => {
  const database = useTestDatabase(engine)
  const get = (query: string) => getJson(database.current, `/api/layers/displacement?${query}`)

  beforeAll(async () => {
    await database.current.rows(sql`
      INSERT INTO sources (id, name, publisher, licence) VALUES ('test-displacement', 'Test', 'Tests', 'none')`)
    for (const [area, date, idps] of FIGURES)
      await database.current.rows(sql`
        INSERT INTO displacement_counts (area_id, date, internally_displaced, source_id)
        VALUES (${area}, ${date}::date, ${idps}, 'test-displacement')`)
  })

  it('takes the latest figure in the window and the change since the latest before it', async () => {
    const { body } = await get('from=2001-03-08&to=2001-03-15')
    const byArea = Object.fromEntries(
      body.features.map((f: { id: string; properties: unknown }) => [f.id, f.properties]),
    )
    expect(Object.keys(byArea).sort()).toEqual(['ne-agadez', 'ne-tillaberi'])
    expect(byArea['ne-agadez']).toMatchObject({
      date: '2001-03-12',
      internallyDisplaced: 1800,
      dateBefore: '2001-03-01',
      internallyDisplacedBefore: 1200,
      change: 600,
      changeRatio: 0.5,
      modelled: false,
    })
    expect(byArea['ne-tillaberi']).toMatchObject({
      internallyDisplaced: 400,
      change: null,
      changeRatio: null,
    })
    expect(body.features[0].geometry.type).toBe('MultiPolygon')
  })

  it('says the default window’s figures are modelled', async () => {
    const { body } = await get('country=ML')
    expect(body.features.length).toBeGreaterThan(0)
    for (const f of body.features) expect(f.properties).toMatchObject({ country: 'ML', modelled: true })
  })

  it('answers a bad country with 400 naming it', async () => {
    const { response, body } = await get('country=Mali')
    expect(response.status).toBe(400)
    expect(body['invalid-params'][0].name).toBe('country')
  })
})
