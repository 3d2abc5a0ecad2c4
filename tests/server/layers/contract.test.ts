// Every layer, series and health answer is exactly what its route declares: parsed with the response
// schema (which drops unknown keys and refuses a wrong type), it comes out unchanged.
import type { z } from '@hono/zod-openapi'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../../server/app.ts'
import { healthSchema } from '../../../server/health.ts'
import { borderPostCollection } from '../../../server/layers/border-posts.ts'
import { corridorCollection } from '../../../server/layers/corridors.ts'
import { crossingCollection } from '../../../server/layers/crossings.ts'
import { displacementCollection } from '../../../server/layers/displacement.ts'
import { flowCollection } from '../../../server/layers/flows.ts'
import { hotspotCollection } from '../../../server/layers/hotspots.ts'
import { incidentCollection } from '../../../server/layers/incidents.ts'
import { surgeCollection } from '../../../server/layers/surge-schema.ts'
import { crossingsSeriesSchema, incidentsSeriesSchema } from '../../../server/series/queries.ts'
import { testApp } from '../../helpers/app.ts'
import { useTestDatabase } from '../../helpers/database.ts'
import { engines } from '../../helpers/engines.ts'

const ANSWERS: [
  path: string,
  schema: z.ZodType,
  nonEmpty: (body: { features: unknown[]; days: unknown[] }) => boolean,
][] = [
  ['/api/layers/border-posts', borderPostCollection, hasFeatures],
  ['/api/layers/corridors', corridorCollection, hasFeatures],
  ['/api/layers/crossings', crossingCollection, hasFeatures],
  ['/api/layers/displacement', displacementCollection, hasFeatures],
  ['/api/layers/flows', flowCollection, hasFeatures],
  ['/api/layers/hotspots?from=2024-01-01&to=2025-01-01', hotspotCollection, hasFeatures],
  ['/api/layers/incidents?from=2024-01-01&to=2025-01-01', incidentCollection, hasFeatures],
  // Surges are rare by design: the seeded days may hold none, and the schema holds either way.
  ['/api/layers/surges', surgeCollection, () => true],
  [
    '/api/series/crossings?site=ne-assamaka',
    crossingsSeriesSchema,
    (b: { days: unknown[] }) => b.days.length > 0,
  ],
  [
    '/api/series/incidents?bbox=11,32,16,36',
    incidentsSeriesSchema,
    (b: { days: unknown[] }) => b.days.length > 0,
  ],
  ['/api/health', healthSchema, () => true],
]

function hasFeatures(body: { features: unknown[] }) {
  return body.features.length > 0
}

describe.each(engines)('the answers on %s', (engine) => {
  const database = useTestDatabase(engine)

  it.each(ANSWERS)('%s is exactly its declared schema', async (path, schema, nonEmpty) => {
    const response = await testApp({ database: database.current }).request(path)
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(nonEmpty(body)).toBe(true)
    expect(schema.parse(body)).toEqual(body)
  })
})

describe('the document', () => {
  const database = useTestDatabase('pglite')

  it.each([
    ['/api/layers/border-posts', 'listBorderPosts', 'BorderPostFeatureCollection'],
    ['/api/layers/corridors', 'listCorridors', 'CorridorFeatureCollection'],
    ['/api/layers/crossings', 'listCrossings', 'CrossingFeatureCollection'],
    ['/api/layers/displacement', 'listDisplacement', 'DisplacementFeatureCollection'],
    ['/api/layers/flows', 'listFlows', 'FlowFeatureCollection'],
    ['/api/layers/hotspots', 'listHotspots', 'HotspotFeatureCollection'],
    ['/api/layers/incidents', 'listIncidents', 'IncidentFeatureCollection'],
    ['/api/layers/surges', 'listSurges', 'SurgeFeatureCollection'],
    ['/api/series/crossings', 'seriesCrossings', 'CrossingsSeries'],
    ['/api/series/incidents', 'seriesIncidents', 'IncidentsSeries'],
    ['/api/health', 'health', 'Health'],
  ])('declares %s as %s answering a %s', async (path, operationId, component) => {
    const app = createApp({ database: database.current, config: { webDir: 'no-web' } })
    const document = await (await app.request('/api/openapi.json')).json()
    const get = document.paths[path].get
    expect(get.operationId).toBe(operationId)
    const content = get.responses['200'].content
    const schema = (content['application/geo+json'] ?? content['application/json']).schema
    expect(schema).toEqual({ $ref: `#/components/schemas/${component}` })
    expect(document.components.schemas).toHaveProperty(component)
    if (path.startsWith('/api/layers/')) expect(Object.keys(content)).toContain('text/csv')
    expect(get.security).toEqual(path === '/api/health' ? [] : [{ bearer: [] }, { cookie: [] }])
  })
})
