// The registry of map layers: each is mounted at /api/layers/<id>.
import type { Database } from '../../db/client.ts'
import type { ApiApp } from '../http/openapi.ts'
import type { LayerOptions } from '../http/paging.ts'
import { borderPostsRoutes } from './border-posts.ts'
import { corridorsRoutes } from './corridors.ts'
import { crossingsRoutes } from './crossings.ts'
import { displacementRoutes } from './displacement.ts'
import { flowsRoutes } from './flows.ts'
import { hotspotsRoutes } from './hotspots.ts'
import { incidentsRoutes } from './incidents.ts'
import { surgesRoutes } from './surges.ts'

export const layers: Record<string, (database: Database, options?: LayerOptions) => ApiApp> = {
  'border-posts': borderPostsRoutes,
  corridors: corridorsRoutes,
  crossings: crossingsRoutes,
  displacement: displacementRoutes,
  flows: flowsRoutes,
  hotspots: hotspotsRoutes,
  incidents: incidentsRoutes,
  surges: surgesRoutes,
}
