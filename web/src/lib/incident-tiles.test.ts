// The incidents' tiles as the map reads them: made by the server's own encoder, decoded here to places,
// counts and datasets; the legend's sums; which live incidents the tiles already hold.
import { describe, expect, it } from 'vitest'
import { encodeTile } from '../../../server/tiles/mvt.ts'
import { tileBounds, tilePosition } from '../../../server/tiles/tile-math.ts'
import type { IncidentFeature } from '../api/layer-types.ts'
import { decodeIncidentTile, fromRecord, notInTiles, summarize, tileBox } from './incident-tiles.ts'

const TILE = { z: 8, x: 136, y: 100 } // Lampedusa
const [x, y] = tilePosition(tileBounds(TILE), 12.6, 35.5)
const bytes = encodeTile({
  incidents: [
    {
      id: 41,
      x,
      y,
      properties: {
        count: 1,
        type: 'shipwreck',
        severity: 'critical',
        occurredAt: '2026-11-29T10:00:00Z',
        sources: 'crosswatch-field-reports',
        verification: 'verified',
        shared: true,
      },
    },
    {
      x: x + 300,
      y: y + 300,
      properties: {
        count: 7,
        type: 'trafficking',
        severity: 'high',
        occurredAt: '2026-11-30T10:00:00Z',
        sources: 'iom-mmp;crosswatch-field-reports',
        closed: false,
        low: 2,
        moderate: 0,
        high: 5,
        critical: 0,
        trafficking: 4,
        smuggling: 3,
      },
    },
    {
      x: x + 600,
      y,
      properties: {
        count: 2,
        type: 'other',
        severity: 'low',
        occurredAt: '2026-11-01T10:00:00Z',
        sources: 'iom-mmp',
        closed: true,
        low: 2,
        moderate: 0,
        high: 0,
        critical: 0,
        other: 2,
      },
    },
  ],
  datasets: [
    {
      x: 0,
      y: 0,
      properties: { id: 'crosswatch-field-reports', name: 'Field reports', licence: 'none', modelled: false },
    },
    {
      x: 0,
      y: 0,
      properties: {
        id: 'iom-mmp',
        name: 'Missing Migrants',
        licence: 'CC BY 4.0',
        modelled: false,
        citation: 'IOM MMP',
      },
    },
  ],
})

describe('an incidents tile', () => {
  const tile = decodeIncidentTile(bytes, TILE, 1_000)

  it('gives each incident and cluster at its longitude and latitude, with what it counts', () => {
    const [one, cluster, closed] = tile.incidents
    expect(one).toMatchObject({ id: 41, count: 1, type: 'shipwreck', severity: 'critical', shared: true })
    expect(one?.verification).toBe('verified')
    expect(one?.closed).toBe(false)
    expect(one?.severities).toEqual({ low: 0, moderate: 0, high: 0, critical: 1 })
    expect(one?.types).toEqual({ shipwreck: 1 })
    // A tile of zoom 8 is 1.4° wide in 4,096 units: one unit is ~0.0003°.
    expect(one?.position[0]).toBeCloseTo(12.6, 3)
    expect(one?.position[1]).toBeCloseTo(35.5, 3)
    expect(cluster).toMatchObject({
      id: null,
      count: 7,
      severities: { low: 2, moderate: 0, high: 5, critical: 0 },
    })
    expect(cluster?.types).toEqual({ trafficking: 4, smuggling: 3 })
    expect(cluster?.sources).toEqual(['iom-mmp', 'crosswatch-field-reports'])
    expect(closed?.closed).toBe(true)
  })

  it('credits its datasets', () => {
    expect(tile.datasets).toEqual([
      {
        id: 'crosswatch-field-reports',
        name: 'Field reports',
        licence: 'none',
        modelled: false,
        citation: null,
      },
      { id: 'iom-mmp', name: 'Missing Migrants', licence: 'CC BY 4.0', modelled: false, citation: 'IOM MMP' },
    ])
  })

  it('knows its box', () => {
    expect(tile.box).toEqual(tileBox(8, 136, 100))
    const b = tileBounds(TILE)
    expect(tile.box.west).toBeCloseTo(b.west, 9)
    expect(tile.box.north).toBeCloseTo(b.north, 9)
    expect(tile.box.south).toBeCloseTo(b.south, 9)
  })

  it('sums to the legend: merged and rejected apart, never in a count', () => {
    const summary = summarize([tile])
    expect(summary).toMatchObject({
      events: 8,
      bySeverity: { low: 2, moderate: 0, high: 5, critical: 1 },
      byType: { shipwreck: 1, trafficking: 4, smuggling: 3 },
      shared: 1,
      closed: 2,
    })
    expect(summary.datasets.map((d) => d.id)).toEqual(['crosswatch-field-reports', 'iom-mmp'])
  })

  it('leaves a live incident over the tiles until a tile fetched after it arrived holds its place', () => {
    const record = {
      type: 'Feature',
      id: 99,
      geometry: { type: 'Point', coordinates: [12.5, 35.8] },
      properties: {
        id: 99,
        type: 'shipwreck',
        severity: 'high',
        occurredAt: '2026-12-01T10:00:00Z',
        verification: 'unverified',
        access: 'full',
        dataset: {
          id: 'crosswatch-field-reports',
          name: 'Field reports',
          licence: 'none',
          modelled: false,
          citation: null,
        },
      },
    } as unknown as IncidentFeature
    const incident = fromRecord(record)
    expect(incident).toMatchObject({ id: 99, count: 1, position: [12.5, 35.8], record })
    expect(notInTiles(incident, 2_000, [tile])).toBe(true) // the tile is older than the incident
    expect(notInTiles(incident, 500, [tile])).toBe(false)
    expect(notInTiles(incident, 500, [{ ...tile, box: tileBox(8, 0, 0) }])).toBe(true) // elsewhere
    expect(summarize([tile], [incident]).events).toBe(9)
  })
})
