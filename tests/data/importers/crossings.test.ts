import { Readable } from 'node:stream'
import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { crossings } from '../../../data/importers/crossings.ts'
import type { CountRow } from '../../../data/importers/crossings-load.ts'
import { type ImportOptions, runImport } from '../../../data/importers/run.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'

const header = 'site,period_start,period,direction,count'

describe.each(engines)('importing crossings on %s', (engine) => {
  const database = useTestDatabase(engine)
  const run = (text: string, fileName: string, options: ImportOptions = {}) =>
    runImport(database.current, crossings, Readable.from([text]), {
      ...options,
      context: { fileName, ...options.context },
    })
  const stored = (source: string) =>
    database.current.rows<{
      site: string
      period_start: string
      period: string
      direction: string
      count: number
      breakdown: unknown
    }>(sql`
      SELECT coalesce(post_id, flow_point_id) AS site, to_char(period_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS period_start,
             period::text, direction::text, count, breakdown
      FROM crossing_counts WHERE source_id = ${source} ORDER BY 1, 2, 4`)
  const sourceRow = async (id: string) =>
    (
      await database.current.rows<{ publisher: string; licence: string }>(
        sql`SELECT publisher, licence FROM sources WHERE id = ${id}`,
      )
    )[0]

  beforeAll(async () => {
    await database.current.db.execute(sql`
      INSERT INTO sources (id, name, publisher, licence) VALUES ('test-h1', 'Test', 'Test', 'none') ON CONFLICT DO NOTHING`)
    await database.current.db.execute(sql`
      INSERT INTO flow_points (id, name, country, kind, location, location_precision, source_id, source_ref)
      VALUES ('fp-h1-test', 'Test point', 'NE', 'fmp', ST_SetSRID(ST_MakePoint(8, 17), 4326), 'town', 'test-h1', 'test')`)
  })

  const good = [
    `${header},nationality`,
    'ne-assamaka,2024-03-01T00:00:00Z,hour,in,12,NGA=5',
    'ne-assamaka,2024-03-01T01:00:00Z,hour,in,7,',
    'fp-h1-test,2024-03-01,day,out,300,',
  ].join('\n')

  it('lands a whole file under a source named after it, which says what it does not know', async () => {
    const report = await run(good, 'counts.csv')
    expect(report).toMatchObject({
      accepted: true,
      rowsRead: 3,
      taken: 3,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      rejected: 0,
    })
    expect(await stored('import-counts')).toEqual([
      {
        site: 'fp-h1-test',
        period_start: '2024-03-01T00:00',
        period: 'day',
        direction: 'out',
        count: 300,
        breakdown: null,
      },
      {
        site: 'ne-assamaka',
        period_start: '2024-03-01T00:00',
        period: 'hour',
        direction: 'in',
        count: 12,
        breakdown: { nationality: { NGA: 5 } },
      },
      {
        site: 'ne-assamaka',
        period_start: '2024-03-01T01:00',
        period: 'hour',
        direction: 'in',
        count: 7,
        breakdown: null,
      },
    ])
    expect(await sourceRow('import-counts')).toEqual({
      publisher: 'Not stated in the imported file',
      licence: 'Not stated in the imported file',
    })
  })

  it('changes nothing when the same file comes again, and updates only what changed', async () => {
    await run(good, 'again.csv')
    expect(await run(good, 'again.csv')).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 })
    const changed = good.replace(',hour,in,7,', ',hour,in,8,').replace('NGA=5', 'NGA=6')
    expect(await run(changed, 'again.csv')).toMatchObject({ inserted: 0, updated: 2, unchanged: 1 })
    expect((await stored('import-again')).map((r) => r.count)).toEqual([300, 12, 8])
  })

  const broken = [
    header,
    'ne-assamaka,2024-03-01T00:00:00Z,hour,in,12',
    'ne-nowhere,2024-03-01T01:00:00Z,hour,in,7',
    'ne-assamaka,2024-03-01T02:30:00Z,hour,in,7',
    'fp-h1-test,2024-03-01,day,out,-3',
    'fp-h1-missing,2024-03-01,day,out,3',
  ].join('\n')
  const brokenErrors = [
    { line: 3, column: 'site', reason: 'unknown site ne-nowhere: no border post has this id' },
    { line: 4, column: 'period_start', reason: '2024-03-01T02:30:00Z is not the start of an hour (UTC)' },
    { line: 5, column: 'count', reason: 'expected a whole number, 0 or more' },
    { line: 6, column: 'site', reason: 'unknown site fp-h1-missing: no flow point has this id' },
  ]

  it('changes nothing for a file with broken lines, and names each line, column and reason', async () => {
    const report = await run(broken, 'broken.csv')
    expect(report).toMatchObject({ accepted: false, rowsRead: 5, rejected: 4, errorCount: 4 })
    expect(report.errors).toEqual(brokenErrors)
    expect(await stored('import-broken')).toEqual([])
    expect(await sourceRow('import-broken')).toBeUndefined()
  })

  it('lands the valid rows with --skip-invalid and hands out the rejects in line order', async () => {
    const report = await run(broken, 'skipping.csv', { skipInvalid: true })
    expect(report).toMatchObject({ accepted: true, taken: 1, inserted: 1, rejected: 4 })
    expect(report.rejects.map((r) => [r.line, r.raw?.split(',')[0]])).toEqual([
      [3, 'ne-nowhere'],
      [4, 'ne-assamaka'],
      [5, 'fp-h1-test'],
      [6, 'fp-h1-missing'],
    ])
    expect((await stored('import-skipping')).map((r) => r.period_start)).toEqual(['2024-03-01T00:00'])
  })

  it('changes nothing in a dry run, yet reports what it would do and what the database refuses', async () => {
    expect(await run(good, 'dry.csv', { dryRun: true })).toMatchObject({
      accepted: true,
      dryRun: true,
      inserted: 3,
    })
    expect(await stored('import-dry')).toEqual([])
    const report = await run(broken, 'dry.csv', { dryRun: true, skipInvalid: true })
    expect(report.errors).toEqual(brokenErrors)
    expect(await stored('import-dry')).toEqual([])
  })

  it('loads a file across many batches, refusing an unknown site in each batch it is in', async () => {
    const lines = [header]
    for (let day = 1; day <= 9; day++) {
      lines.push(`ne-assamaka,2024-04-0${day},day,in,${day}`, `fp-h1-test,2024-04-0${day},day,out,${day}`)
      if (day % 3 === 0) lines.push(`ne-h1-nowhere,2024-04-0${day},day,in,1`)
    }
    const text = lines.join('\n')
    const batched = { ...crossings, batchSize: 4 }
    const load = (body: string, options: ImportOptions = {}) =>
      runImport(database.current, batched, Readable.from([body]), {
        ...options,
        context: { fileName: 'batched.csv' },
      })
    const first = await load(text, { skipInvalid: true })
    expect(first).toMatchObject({ accepted: true, taken: 18, inserted: 18, rejected: 3 })
    expect(first.errors.map((e) => [e.line, e.column])).toEqual([
      [8, 'site'],
      [15, 'site'],
      [22, 'site'],
    ])
    const again = await load(text.replace('2024-04-05,day,out,5', '2024-04-05,day,out,50'), {
      skipInvalid: true,
    })
    expect(again).toMatchObject({ inserted: 0, updated: 1, unchanged: 17, rejected: 3 })
    expect((await stored('import-batched')).filter((r) => r.count === 50)).toHaveLength(1)
  })

  // Rows the parser would refuse, handed to the loader as if valid: what the database refuses in the
  // staging table (COPY) or in the merge is found by halving the batch and named by its line.
  it.each([
    ['the staging table (an unknown period)', 'staging', { period: 'week' }, /invalid input value for enum/],
    ['the merge (a negative count)', 'merge', { count: -3 }, /crossing_counts_count/],
  ])('names the line of a row refused by %s', async (_, file, change, reason) => {
    const row = (n: number): CountRow => ({
      site: 'ne-assamaka',
      periodStart: `2024-05-0${n}T00:00:00.000Z`,
      period: 'day',
      direction: 'in',
      count: n,
      breakdown: null,
      source: null,
    })
    const unchecked = {
      ...crossings,
      batchSize: 8,
      async *parse() {
        for (let n = 1; n <= 5; n++) yield { line: n + 1, row: n === 4 ? { ...row(n), ...change } : row(n) }
      },
    } as typeof crossings
    const report = await runImport(database.current, unchecked, Readable.from(['']), {
      context: { fileName: `${file}.csv` },
      skipInvalid: true,
    })
    expect(report).toMatchObject({ accepted: true, taken: 4, inserted: 4, rejected: 1 })
    expect(report.errors).toEqual([{ line: 5, column: 'row', reason: expect.stringMatching(reason) }])
    expect((await stored(`import-${file}`)).map((r) => r.count)).toEqual([1, 2, 3, 5])
  })

  it('files rows under --source or their own source column, which must exist', async () => {
    const text = `${header},source\nne-assamaka,2024-03-01,day,in,1,test-h1\nne-assamaka,2024-03-02,day,in,2,\nne-assamaka,2024-03-03,day,in,3,nope\n`
    const report = await run(text, 'own.csv', { context: { source: 'h1-chosen' }, skipInvalid: true })
    expect(report.errors).toEqual([
      { line: 4, column: 'source', reason: 'unknown source nope: no sources row has this id' },
    ])
    expect((await stored('test-h1')).map((r) => r.count)).toEqual([1])
    expect((await stored('h1-chosen')).map((r) => r.count)).toEqual([2])
  })
})
