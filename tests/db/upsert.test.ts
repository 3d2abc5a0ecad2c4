import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { borderPosts, sources } from '../../db/schema.ts'
import { type SourceRecord, upsertSource } from '../../db/sources.ts'
import { upsertRows } from '../../db/upsert.ts'
import { useTestDatabase } from '../helpers/database.ts'
import { engines } from '../helpers/engines.ts'

const source = (id: string, fields: Partial<SourceRecord> = {}): SourceRecord => ({
  id,
  name: `Test ${id}`,
  publisher: 'Tests',
  licence: 'CC0',
  ...fields,
})

describe.each(engines)('upsertRows on %s', (engine) => {
  const database = useTestDatabase(engine)
  const upsert = (records: Record<string, unknown>[], options = {}) =>
    database.current.db.transaction((tx) => upsertRows(tx, sources, ['id'], records, options))
  const stored = (id: string) =>
    database.current.rows<{ name: string; notes: string | null }>(
      sql`SELECT name, notes FROM sources WHERE id = ${id}`,
    )

  it('inserts, leaves identical rows alone and updates the ones that differ, counting each', async () => {
    const rows = [source('test-up-a'), source('test-up-b'), source('test-up-c')]
    expect(await upsert(rows)).toEqual({ inserted: 3, updated: 0, unchanged: 0 })
    expect(await upsert(rows)).toEqual({ inserted: 0, updated: 0, unchanged: 3 })
    const changed = [rows[0], { ...rows[1], notes: 'changed' }, source('test-up-d')] as SourceRecord[]
    expect(await upsert(changed, { batchSize: 2 })).toEqual({ inserted: 1, updated: 1, unchanged: 1 })
    expect(await stored('test-up-b')).toEqual([{ name: 'Test test-up-b', notes: 'changed' }])
  })

  it('with update: [] leaves a row that is there as it is', async () => {
    await upsert([source('test-up-keep', { notes: 'a person wrote this' })])
    const result = await upsert([source('test-up-keep', { name: 'Other', notes: null })], { update: [] })
    expect(result).toEqual({ inserted: 0, updated: 0, unchanged: 1 })
    expect(await stored('test-up-keep')).toEqual([
      { name: 'Test test-up-keep', notes: 'a person wrote this' },
    ])
  })

  it('updates only the columns named in update', async () => {
    await upsert([source('test-up-some', { notes: 'kept' })])
    const result = await upsert([source('test-up-some', { name: 'Renamed', notes: 'not taken' })], {
      update: ['name'],
    })
    expect(result).toEqual({ inserted: 0, updated: 1, unchanged: 0 })
    expect(await stored('test-up-some')).toEqual([{ name: 'Renamed', notes: 'kept' }])
  })

  it('refuses a key that is not a column, before writing', async () => {
    await expect(
      database.current.db.transaction((tx) => upsertRows(tx, sources, ['nope'], [source('test-up-x')])),
    ).rejects.toThrow(/nope is not a column/)
  })

  it('sets updatedAt when a row changes, and only then', async () => {
    await upsert([source('test-up-posts')])
    const post = {
      id: 'zz-test-post',
      name: 'Test post',
      kind: 'land',
      country: 'NE',
      counterpart: 'DZ',
      location: { type: 'Point', coordinates: [5.8, 19.4] },
      locationPrecision: 'site',
      sourceId: 'test-up-posts',
      sourceRef: 'tests',
    }
    const write = (record: Record<string, unknown>) =>
      database.current.db.transaction((tx) => upsertRows(tx, borderPosts, ['id'], [record]))
    const updatedAt = async () =>
      (
        await database.current.rows<{ t: string }>(
          sql`SELECT updated_at::text AS t FROM border_posts WHERE id = 'zz-test-post'`,
        )
      )[0]?.t
    await write(post)
    await database.current.rows(
      sql`UPDATE border_posts SET updated_at = '2000-01-01Z' WHERE id = 'zz-test-post'`,
    )
    expect(await write(post)).toEqual({ inserted: 0, updated: 0, unchanged: 1 })
    expect(await updatedAt()).toMatch(/^2000-01-01/)
    expect(await write({ ...post, name: 'Renamed post' })).toEqual({ inserted: 0, updated: 1, unchanged: 0 })
    expect(await updatedAt()).not.toMatch(/^2000-01-01/)
  })
})

describe.each(engines)('upsertSource on %s', (engine) => {
  const database = useTestDatabase(engine)
  const write = (record: SourceRecord, update?: Parameters<typeof upsertSource>[2]) =>
    database.current.db.transaction((tx) => upsertSource(tx, record, update))
  const stored = async (id: string) =>
    (
      await database.current.rows<{ name: string; modelled: boolean; citation: string | null }>(
        sql`SELECT name, modelled, citation FROM sources WHERE id = ${id}`,
      )
    )[0]

  it('corrects every field of the project’s own record by default', async () => {
    await write(source('test-src-all', { citation: 'old' }))
    await write(source('test-src-all', { name: 'New name', citation: 'new' }))
    expect(await stored('test-src-all')).toEqual({ name: 'New name', modelled: false, citation: 'new' })
  })

  it('with none, creates the row when missing and leaves a filled-in one alone', async () => {
    await write(source('test-src-none', { name: 'Not stated' }), 'none')
    expect((await stored('test-src-none'))?.name).toBe('Not stated')
    await database.current.rows(sql`UPDATE sources SET name = 'Filled in' WHERE id = 'test-src-none'`)
    await write(source('test-src-none', { name: 'Not stated' }), 'none')
    expect((await stored('test-src-none'))?.name).toBe('Filled in')
  })

  it('with fields, puts back only those', async () => {
    await write(source('test-src-some', { modelled: true, citation: 'SIMULATED' }))
    await database.current.rows(
      sql`UPDATE sources SET name = 'Edited', modelled = false, citation = 'x' WHERE id = 'test-src-some'`,
    )
    await write(source('test-src-some', { modelled: true, citation: 'SIMULATED' }), ['modelled', 'citation'])
    expect(await stored('test-src-some')).toEqual({ name: 'Edited', modelled: true, citation: 'SIMULATED' })
  })
})
