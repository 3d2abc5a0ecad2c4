import { describe, expect, it } from 'vitest'
import { type Draft, emptyDraft, fromBody, isoWithOffset, toBody, toLocalInput, validate } from './draft.ts'

const now = new Date(2026, 10, 30, 10, 0) // local time
const valid = (over: Partial<Draft> = {}): Draft => ({
  ...emptyDraft(now),
  type: 'shipwreck',
  location: { lon: 12.61234567, lat: 35.5, accuracyM: 12.4, source: 'gps' },
  description: '  Boat capsized  ',
  ...over,
})

describe('times', () => {
  it('defaults to now, to the minute, in the phone’s time zone', () => {
    expect(emptyDraft(now).occurredAt).toBe('2026-11-30T10:00')
    expect(toLocalInput(new Date(2026, 0, 2, 3, 4, 59))).toBe('2026-01-02T03:04')
  })

  it('sends ISO 8601 with the offset of that date', () => {
    const iso = isoWithOffset('2026-11-30T09:15')
    expect(iso).toMatch(/^2026-11-30T09:15:00[+-]\d{2}:\d{2}$/)
    expect(Date.parse(iso ?? '')).toBe(new Date(2026, 10, 30, 9, 15).getTime())
    expect(isoWithOffset('2026-07-01T12:00:30')).toMatch(/^2026-07-01T12:00:30[+-]\d{2}:\d{2}$/)
  })

  it.each(['', '2026-11-30', '30/11/2026 09:15', '2026-02-30T10:00', 'yesterday'])(
    '%j is not a time',
    (v) => {
      expect(isoWithOffset(v)).toBeNull()
    },
  )
})

describe('validate: one code per field at fault', () => {
  const at = now.getTime()

  it('passes a complete draft', () => {
    expect(validate(valid(), at)).toEqual({})
  })

  it('names every field at fault at once', () => {
    expect(validate(emptyDraft(now), at)).toEqual({ type: 'typeRequired', location: 'locationRequired' })
    expect(
      validate(
        valid({
          occurredAt: 'soon',
          counts: { dead: '-1', missing: '2.5', injured: '100001', survivors: ' 7 ', children: '' },
          description: 'x'.repeat(5001),
          photo: { dataUrl: 'data:image/jpeg;base64,', width: 1, height: 1, bytes: 5 * 1024 * 1024 + 1 },
        }),
        at,
      ),
    ).toEqual({
      occurredAt: 'timeRequired',
      dead: 'countInvalid',
      missing: 'countInvalid',
      injured: 'countTooLarge',
      description: 'descriptionTooLong',
      photo: 'photoTooBig',
    })
  })

  it('refuses a time more than 10 minutes ahead, or before 1900', () => {
    expect(validate(valid({ occurredAt: '2026-11-30T10:09' }), at)).toEqual({})
    expect(validate(valid({ occurredAt: '2026-11-30T10:11' }), at)).toEqual({ occurredAt: 'timeFuture' })
    expect(validate(valid({ occurredAt: '1899-12-30T10:00' }), at)).toEqual({ occurredAt: 'timeTooOld' })
  })
})

describe('toBody and back', () => {
  it('makes the body the API takes: numbers, trimmed text, lon first, no photo key without a photo', () => {
    const body = toBody(
      valid({ counts: { dead: '1', missing: '', injured: '0', survivors: ' 30', children: '4' } }),
    )
    expect(body).toEqual({
      type: 'shipwreck',
      occurredAt: isoWithOffset('2026-11-30T10:00'),
      location: { type: 'Point', coordinates: [12.612346, 35.5] },
      accuracyM: 12,
      counts: { dead: 1, missing: 0, injured: 0, survivors: 30, children: 4 },
      description: 'Boat capsized',
    })
    expect(body).not.toHaveProperty('photo')
  })

  it('reads a saved body back into the form, to correct it', () => {
    const photo = { dataUrl: 'data:image/jpeg;base64,AAAA', width: 10, height: 5, bytes: 3 }
    const body = toBody(valid({ photo, location: { lon: 1, lat: 2, accuracyM: null, source: 'map' } }))
    const draft = fromBody(body)
    expect(draft).toMatchObject({
      type: 'shipwreck',
      occurredAt: '2026-11-30T10:00',
      location: { lon: 1, lat: 2, accuracyM: null, source: 'map' },
      counts: { dead: '', missing: '', injured: '', survivors: '', children: '' },
      description: 'Boat capsized',
      photo: { dataUrl: photo.dataUrl, bytes: 3 },
    })
    expect(toBody(draft)).toEqual(body)
  })
})
