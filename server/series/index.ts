// Time series for the side panel: GET /api/series/crossings (per day, in and out, at one site) and
// GET /api/series/incidents (per day, in a bbox). Each day of [from, to) is listed, zeros included.
import { createRoute, z } from '@hono/zod-openapi'
import type { Database } from '../../db/client.ts'
import { apiApp, SIGNED_IN, signedIn } from '../http/openapi.ts'
import { bbox, from, to } from '../http/query.ts'
import {
  crossingsPerDay,
  crossingsSeriesSchema,
  incidentsPerDay,
  incidentsSeriesSchema,
  type SeriesWindow,
} from './queries.ts'

/** The window when none is given: the 90 days the time slider covers. */
const DEFAULT_DAYS = 90
/** A longer series than this is refused: a chart of a year of days is already dense. */
const MAX_DAYS = 400

const DAY = 86_400_000

/** [from, to) snapped to whole UTC days; default: the 90 days up to the end of today. */
export function seriesWindow(start: Date | undefined, end: Date | undefined, now = new Date()): SeriesWindow {
  const endDay = Math.ceil((end ?? new Date(now.getTime() + 1)).getTime() / DAY) * DAY
  const startDay = Math.floor((start ?? new Date(endDay - DEFAULT_DAYS * DAY)).getTime() / DAY) * DAY
  return { from: new Date(startDay), to: new Date(endDay) }
}

const windowShape = {
  from: from.optional(),
  to: to.optional(),
}

const checkWindow = (q: { from?: Date | undefined; to?: Date | undefined }, ctx: z.RefinementCtx) => {
  if (q.from && q.to && q.from >= q.to)
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' })
  if (q.from && q.to && q.to.getTime() - q.from.getTime() > MAX_DAYS * DAY)
    ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_DAYS} days after from` })
}

const crossingsRoute = createRoute({
  method: 'get',
  path: '/crossings',
  operationId: 'seriesCrossings',
  summary: 'People counted in and out per day at one border post or flow point',
  tags: ['series'],
  security: SIGNED_IN,
  request: {
    query: z
      .strictObject({
        site: z
          .string()
          .min(1, 'the id of a border post or flow point')
          .max(100)
          .openapi({ example: 'ne-assamaka' }),
        ...windowShape,
      })
      .superRefine(checkWindow),
  },
  responses: {
    200: {
      description: 'one row per UTC day of [from, to), with the datasets behind the counts',
      content: { 'application/json': { schema: crossingsSeriesSchema } },
    },
    ...signedIn(),
  },
})

const incidentsRoute = createRoute({
  method: 'get',
  path: '/incidents',
  operationId: 'seriesIncidents',
  summary: 'Incidents per day inside a bbox (rejected and duplicate reports left out)',
  tags: ['series'],
  security: SIGNED_IN,
  request: { query: z.strictObject({ bbox, ...windowShape }).superRefine(checkWindow) },
  responses: {
    200: {
      description: 'one row per UTC day of [from, to)',
      content: { 'application/json': { schema: incidentsSeriesSchema } },
    },
    ...signedIn(),
  },
})

export function seriesRoutes(database: Database) {
  return apiApp()
    .openapi(crossingsRoute, async (c) => {
      const { site, ...q } = c.req.valid('query')
      const window = seriesWindow(q.from, q.to)
      return c.json(await crossingsPerDay(database, site, window), 200)
    })
    .openapi(incidentsRoute, async (c) => {
      const { bbox: box, ...q } = c.req.valid('query')
      const window = seriesWindow(q.from, q.to)
      return c.json(await incidentsPerDay(database, box, window), 200)
    })
}
