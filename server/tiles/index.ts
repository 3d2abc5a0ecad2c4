// GET /api/tiles/<layer>/{z}/{x}/{y}: the layers too big to send whole, as Mapbox Vector Tiles that the
// map fetches by viewport and zoom. Each tile takes its layer's filters and is scoped like the layer.
import { createRoute, z } from '@hono/zod-openapi'
import type { Database } from '../../db/client.ts'
import { callerOf, maybePrincipal } from '../auth/middleware.ts'
import { apiApp, SIGNED_IN, signedIn } from '../http/openapi.ts'
import { windowed } from '../http/query.ts'
import { incidentFilterShape } from '../layers/incidents.ts'
import { FRESH_FROM_ZOOM, MAX_AGE_MS, TileCache } from './cache.ts'
import { CLUSTER_BELOW_ZOOM, CLUSTER_CELL, type IncidentTile, incidentTile } from './incidents.ts'

/** The deepest zoom served: a tile is then ~38 m wide, past any use of these layers. @default 20 */
const MAX_ZOOM = 20
const MVT = 'application/vnd.mapbox-vector-tile'

const whole = (name: string) =>
  z
    .string()
    .regex(/^\d{1,7}$/, { error: `expected ${name} as a whole number` })
    .transform(Number)
const tilePath = z
  .object({
    z: whole('the zoom').openapi({ param: { name: 'z', in: 'path' }, example: '6' }),
    x: whole('a column').openapi({ param: { name: 'x', in: 'path' }, example: '33' }),
    y: whole('a row').openapi({ param: { name: 'y', in: 'path' }, example: '26' }),
  })
  .superRefine(({ z: zoom, x, y }, ctx) => {
    if (zoom > MAX_ZOOM) ctx.addIssue({ code: 'custom', path: ['z'], message: `at most ${MAX_ZOOM}` })
    else {
      const size = 2 ** zoom
      for (const [name, v] of [
        ['x', x],
        ['y', y],
      ] as const)
        if (v >= size)
          ctx.addIssue({ code: 'custom', path: [name], message: `at zoom ${zoom}, below ${size}` })
    }
  })

/** A client's own version of the data (the map's load count): a new one gets past every cache. */
const version = z
  .string()
  .regex(/^[\w.-]{1,40}$/, { error: 'expected up to 40 letters, digits, dots or dashes' })
  .optional()
  .openapi({
    description:
      'a version of its own the client names, so that a new one is asked again past any cache; not read otherwise',
  })

const tileHeaders = z.object({
  Age: z.string().openapi({
    description: `seconds since the tile was made: below zoom ${FRESH_FROM_ZOOM} a tile may be kept up to ${MAX_AGE_MS / 1000} s after a change (new incidents come meanwhile through /api/stream); from it up, never past a change`,
  }),
  'Crosswatch-Tile-Incidents': z.string().openapi({ description: 'incidents in the tile' }),
  'Crosswatch-Tile-Features': z
    .string()
    .openapi({ description: 'features the tile holds: fewer than incidents where it clustered them' }),
})

const incidentsTileRoute = createRoute({
  method: 'get',
  path: '/{z}/{x}/{y}',
  operationId: 'getIncidentsTile',
  summary: 'Incidents as a vector tile (MVT), clustered at low zoom',
  description:
    'The incidents layer (same filters, same scoping) in one Web Mercator tile, as a Mapbox Vector Tile ' +
    `(version 2, extent 4096) with the layer \`incidents\`. Below zoom ${CLUSTER_BELOW_ZOOM} incidents in the ` +
    `same ${CLUSTER_CELL}-unit cell leave as one point with \`count\`, the worst \`severity\`, the commonest ` +
    '`type`, the latest `occurredAt`, `closed`, a count of each severity (`low`, `moderate`, `high`, ' +
    '`critical`) and one of each type present (named by the type); a cell of one is the incident itself: its feature id is the incident id, with ' +
    '`count` 1, `type`, `severity`, `verification`, `occurredAt` and `shared` (another agency’s report, ' +
    'its place rounded to 0.1°). Its whole record is GET /ogc/collections/incidents/items/{id}. Every ' +
    'feature names its datasets in `sources` (ids joined by `;`), and a second layer, `datasets`, has one ' +
    'point for each (at the tile’s corner) with its `id`, `name`, `licence`, `modelled` and `citation`.',
  tags: ['tiles'],
  security: SIGNED_IN,
  request: {
    params: tilePath,
    query: windowed({ ...incidentFilterShape, v: version }),
  },
  responses: {
    200: {
      description: 'the tile; empty (no layer) where there is nothing to show',
      headers: tileHeaders,
      content: { [MVT]: { schema: z.string().openapi({ format: 'binary' }) } },
    },
    304: { description: 'not modified since the ETag given in If-None-Match' },
    ...signedIn(),
  },
})

function incidentsTileRoutes(database: Database, version: () => string) {
  const cache = new TileCache<IncidentTile>(version)
  return apiApp().openapi(incidentsTileRoute, async (c) => {
    const { v, ...filter } = c.req.valid('query')
    const tile = c.req.valid('param')
    // Everything the tile depends on: who asks (what the database lets them see), the tile, the filters;
    // and the client's own version, which asks past the kept tile.
    const { role, agencyId, userId } = callerOf(maybePrincipal(c))
    const key = JSON.stringify([role, agencyId, userId, tile.z, tile.x, tile.y, filter, v ?? null])
    const { value, ageS } = await cache.get(key, tile.z, () => incidentTile(database, filter, tile))
    return c.body(value.body as Uint8Array<ArrayBuffer>, 200, {
      'content-type': MVT,
      age: String(ageS),
      'crosswatch-tile-incidents': String(value.incidents),
      'crosswatch-tile-features': String(value.features),
    })
  })
}

/**
 * The registry of tiled layers: each is mounted at /api/tiles/<id>, given the database and the data
 * version (http/layer-version.ts) its tiles are kept by.
 */
export const tiledLayers: Record<
  string,
  (database: Database, version: () => string) => ReturnType<typeof apiApp>
> = {
  incidents: incidentsTileRoutes,
}
