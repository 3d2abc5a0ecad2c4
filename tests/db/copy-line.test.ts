// copyLine: one row of values as a line of COPY's text format, escaped so that no value breaks the line.
import { describe, expect, it } from 'vitest'
import { copyLine } from '../../db/client.ts'

describe('copyLine', () => {
  it.each([
    ['plain fields', ['a', 1, 'b'], 'a\t1\tb\n'],
    ['null', ['a', null], 'a\t\\N\n'],
    ['tab, newline, carriage return', ['a\tb\nc\rd'], 'a\\tb\\nc\\rd\n'],
    ['backslashes, so that a literal \\N stays text', ['\\N', 'C:\\x'], '\\\\N\tC:\\\\x\n'],
  ])('writes %s', (_, values, line) => {
    expect(copyLine(values)).toBe(line)
  })
})
