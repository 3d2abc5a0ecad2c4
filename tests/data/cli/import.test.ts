// `npm run import` as a process: usage errors, exit codes, error lines, the summary and the rejects file.
import { execFile } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'

interface Result {
  code: number | null
  stdout: string
  stderr: string
}

function runCli(args: string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'data/cli/import.ts', ...args],
      { env: { ...process.env, DATABASE_URL: '', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    )
  })
}

const dir = mkdtempSync(join(tmpdir(), 'crosswatch-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const write = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}
const header = 'site,period_start,period,direction,count'

describe('the import CLI, used wrongly', () => {
  it.each([
    [[], 'give a format and a file'],
    [['nonsense', 'x.csv'], 'unknown format nonsense'],
    [['crossings', join(dir, 'missing.csv')], 'cannot read'],
    [['crossings', dir], 'cannot read'],
    [['crossings', 'a.csv', 'b.csv'], 'one file at a time'],
    [['crossings', 'a.csv', '--source', 'Not An Id'], '--source Not An Id'],
    [['crossings', 'a.csv', '--frobnicate'], "Unknown option '--frobnicate'"],
  ])('%j exits 2 with the reason and the usage', async (args, reason) => {
    const { code, stderr, stdout } = await runCli(args, { CROSSWATCH_DATA_DIR: join(dir, 'never-opened') })
    expect(code).toBe(2)
    expect(stderr).toContain(reason)
    expect(stderr).toContain('usage: npm run import -- <format> <file>')
    expect(stdout).toBe('')
    expect(existsSync(join(dir, 'never-opened'))).toBe(false)
  })

  it('prints the usage with every format for --help and exits 0', async () => {
    const { code, stdout } = await runCli(['--help'])
    expect(code).toBe(0)
    expect(stdout).toMatch(/^ {2}crossings /m)
    expect(stdout).toMatch(/^ {2}dtm /m)
    expect(stdout).toMatch(/^ {2}frontex /m)
    expect(stdout).toMatch(/^ {2}italy /m)
    expect(stdout).toContain('exit codes')
  })
})

describe.each(engines)('the import CLI on %s', (engine) => {
  const database = useTestDatabase(engine)
  // The embedded engine admits one process at a time: the CLI's, while it runs.
  beforeAll(async () => database.current.close())
  afterAll(async () => {
    database.current = await database.handle.open()
  })
  const cli = (...args: string[]) => runCli(args, database.handle.env)

  it('lands a file (exit 0, one summary line), then finds nothing to change', async () => {
    const file = write(
      `good-${engine}.csv`,
      `${header}\nne-assamaka,2024-05-01,day,in,4\nne-assamaka,2024-05-01,day,out,6\n`,
    )
    const first = await cli('crossings', file)
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(
      /^crossings: 2 rows read, 2 taken \(2 inserted, 0 updated, 0 unchanged\), 0 rejected in [\d.]+ s\n$/,
    )
    const second = await cli('crossings', file)
    expect(second.stdout).toContain('2 taken (0 inserted, 0 updated, 2 unchanged)')
  })

  const folder = '../shared/data/italy'
  it.skipIf(!existsSync(folder))('imports a real series of ../shared/data, not its descriptor', async () => {
    // The seed loaded the shipped copy of this file: every figure is there, unchanged.
    const real = await cli('italy', `${folder}/nazionalita.csv`)
    expect(real.code).toBe(0)
    expect(real.stdout).toMatch(
      /^italy: 1619 rows read, 1619 taken \(0 inserted, 0 updated, 1619 unchanged\), 0 rejected in [\d.]+ s\n$/,
    )
    const descriptor = `${folder}/italian-immigration-datapackage.json`
    const refused = await cli('italy', descriptor)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(
      `${descriptor}:1: file: a JSON file, such as the project's Frictionless data-package descriptor, not data`,
    )
    expect(refused.stdout).toContain('1 rows read, 0 taken (0 inserted, 0 updated, 0 unchanged), 1 rejected')
  })

  const broken = [
    header,
    'ne-assamaka,2024-05-02,day,in,4',
    'ne-nowhere,2024-05-02,day,in,4',
    'ne-assamaka,2024-05-02,day,"out, surely",-1',
  ].join('\n')

  it('rejects a file with broken lines (exit 1), printing file:line: column: reason', async () => {
    const file = write(`broken-${engine}.csv`, broken)
    const { code, stdout, stderr } = await cli('crossings', file)
    expect(code).toBe(1)
    expect(stderr.split('\n').filter((l) => l.startsWith(file))).toEqual([
      `${file}:3: site: unknown site ne-nowhere: no border post has this id`,
      `${file}:4: direction: expected in or out`,
      `${file}:4: count: expected a whole number, 0 or more`,
    ])
    expect(stdout).toMatch(/3 rows read, 1 taken .* 2 rejected .*; rejected: nothing was written/)
    expect(existsSync(join(dir, `broken-${engine}.rejects.csv`))).toBe(false)
  })

  it('dry-runs a good file (exit 0) and a bad one (exit 1) without writing', async () => {
    const file = write(`dry-${engine}.csv`, `${header}\nne-assamaka,2024-05-09,day,in,4\n`)
    const clean = await cli('crossings', file, '--dry-run')
    expect(clean.code).toBe(0)
    expect(clean.stdout).toContain('1 inserted')
    expect(clean.stdout).toContain('dry run: nothing was written')
    const bad = await cli('crossings', write(`dry-bad-${engine}.csv`, broken), '--dry-run', '--skip-invalid')
    expect(bad.code).toBe(0)
    expect(bad.stdout).toContain('dry run: nothing was written')
    expect(existsSync(join(dir, `dry-bad-${engine}.rejects.csv`))).toBe(false)
  })

  it('never writes rejects into a read-only folder: they go to the temporary folder', async () => {
    const folder = join(dir, `read-only-${engine}`)
    mkdirSync(folder)
    const file = join(folder, `ro-${engine}.csv`)
    writeFileSync(file, broken)
    chmodSync(folder, 0o555)
    try {
      const { code, stdout } = await cli('crossings', file, '--skip-invalid')
      expect(code).toBe(0)
      expect(readdirSync(folder)).toEqual([`ro-${engine}.csv`])
      expect(stdout).toContain(`rejected rows in ${join(tmpdir(), `ro-${engine}.rejects.csv`)}`)
    } finally {
      chmodSync(folder, 0o755)
      rmSync(join(tmpdir(), `ro-${engine}.rejects.csv`), { force: true })
    }
  })

  it('lands the valid rows with --skip-invalid and writes the rejects beside the file', async () => {
    const file = write(`skip-${engine}.csv`, broken)
    const rejectsFile = join(dir, `skip-${engine}.rejects.csv`)
    const { code, stdout } = await cli('crossings', file, '--skip-invalid')
    expect(code).toBe(0)
    expect(stdout).toContain(`rejected rows in ${rejectsFile}`)
    expect(readFileSync(rejectsFile, 'utf8')).toBe(
      [
        `${header},line,column,reason`,
        'ne-nowhere,2024-05-02,day,in,4,3,site,unknown site ne-nowhere: no border post has this id',
        'ne-assamaka,2024-05-02,day,"out, surely",-1,4,direction; count,"expected in or out; expected a whole number, 0 or more"',
        '',
      ].join('\n'),
    )
    // The corrected rejects file imports as it is: its last three columns are ignored.
    write(
      `skip-${engine}.rejects.csv`,
      readFileSync(rejectsFile, 'utf8')
        .replace('ne-nowhere', 'ne-madama')
        .replace('"out, surely",-1', 'out,1'),
    )
    const again = await cli('crossings', rejectsFile, '--skip-invalid')
    expect(again.stdout).toContain('2 taken (2 inserted')
    expect(again.code).toBe(0)
  })

  it('wrote only what landed', async () => {
    const opened = await database.handle.open()
    try {
      const rows = await opened.rows<{ source_id: string; n: number }>(sql`
        SELECT source_id, count(*)::int AS n FROM crossing_counts WHERE source_id LIKE 'import-%' GROUP BY 1 ORDER BY 1`)
      expect(rows).toEqual([
        { source_id: `import-good-${engine}`, n: 2 },
        { source_id: `import-ro-${engine}`, n: 1 },
        { source_id: `import-skip-${engine}`, n: 1 },
        { source_id: `import-skip-${engine}-rejects`, n: 2 },
      ])
    } finally {
      await opened.close()
    }
  })
})
