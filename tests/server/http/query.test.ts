import { describe, expect, it } from 'vitest'
import { invalidParams } from '../../../server/http/openapi.ts'
import { countries, listOf, parseInstant, windowQuery } from '../../../server/http/query.ts'

describe('parseInstant', () => {
  it.each([
    ['2026-11-01', '2026-11-01T00:00:00.000Z'],
    ['2026-11-01T06:00Z', '2026-11-01T06:00:00.000Z'],
    ['2026-11-01T06:00:30+01:00', '2026-11-01T05:00:30.000Z'],
    ['2026-11-01T06:00:30.5-0200', '2026-11-01T08:00:30.500Z'],
  ])('reads %s', (value, iso) => {
    expect(parseInstant(value).toISOString()).toBe(iso)
  })

  it.each([
    ['yesterday', 'ISO 8601'],
    ['2026-11-01T06:00', 'ISO 8601'], // no offset: which clock?
    ['2026-13-01', 'not a real date'],
    ['2026-02-30', 'not a real date'],
    ['1700000000', 'ISO 8601'],
  ])('refuses %s', (value, reason) => {
    expect(() => parseInstant(value)).toThrow(reason)
  })
})

describe('windowQuery', () => {
  const schema = windowQuery({
    type: listOf(['a', 'b'] as const, 'kinds').optional(),
    country: countries.optional(),
  })
  const fail = (query: Record<string, unknown>) => {
    const result = schema.safeParse(query)
    if (result.success) throw new Error('expected a failure')
    return invalidParams(result.error)
  }

  it('parses every parameter', () => {
    expect(
      schema.parse({
        bbox: '5,18,7,20',
        from: '2026-11-01',
        to: '2026-11-02',
        type: 'b,a,b',
        country: 'ne,LY',
      }),
    ).toEqual({
      bbox: [5, 18, 7, 20],
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-11-02T00:00:00Z'),
      type: ['b', 'a'],
      country: ['NE', 'LY'],
    })
  })

  it.each([
    [{ bbox: 'abc' }, 'bbox', 'four numbers'],
    [{ from: 'soon' }, 'from', 'ISO 8601'],
    [{ from: '2026-11-02', to: '2026-11-01' }, 'to', 'after from'],
    [{ type: 'a,c' }, 'type', 'unknown value c'],
    [{ country: 'NER' }, 'country', 'alpha-2'],
    [{ format: 'xlsx' }, 'format', 'geojson'],
    [{ colour: 'red' }, 'colour', 'unknown parameter'],
    [{ bbox: ['1,2,3,4', '1,2,3,4'] }, 'bbox', 'more than once'],
  ])('names the parameter at fault in %j', (query, name, reason) => {
    const params = fail(query)
    expect(params).toHaveLength(1)
    expect(params[0]?.name).toBe(name)
    expect(params[0]?.reason).toContain(reason)
  })
})
