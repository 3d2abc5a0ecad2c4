import { describe, expect, it } from 'vitest'
import { fieldErrorsOf, fieldOfParam } from './fields.ts'

describe('fieldOfParam: where a reason of the server is shown', () => {
  it.each([
    ['type', 'type'],
    ['occurredAt', 'occurredAt'],
    ['location', 'location'],
    ['location.coordinates', 'location'],
    ['location.type', 'location'],
    ['accuracyM', 'location'],
    ['counts.dead', 'dead'],
    ['counts.missing', 'missing'],
    ['counts.injured', 'injured'],
    ['counts.survivors', 'survivors'],
    ['counts.children', 'children'],
    ['counts', 'form'],
    ['counts.babies', 'form'],
    ['description', 'description'],
    ['photo', 'photo'],
    ['Idempotency-Key', 'form'],
    ['severity', 'form'],
    ['', 'form'],
  ])('%s → %s', (name, field) => {
    expect(fieldOfParam(name)).toBe(field)
  })
})

describe('fieldErrorsOf', () => {
  it('joins the reasons that belong to one field, and names the field of those shown on the form', () => {
    expect(
      fieldErrorsOf({
        'location.coordinates': 'expected [longitude, latitude]',
        accuracyM: 'at most 1,000,000 m',
        counts: 'expected {dead, missing, injured, survivors, children}',
        description: 'at most 5000 characters',
      }),
    ).toEqual({
      location: 'expected [longitude, latitude]; at most 1,000,000 m',
      form: 'counts: expected {dead, missing, injured, survivors, children}',
      description: 'at most 5000 characters',
    })
  })
})
