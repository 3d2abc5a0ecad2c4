import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { copyInto, copyLine } from '../../db/client.ts'
import { txRows } from '../../db/rows.ts'
import { useTestDatabase } from '../helpers/database.ts'
import { engines } from '../helpers/engines.ts'

describe.each(engines)('copyInto on %s', (engine) => {
  const database = useTestDatabase(engine)
  const values = [
    'plain',
    'tab\there',
    'two\nlines',
    'cr\rlf',
    'back\\slash',
    '\\N',
    'Ségou, "quoted"',
    '{"a":1}',
  ]

  it('lands every value as it was, null and escapes included', async () => {
    const back = await database.current.db.transaction(async (tx) => {
      await tx.execute(sql`CREATE TEMP TABLE copied (n int, t text, j jsonb) ON COMMIT DROP`)
      const data = values.map((v, i) => copyLine([i, v, i === 7 ? v : null])).join('')
      await copyInto(tx, 'copied', ['n', 't', 'j'], data)
      await copyInto(tx, 'copied', ['n'], copyLine([8]))
      return txRows<{ n: number; t: string | null; j: unknown }>(
        tx,
        sql`SELECT n, t, j FROM copied ORDER BY n`,
      )
    })
    expect(back).toEqual([
      ...values.map((t, n) => ({ n, t, j: n === 7 ? { a: 1 } : null })),
      { n: 8, t: null, j: null },
    ])
  })

  it('fails with the database error of a bad row, which the transaction can roll back to', async () => {
    const error = await database.current.db
      .transaction(async (tx) => {
        await tx.execute(sql`CREATE TEMP TABLE refused (n int) ON COMMIT DROP`)
        await copyInto(tx, 'refused', ['n'], copyLine([1]) + copyLine(['one']))
      })
      .catch((e: unknown) => e)
    expect(String((error as Error).cause ?? error)).toMatch(/invalid input syntax for type integer/)
    expect(await database.current.rows(sql`SELECT 1 AS ok`)).toEqual([{ ok: 1 }])
  })
})
