import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { csvField, readCsv, readCsvTable, splitCsvRecord } from '../../../data/importers/csv.ts'

/** The text cut into chunks of `size` characters, to cross every chunk boundary. */
const chunks = (text: string, size: number) =>
  Readable.from(
    Array.from({ length: Math.ceil(text.length / size) }, (_, i) =>
      Buffer.from(text.slice(i * size, (i + 1) * size)),
    ),
  )

async function records(text: string, size = 1 << 16) {
  const out = []
  for await (const r of readCsv(chunks(text, size))) out.push(r)
  return out
}

describe('readCsv', () => {
  it.each([
    [
      'plain lines',
      'a,b\n1,2\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'no final line break',
      'a,b\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'CRLF',
      'a,b\r\n1,2\r\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'a BOM',
      '\ufeffa,b\n1,2\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'quoted commas and quotes',
      'a,b\n"x, y","say ""hi"""\n',
      [
        ['a', 'b'],
        ['x, y', 'say "hi"'],
      ],
    ],
    [
      'empty fields',
      'a,b,c\n,,\n',
      [
        ['a', 'b', 'c'],
        ['', '', ''],
      ],
    ],
    ['empty lines skipped', 'a\n\n1\n\n', [['a'], ['1']]],
  ])('reads %s', async (_, text, expected) => {
    for (const size of [1, 2, 3, 7, 1 << 16]) {
      expect((await records(text, size)).map((r) => r.fields)).toEqual(expected)
    }
  })

  it('numbers lines from 1, counting line breaks inside quotes, and keeps the raw text', async () => {
    const text = 'a,b\n"two\nlines",x\n\nlast,"q"\r\n'
    for (const size of [1, 4, 1 << 16]) {
      expect(await records(text, size)).toEqual([
        { line: 1, fields: ['a', 'b'], raw: 'a,b' },
        { line: 2, fields: ['two\nlines', 'x'], raw: '"two\nlines",x' },
        { line: 5, fields: ['last', 'q'], raw: 'last,"q"' },
      ])
    }
  })

  it('splits a raw record again and quotes fields that need it', () => {
    expect(splitCsvRecord('"a,1",b,"c ""d"""')).toEqual(['a,1', 'b', 'c "d"'])
    expect(['plain', 'a,b', 'say "x"', ' pad', 3].map(csvField)).toEqual([
      'plain',
      '"a,b"',
      '"say ""x"""',
      '" pad"',
      '3',
    ])
  })
})

describe('readCsvTable', () => {
  const columns = { required: ['site', 'count'], optional: ['note'] }
  const table = async (text: string) => {
    const out = []
    for await (const r of readCsvTable(Readable.from([text]), columns)) out.push(r)
    return out
  }

  it('gives cells by column name, in any column order', async () => {
    expect(await table('count,site\n3,ne-a\n')).toEqual([
      { line: 2, raw: '3,ne-a', cells: { count: '3', site: 'ne-a' } },
    ])
  })

  it.each([
    ['a missing column', 'site\nx\n', [{ line: 1, column: 'count', reason: 'column missing' }]],
    ['an unknown column', 'site,count,cuont\n', [expect.objectContaining({ line: 1, column: 'cuont' })]],
    ['a column twice', 'site,count,site\n', [{ line: 1, column: 'site', reason: 'column given twice' }]],
  ])('reports %s on line 1 and reads no further', async (_, text, errors) => {
    const out = await table(text)
    expect(out).toHaveLength(1)
    expect(out[0]).toMatchObject({ line: 1, errors })
  })

  it('names a row with the wrong number of fields', async () => {
    const out = await table('site,count\nx,1,2\n')
    expect(out[0]).toMatchObject({
      errors: [{ line: 2, column: 'row', reason: 'has 3 fields, the header has 2' }],
    })
  })

  it('ignores the line,column,reason columns a rejects file adds', async () => {
    const out = await table('site,count,line,column,reason\nx,1,2,count,bad\ny,2\n')
    expect(out.map((r) => ('cells' in r ? r.cells : r))).toEqual([
      { site: 'x', count: '1' },
      { site: 'y', count: '2' },
    ])
  })
})
