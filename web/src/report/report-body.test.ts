import { describe, expect, it } from 'vitest'
import { REPORT_TYPES as SERVER_TYPES } from '../../../server/review/report.ts'
import { en } from '../i18n/en.ts'
import { REPORT_TYPES } from './report-body.ts'

describe('the report page and the server', () => {
  it('offer the same incident types, each with a name', () => {
    expect([...REPORT_TYPES].sort()).toEqual([...SERVER_TYPES].sort())
    for (const type of REPORT_TYPES) expect(en.layers.incidents.types[type]).toBeTruthy()
  })
})
