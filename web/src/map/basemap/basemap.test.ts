import type { GeometryCollection, Topology } from 'topojson-specification'
import { describe, expect, it } from 'vitest'
import { basemapFromTopology } from './natural-earth.ts'
import { buildBasemapStyle } from './style.ts'

// Two unit squares side by side, A at x 0..1 and B at x 1..2, sharing the edge x = 1 (arc 0).
const topology: Topology<{ countries: GeometryCollection; land: GeometryCollection }> = {
  type: 'Topology',
  arcs: [
    [
      [1, 0],
      [1, 1],
    ],
    [
      [1, 1],
      [0, 1],
      [0, 0],
      [1, 0],
    ],
    [
      [1, 0],
      [2, 0],
      [2, 1],
      [1, 1],
    ],
  ],
  objects: {
    countries: {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Polygon', id: 'A', arcs: [[0, 1]] },
        { type: 'Polygon', id: 'B', arcs: [[2, -1]] },
      ],
    },
    land: { type: 'GeometryCollection', geometries: [{ type: 'Polygon', arcs: [[1, 2]] }] },
  },
}

describe('basemapFromTopology', () => {
  const geometry = basemapFromTopology(topology)

  it('draws the shared edge, and only it, as a border', () => {
    expect(geometry.borders.coordinates).toEqual([
      [
        [1, 0],
        [1, 1],
      ],
    ])
  })

  it('draws the outline of the land as coastline, without the border', () => {
    const points = geometry.coastlines.coordinates.flat().map((p) => p.join(','))
    expect(new Set(points)).toEqual(new Set(['0,0', '0,1', '1,0', '1,1', '2,0', '2,1']))
    const midBorder = geometry.coastlines.coordinates.some((line) =>
      line.some((p, i) => p[0] === 1 && line[i + 1]?.[0] === 1),
    )
    expect(midBorder).toBe(false)
  })

  it('makes the land one multipolygon', () => {
    expect(geometry.land.geometry.type).toBe('MultiPolygon')
    expect(geometry.land.geometry.coordinates).toHaveLength(1)
  })
})

describe('buildBasemapStyle', () => {
  const style = buildBasemapStyle(basemapFromTopology(topology))

  it('needs nothing from a server: no glyphs, no sprite, no URL', () => {
    expect(style.glyphs).toBeUndefined()
    expect(style.sprite).toBeUndefined()
    expect(JSON.stringify(style)).not.toMatch(/https?:|\{z\}/)
  })

  it('draws sea, then land, then coastlines and borders on top', () => {
    expect(style.layers.map((layer) => layer.id)).toEqual(['sea', 'land', 'coastline', 'borders'])
  })

  it('has a source for every layer that needs one', () => {
    for (const layer of style.layers) {
      if ('source' in layer) expect(Object.keys(style.sources)).toContain(layer.source)
    }
  })
})
