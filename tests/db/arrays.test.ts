import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { arrayLiteral, batches } from '../../db/arrays.ts'
import { txRows } from '../../db/rows.ts'
import { useTestDatabase } from '../helpers/database.ts'
import { engines } from '../helpers/engines.ts'

describe('arrayLiteral', () => {
  it('quotes and escapes text, writes null as NULL and numbers bare', () => {
    expect(arrayLiteral(['a', 'say "x"', 'back\\slash', null, 3, -1.5])).toBe(
      '{"a","say \\"x\\"","back\\\\slash",NULL,3,-1.5}',
    )
    expect(arrayLiteral([])).toBe('{}')
  })

  it('refuses a number PostgreSQL cannot read', () => {
    expect(() => arrayLiteral([1, Number.NaN])).toThrow(/not a finite number/)
    expect(() => arrayLiteral([Number.POSITIVE_INFINITY])).toThrow(/not a finite number/)
  })
})

describe('batches', () => {
  it('splits rows into batches of at most the size, in order', () => {
    expect([...batches([1, 2, 3, 4, 5], 2)]).toEqual([[1, 2], [3, 4], [5]])
    expect([...batches([], 2)]).toEqual([])
  })
})

describe.each(engines)('arrayLiteral on %s', (engine) => {
  const database = useTestDatabase(engine)

  it('reads back as the same values, as one parameter', async () => {
    const values = ['plain', 'say "x"', 'back\\slash', 'comma, {brace}', null, 'NULL', '', 'Ségou']
    const rows = await database.current.db.transaction((tx) =>
      txRows<{ n: number; v: string | null }>(
        tx,
        sql`SELECT n::int AS n, v FROM unnest(${arrayLiteral(values)}::text[]) WITH ORDINALITY AS t(v, n) ORDER BY n`,
      ),
    )
    expect(rows.map((r) => r.v)).toEqual(values)
    const [sum] = await database.current.rows<{ s: number }>(
      sql`SELECT sum(x)::int AS s FROM unnest(${arrayLiteral([1, 2, null, 4])}::int[]) AS t(x)`,
    )
    expect(sum?.s).toBe(7)
  })
})
