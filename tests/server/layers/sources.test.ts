import type { SQL } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import { describe, expect, it } from 'vitest'
import type { Dataset } from '../../../server/layers/dataset.ts'
import { cachedDatasetsOf } from '../../../server/layers/sources.ts'

const dataset = (id: string, licence = 'CC BY 4.0'): Dataset =>
  ({ id, name: id, licence, modelled: false, citation: null }) as Dataset

/** A database of datasets that counts the queries and says which ids each one asked for. */
function sourcesTable(rows: Dataset[]) {
  const asked: string[][] = []
  const dialect = new PgDialect()
  return {
    asked,
    rows: async <T>(query: SQL) => {
      // The ids go as one array literal, {"a","b"}.
      const ids = String(dialect.sqlToQuery(query).params[0]).match(/[^{}",]+/g) ?? ([] as string[])
      asked.push(ids)
      return rows.filter((r) => ids.includes(r.id)) as T[]
    },
    set: (next: Dataset[]) => rows.splice(0, rows.length, ...next),
  }
}

describe('cachedDatasetsOf', () => {
  it('asks the database once a minute for a dataset, and at once for one not seen before', async () => {
    const table = sourcesTable([dataset('mmp'), dataset('dtm')])
    const at = 1_000_000
    expect([...(await cachedDatasetsOf(table, ['mmp'], at)).keys()]).toEqual(['mmp'])
    expect([...(await cachedDatasetsOf(table, ['mmp'], at + 59_000)).keys()]).toEqual(['mmp'])
    expect(table.asked).toHaveLength(1)
    // A new id is looked up alone; the known one is not asked for again.
    expect([...(await cachedDatasetsOf(table, ['mmp', 'dtm'], at + 59_000)).keys()]).toEqual(['mmp', 'dtm'])
    expect(table.asked.at(-1)).toEqual(['dtm'])
    // After a minute a changed licence shows.
    table.set([dataset('mmp', 'CC BY-NC 4.0'), dataset('dtm')])
    expect((await cachedDatasetsOf(table, ['mmp'], at + 61_000)).get('mmp')?.licence).toBe('CC BY-NC 4.0')
    expect(table.asked).toHaveLength(3)
  })

  it('leaves out an id no dataset has, and asks nothing for no ids', async () => {
    const table = sourcesTable([dataset('mmp')])
    expect([...(await cachedDatasetsOf(table, ['gone', 'mmp'])).keys()]).toEqual(['mmp'])
    await cachedDatasetsOf(table, [])
    expect(table.asked).toHaveLength(1)
  })
})
