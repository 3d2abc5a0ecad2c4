import { describe, expect, it } from 'vitest'
import type { SentEventOf } from '../../../server/events.ts'
import type { IncidentFeature } from '../../../server/layers/incidents.ts'
import type { SurgeFeature } from '../../../server/layers/surge-schema.ts'
import { feedItem, type LiveEvent, parseLiveEvent, upsertById } from './feed.ts'

const at = '2026-11-30T11:00:00.000Z'
const head = { id: 42, createdAt: at }
const dataset = { id: 'd', name: 'D', licence: 'CC BY 4.0', modelled: false, citation: null }

/** An incident as the stream carries it. */
const incident = (
  id: number,
  type: IncidentFeature['properties']['type'],
  at = [12.6, 35.5],
): IncidentFeature => ({
  type: 'Feature',
  id,
  geometry: { type: 'Point', coordinates: at },
  properties: {
    id,
    type,
    severity: 'high',
    occurredAt: '2026-11-30T10:00:00Z',
    occurredPrecision: 'day',
    reportedAt: '2026-11-30T10:30:00Z',
    counts: { dead: null, missing: null, injured: null, survivors: null, children: null },
    cause: null,
    country: null,
    route: null,
    description: '',
    withheld: [],
    access: 'full',
    agency: null,
    verification: 'unverified',
    externalId: null,
    sourceUrl: null,
    dataset,
  },
})

const surge = (site: string, name: string, coordinates: number[]): SurgeFeature => ({
  type: 'Feature',
  id: `post:${site}`,
  geometry: { type: 'Point', coordinates },
  properties: {
    site,
    name,
    siteKind: 'post',
    country: 'NE',
    level: 'surge',
    observed: 400,
    expected: 100,
    ratio: 4,
    z: 5,
    baselineDays: 28,
    from: at,
    to: at,
    method: 'm',
    modelled: false,
    datasets: [dataset],
  },
})

const created = (feature: IncidentFeature): SentEventOf<'incident.created'> => ({
  ...head,
  type: 'incident.created',
  payload: { incidentId: feature.id, feature },
})
const reviewed = (
  action: SentEventOf<'incident.updated'>['payload']['action'],
  feature: IncidentFeature,
): SentEventOf<'incident.updated'> => ({
  ...head,
  type: 'incident.updated',
  payload: { incidentId: feature.id, action, verification: 'verified', severity: 'high', feature },
})
const counts = (sites: string[]): SentEventOf<'crossings.updated'> => ({
  ...head,
  type: 'crossings.updated',
  payload: { sites, from: at, to: at, simulated: false },
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
    const event = counts(['ne-assamaka'])
    expect(parseLiveEvent(JSON.stringify(event))).toEqual(event)
  })
})

describe('feedItem', () => {
  const where = (site: string) => (site === 'ne-assamaka' ? ([5.8, 19.4] as [number, number]) : null)
  const incidentAt = (id: number) => (id === 9 ? ([1, 2] as [number, number]) : null)
  // A point without coordinates (the schema says at least two): placed by its id instead.
  const unplaced = (feature: IncidentFeature): IncidentFeature => ({
    ...feature,
    geometry: { type: 'Point', coordinates: [] },
  })

  it.each<[string, LiveEvent, Record<string, unknown>]>([
    [
      'a new incident with its feature',
      created(incident(7, 'shipwreck')),
      {
        message: 'incidentCreated',
        values: { type: 'shipwreck', id: 7 },
        position: [12.6, 35.5],
        incidentId: 7,
      },
    ],
    [
      'a reviewed report, named by what the coordinator did',
      reviewed('verified', incident(9, 'shipwreck')),
      {
        message: 'incidentReviewed.verified',
        values: { type: 'shipwreck', id: 9 },
        position: [12.6, 35.5],
        incidentId: 9,
      },
    ],
    [
      'a report whose details its agency shares, placed by its id when its feature has no point',
      reviewed('shared', unplaced(incident(9, 'other'))),
      {
        message: 'incidentReviewed.shared',
        values: { type: 'other', id: 9 },
        position: [1, 2],
        incidentId: 9,
      },
    ],
    [
      'new counts, placed at the first site',
      counts(['ne-assamaka', 'fp-arlit']),
      { message: 'crossingsUpdated', values: { count: 2 }, position: [5.8, 19.4] },
    ],
    [
      'a surge with its feature',
      { ...head, type: 'surge.detected', payload: { site: 'x', feature: surge('x', 'Agadez', [8, 17]) } },
      { message: 'surgeDetected', values: { name: 'Agadez' }, position: [8, 17] },
    ],
    [
      'counts of unknown sites',
      counts(['nowhere']),
      { message: 'crossingsUpdated', values: { count: 1 }, position: null },
    ],
  ])('%s', (_, input, expected) => {
    expect(feedItem(input, where, incidentAt)).toMatchObject({ id: 42, at, ...expected })
  })
})

describe('upsertById', () => {
  it('puts the feature first and drops its older copy', () => {
    const f = (id: number, v: string) => ({ properties: { id, v } })
    expect(upsertById([f(1, 'a'), f(2, 'b')], f(2, 'c'))).toEqual([f(2, 'c'), f(1, 'a')])
    expect(upsertById([f(1, 'a')], f(3, 'x'))).toEqual([f(3, 'x'), f(1, 'a')])
  })
})
