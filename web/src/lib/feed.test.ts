import { describe, expect, it } from 'vitest'
import { feedItem, type LiveEvent, parseLiveEvent, upsertById } from './feed.ts'

const event = (type: LiveEvent['type'], payload: Record<string, unknown>): LiveEvent => ({
  id: 42,
  type,
  payload,
  createdAt: '2026-11-30T11:00:00.000Z',
})

const feature = (properties: Record<string, unknown>, coordinates = [12.6, 35.5]) => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates },
  properties,
})

describe('parseLiveEvent', () => {
  it.each([
    ['not JSON', '{', null],
    ['an unknown type', '{"id":1,"type":"x","payload":{},"createdAt":"t"}', null],
    ['no payload', '{"id":1,"type":"incident.created","createdAt":"t"}', null],
    ['a string id', '{"id":"1","type":"incident.created","payload":{},"createdAt":"t"}', null],
  ])('refuses %s', (_, data, expected) => {
    expect(parseLiveEvent(data)).toBe(expected)
  })

  it('reads an event', () => {
    expect(parseLiveEvent('{"id":1,"type":"surge.detected","payload":{"a":1},"createdAt":"t"}')).toEqual({
      id: 1,
      type: 'surge.detected',
      payload: { a: 1 },
      createdAt: 't',
    })
  })
})

describe('feedItem', () => {
  const where = (site: string) => (site === 'ne-assamaka' ? ([5.8, 19.4] as [number, number]) : null)
  const incidentAt = (id: number) => (id === 9 ? ([1, 2] as [number, number]) : null)

  it.each([
    [
      'a new incident with its feature',
      event('incident.created', { id: 7, feature: feature({ id: 7, type: 'shipwreck' }) }),
      {
        message: 'incidentCreated',
        values: { type: 'shipwreck', id: 7 },
        position: [12.6, 35.5],
        incidentId: 7,
      },
    ],
    [
      'an updated incident, placed by its id',
      event('incident.updated', { incidentId: 9, changes: { verification: 'verified' } }),
      { message: 'incidentUpdated', values: { type: 'other', id: 9 }, position: [1, 2], incidentId: 9 },
    ],
    [
      'a reviewed report, named by what the coordinator did',
      event('incident.updated', {
        incidentId: 9,
        action: 'verified',
        feature: feature({ id: 9, type: 'shipwreck' }),
      }),
      {
        message: 'incidentReviewed.verified',
        values: { type: 'shipwreck', id: 9 },
        position: [12.6, 35.5],
        incidentId: 9,
      },
    ],
    [
      'a report whose details its agency shares, or stops sharing',
      event('incident.updated', { incidentId: 9, action: 'shared' }),
      {
        message: 'incidentReviewed.shared',
        values: { type: 'other', id: 9 },
        position: [1, 2],
        incidentId: 9,
      },
    ],
    [
      'an update with an action it does not know, as a plain update',
      event('incident.updated', { incidentId: 9, action: 'teleported' }),
      { message: 'incidentUpdated', values: { type: 'other', id: 9 }, position: [1, 2], incidentId: 9 },
    ],
    [
      'new counts, placed at the first site',
      event('crossings.updated', { sites: ['ne-assamaka', 'fp-arlit'] }),
      { message: 'crossingsUpdated', values: { count: 2 }, position: [5.8, 19.4] },
    ],
    [
      'a surge with its feature',
      event('surge.detected', { feature: feature({ site: 'x', name: 'Agadez' }, [8, 17]) }),
      { message: 'surgeDetected', values: { name: 'Agadez' }, position: [8, 17] },
    ],
    [
      'a surge named by its site only',
      event('surge.detected', { site: 'ne-assamaka' }),
      { message: 'surgeDetected', values: { name: 'ne-assamaka' }, position: [5.8, 19.4] },
    ],
    [
      'counts of unknown sites',
      event('crossings.updated', { sites: ['nowhere'] }),
      { message: 'crossingsUpdated', values: { count: 1 }, position: null },
    ],
  ])('%s', (_, input, expected) => {
    expect(feedItem(input, where, incidentAt)).toMatchObject({ id: 42, at: input.createdAt, ...expected })
  })
})

describe('upsertById', () => {
  it('puts the feature first and drops its older copy', () => {
    const f = (id: number, v: string) => ({ properties: { id, v } })
    expect(upsertById([f(1, 'a'), f(2, 'b')], f(2, 'c'))).toEqual([f(2, 'c'), f(1, 'a')])
    expect(upsertById([f(1, 'a')], f(3, 'x'))).toEqual([f(3, 'x'), f(1, 'a')])
  })
})
