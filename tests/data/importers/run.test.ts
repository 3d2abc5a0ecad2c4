import { Readable } from 'node:stream'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { readCsvTable } from '../../../data/importers/csv.ts'
import {
  ImportFailed,
  type ImportOptions,
  MAX_ERRORS,
  type Progress,
  type Rejected,
  runImport,
} from '../../../data/importers/run.ts'
import { type Importer, type Parsed, RowErrors } from '../../../data/importers/types.ts'
import { arrayLiteral } from '../../../db/arrays.ts'
import { txRows } from '../../../db/rows.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'

interface Row {
  id: string
  name: string | null
}

/**
 * A small importer of `id,name` rows into `sources`: an empty name breaks a NOT NULL constraint (found
 * only by the database), the name `refuse` is refused by the loader itself, the id `boom` breaks the loader.
 */
const testImporter: Importer<Row> = {
  format: 'test',
  description: 'test rows',
  batchSize: 4,
  async *parse(input) {
    for await (const r of readCsvTable(input, { required: ['id', 'name'] })) {
      if ('errors' in r) yield r
      else if (!r.cells.id)
        yield { line: r.line, raw: r.raw, errors: [{ line: r.line, column: 'id', reason: 'is empty' }] }
      else
        yield {
          line: r.line,
          raw: r.raw,
          row: { id: r.cells.id, name: r.cells.name || null },
        } satisfies Parsed<Row>
    }
  },
  async load(tx, rows) {
    if (rows.some((r) => r.id === 'boom')) throw new Error('the loader broke\nat line 2 of its stack')
    const refused = rows.flatMap((r, index) =>
      r.name === 'refuse' ? [{ index, column: 'name', reason: 'refused' }] : [],
    )
    if (refused.length) throw new RowErrors(refused)
    const [result] = await txRows<{ inserted: number; updated: number }>(
      tx,
      sql`WITH w AS (
        INSERT INTO sources AS s (id, name, publisher, licence)
        SELECT id, name, 'test', 'test' FROM unnest(${arrayLiteral(rows.map((r) => r.id))}::text[], ${arrayLiteral(rows.map((r) => r.name))}::text[]) AS t(id, name)
        ON CONFLICT (id) DO UPDATE SET name = excluded.name WHERE s.name IS DISTINCT FROM excluded.name
        RETURNING (xmax = 0) AS inserted)
      SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM w`,
    )
    const inserted = result?.inserted ?? 0
    const updated = result?.updated ?? 0
    return { inserted, updated, unchanged: rows.length - inserted - updated }
  },
}

/** `id,name` text of `n` rows with ids `<prefix>-1`…; `names` overrides the name of some rows by number. */
function file(prefix: string, n: number, names: Record<number, string> = {}): string {
  const rows = Array.from(
    { length: n },
    (_, i) => `${names[i + 1] === 'boom' ? 'boom' : `${prefix}-${i + 1}`},${names[i + 1] ?? `name ${i + 1}`}`,
  )
  return `id,name\n${rows.join('\n')}\n`
}

describe.each(engines)('runImport on %s', (engine) => {
  const database = useTestDatabase(engine)
  const run = (text: string, options: ImportOptions = {}) =>
    runImport(database.current, testImporter, Readable.from([text]), options)
  const ids = async (prefix: string) =>
    (
      await database.current.rows<{ id: string }>(
        sql`SELECT id FROM sources WHERE id LIKE ${`${prefix}-%`} ORDER BY length(id), id`,
      )
    ).map((r) => r.id)

  it('turns a database error inside a batch into an error on its row, and changes nothing', async () => {
    const report = await run(file('db', 10, { 4: '', 9: '' }))
    expect(report).toMatchObject({ accepted: false, rowsRead: 10, taken: 8, rejected: 2 })
    expect(report.errors).toEqual([
      { line: 5, column: expect.stringMatching(/^(name|row)$/), reason: expect.stringContaining('not-null') },
      {
        line: 10,
        column: expect.stringMatching(/^(name|row)$/),
        reason: expect.stringContaining('not-null'),
      },
    ])
    expect(report.errors[0]?.reason).not.toMatch(/insert into|select/i)
    expect(await ids('db')).toEqual([])
  })

  it('lands the other rows of those batches with skipInvalid', async () => {
    const report = await run(file('skip', 10, { 4: '', 9: '' }), { skipInvalid: true })
    expect(report).toMatchObject({ accepted: true, taken: 8, inserted: 8, rejected: 2 })
    expect(report.rejects.map((r) => r.line)).toEqual([5, 10])
    expect(await ids('skip')).toEqual([
      'skip-1',
      'skip-2',
      'skip-3',
      'skip-5',
      'skip-6',
      'skip-7',
      'skip-8',
      'skip-10',
    ])
  })

  it('rejects the rows a loader refuses and loads the rest of the batch again', async () => {
    const report = await run(file('refused', 6, { 2: 'refuse' }), { skipInvalid: true })
    expect(report.errors).toEqual([{ line: 3, column: 'name', reason: 'refused' }])
    expect(await ids('refused')).toEqual(['refused-1', 'refused-3', 'refused-4', 'refused-5', 'refused-6'])
  })

  it('rejects rows that fail only together, and says so', async () => {
    const report = await run('id,name\ntwice-1,a\ntwice-1,b\n', { skipInvalid: true })
    expect(report).toMatchObject({ accepted: false, taken: 0, rejected: 2 })
    expect(report.errors[0]?.reason).toContain('with other rows of lines 2–3')
    expect(await ids('twice')).toEqual([])
  })

  it('fails with one line and changes nothing when the loader breaks', async () => {
    const failure = run(file('fatal', 9, { 7: 'boom' }), { skipInvalid: true })
    await expect(failure).rejects.toThrow(ImportFailed)
    await expect(failure).rejects.toThrow(/^the loader broke; nothing was changed$/)
    expect(await ids('fatal')).toEqual([])
  })

  it('keeps the first MAX_ERRORS errors, counts them all, and hands every reject to onReject in order', async () => {
    const n = MAX_ERRORS + 500
    const text = `id,name\n${Array.from({ length: n }, () => ',x').join('\n')}\nmany-1,ok\n`
    const rejects: Rejected[] = []
    const progress: Progress[] = []
    const report = await run(text, {
      skipInvalid: true,
      onReject: (r) => rejects.push(r),
      onProgress: (p) => progress.push(p),
    })
    expect(report).toMatchObject({
      accepted: true,
      rowsRead: n + 1,
      taken: 1,
      rejected: n,
      errorCount: n,
      rejects: [],
    })
    expect(report.errors).toHaveLength(MAX_ERRORS)
    expect(report.errors.at(-1)?.line).toBe(MAX_ERRORS + 1)
    expect(rejects.map((r) => r.line)).toEqual(Array.from({ length: n }, (_, i) => i + 2))
    expect(progress.at(-1)).toEqual({ rowsRead: n + 1, taken: 1, rejected: n })
  })

  it('rolls a dry run back after the database has checked it', async () => {
    const report = await run(file('dry', 5, { 3: '' }), { dryRun: true, skipInvalid: true })
    expect(report).toMatchObject({ accepted: true, dryRun: true, taken: 4, inserted: 4, rejected: 1 })
    expect(report.errors[0]?.line).toBe(4)
    expect(await ids('dry')).toEqual([])
  })

  it('counts a second import of the same file as unchanged', async () => {
    await run(file('twice-ok', 6))
    expect(await run(file('twice-ok', 6))).toMatchObject({ inserted: 0, updated: 0, unchanged: 6 })
  })
})
