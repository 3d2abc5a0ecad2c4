import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { COLUMNS, parseBorderPosts } from '../../../data/importers/border-posts.ts'
import { BORDER_POSTS_CSV } from '../../../data/seed/10-border-posts.ts'

const header = COLUMNS.join(',')
const good =
  'ne-assamaka,Assamaka,land,NE,DZ,5.8,19.35,town,,Wikipedia: Assamaka,https://en.wikipedia.org/wiki/Assamaka,'

describe('parseBorderPosts', () => {
  it('parses a valid row', () => {
    const { rows, errors } = parseBorderPosts(`${header}\n${good}\n`)
    expect(errors).toEqual([])
    expect(rows).toEqual([
      expect.objectContaining({
        id: 'ne-assamaka',
        kind: 'land',
        lon: 5.8,
        lat: 19.35,
        operator: null,
        notes: null,
      }),
    ])
  })

  it.each([
    ['kind', good.replace(',land,', ',boat,')],
    ['country', good.replace(',NE,DZ,', ',Niger,DZ,')],
    ['counterpart', good.replace(',NE,DZ,', ',NE,dz,')],
    ['lon', good.replace(',5.8,', ',500,')],
    ['lat', good.replace(',19.35,', ',north,')],
    ['location_precision', good.replace(',town,', ',exact,')],
    ['source', good.replace('Wikipedia: Assamaka', ' ')],
    ['source_url', good.replace('https://en.wikipedia.org/wiki/Assamaka', 'not a url')],
    ['id', good.replace('ne-assamaka', 'Assamaka Post')],
  ])('names the bad %s with its line', (column, row) => {
    const { rows, errors } = parseBorderPosts(
      `${header}\n${good.replace('ne-assamaka', 'ne-other')}\n${row}\n`,
    )
    expect(rows).toHaveLength(1)
    expect(errors).toEqual([expect.objectContaining({ line: 3, column })])
  })

  it('rejects a duplicate id', () => {
    const { errors } = parseBorderPosts(`${header}\n${good}\n${good}\n`)
    expect(errors).toEqual([{ line: 3, column: 'id', reason: 'duplicate id ne-assamaka' }])
  })

  it('reports missing columns against the header', () => {
    const { rows, errors } = parseBorderPosts('id,name\nx,y\n')
    expect(rows).toEqual([])
    expect(errors.map((e) => e.column)).toContain('kind')
    expect(errors[0]?.line).toBe(1)
  })
})

describe('the shipped border-posts file', () => {
  const { rows, errors } = parseBorderPosts(readFileSync(BORDER_POSTS_CSV, 'utf8'))
  const region = ['ML', 'NE', 'BF', 'MR', 'SN', 'TD', 'DZ', 'LY', 'TN', 'IT', 'MT']

  it('is valid and holds at least 40 posts, each citing its source', () => {
    expect(errors).toEqual([])
    expect(rows.length).toBeGreaterThanOrEqual(40)
    for (const row of rows) expect(row.source.length).toBeGreaterThan(3)
  })

  it('covers every country of the route', () => {
    const countries = new Set(rows.map((r) => r.country))
    for (const country of region) expect(countries, country).toContain(country)
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['land', 'sea', 'air']))
  })

  it('places every post within the region (no swapped coordinates)', () => {
    for (const r of rows) {
      expect(r.lon, r.id).toBeGreaterThan(-20)
      expect(r.lon, r.id).toBeLessThan(30)
      expect(r.lat, r.id).toBeGreaterThan(4)
      expect(r.lat, r.id).toBeLessThan(46)
    }
  })
})
