import { describe, expect, it } from 'vitest'
import { severityOf } from '../../db/severity.ts'

describe('severityOf', () => {
  it.each([
    [0, 'low'],
    [1, 'moderate'],
    [9, 'moderate'],
    [10, 'high'],
    [49, 'high'],
    [50, 'critical'],
    [1022, 'critical'],
  ])('%i dead and missing is %s', (n, severity) => {
    expect(severityOf(n)).toBe(severity)
  })
})
