// The shipped reference files themselves, read without a database: flow points and corridors.
import { existsSync, readFileSync } from 'node:fs'
import { along, bbox, booleanPointInPolygon, length, lineString, polygon } from '@turf/turf'
import { parse as parseCsv } from 'csv-parse/sync'
import type { Feature, Point, Position } from 'geojson'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import { describe, expect, it } from 'vitest'
import { parseBorderPosts } from '../../../data/importers/border-posts.ts'
import { BORDER_POSTS_CSV } from '../../../data/seed/10-border-posts.ts'
import { FLOW_POINTS_CSV, parseFlowPoints } from '../../../data/seed/20-flow-points.ts'
import { CORRIDORS_JSON, drawCorridor, parseCorridors } from '../../../data/seed/30-corridors.ts'

describe('the shipped flow-points file', () => {
  const { rows, errors } = parseFlowPoints(readFileSync(FLOW_POINTS_CSV, 'utf8'))

  it('is valid, each point citing its source', () => {
    expect(errors).toEqual([])
    expect(rows.length).toBeGreaterThanOrEqual(15)
    for (const r of rows)
      expect(r.source_url, r.id).toMatch(/^https:\/\/(www\.geonames\.org|\w+\.wikipedia\.org)\//)
  })

  const dtm = '../shared/data/dtm/dtm_wca_fmr_monthly_by_fmp_region.csv'
  it.skipIf(!existsSync(dtm))(
    'names every flow-monitoring point exactly as the IOM DTM file of ../shared does',
    () => {
      const names = new Set(
        (parseCsv(readFileSync(dtm), { columns: true }) as { fmp: string }[]).map((r) => r.fmp),
      )
      for (const r of rows.filter((r) => r.kind === 'fmp')) expect(names, r.id).toContain(r.name)
    },
  )
})

describe('the shipped corridors file', () => {
  const file = parseCorridors(readFileSync(CORRIDORS_JSON, 'utf8'))
  const land = JSON.parse(readFileSync('node_modules/world-atlas/land-10m.json', 'utf8')) as Topology
  const shapes = (
    feature(land, land.objects.land as GeometryCollection) as {
      features: { geometry: { type: string; coordinates: Position[][][] | Position[][] } }[]
    }
  ).features
    .flatMap((f) =>
      f.geometry.type === 'Polygon'
        ? [f.geometry.coordinates as Position[][]]
        : (f.geometry.coordinates as Position[][][]),
    )
    .map((rings) => ({ shape: polygon(rings), box: bbox(polygon(rings)) }))
    .filter(({ box: [w, s, e, n] }) => e > 5 && w < 30 && n > 30 && s < 46)
  const onLand = (p: Feature<Point>) => {
    const [lon = 0, lat = 0] = p.geometry.coordinates
    return shapes.some(
      ({ shape, box: [w, s, e, n] }) =>
        lon >= w && lon <= e && lat >= s && lat <= n && booleanPointInPolygon(p, shape),
    )
  }

  it('holds at least 8 corridors, land and sea', () => {
    expect(file.corridors.length).toBeGreaterThanOrEqual(8)
    expect(new Set(file.corridors.map((c) => c.mode))).toEqual(new Set(['land', 'sea']))
  })

  it('keeps the open-sea legs of sea corridors off the land', () => {
    const posts = new Map(
      parseBorderPosts(readFileSync(BORDER_POSTS_CSV, 'utf8')).rows.map((p) => [p.id, p] as const),
    )
    for (const c of file.corridors.filter((c) => c.mode === 'sea')) {
      const { geometry } = drawCorridor(c.stages, posts, new Map(), c.id)
      const line = geometry.coordinates
      for (let i = 0; i < line.length - 1; i++) {
        const leg = lineString([line[i] as Position, line[i + 1] as Position])
        const km = length(leg)
        if (km < 50) continue // coastal hops and approaches to a harbour
        let overLand = 0
        for (let d = 3; d < km - 3; d += 0.5) {
          if (onLand(along(leg, d))) overLand += 0.5
        }
        expect(overLand, `${c.id} leg ${i}`).toBeLessThanOrEqual(2)
      }
    }
  })
})
