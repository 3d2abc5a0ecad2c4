// The SQL of every layer and series, rendered for one fixed input and compared with the committed files
// in __snapshots__/: a change to a query shows in the diff, and an unintended one fails here. Update with
// `npx vitest run tests/server/sql -u`, then read the diff.
import type { SQL } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import { describe, expect, it } from 'vitest'
import type { Bbox } from '../../../server/http/params.ts'
import { borderPostsQuery } from '../../../server/layers/border-posts.ts'
import { corridorsQuery } from '../../../server/layers/corridors.ts'
import { crossingsQuery } from '../../../server/layers/crossings.ts'
import { displacementQuery } from '../../../server/layers/displacement.ts'
import { flowsQuery } from '../../../server/layers/flows.ts'
import { hotspotsQuery, hotspotsWindow } from '../../../server/layers/hotspots.ts'
import { incidentsQuery } from '../../../server/layers/incidents.ts'
import { layers } from '../../../server/layers/index.ts'
import { surgeWindow } from '../../../server/layers/surge-schema.ts'
import { areaSurgesQuery, surgesQuery } from '../../../server/layers/surges.ts'
import { resolveWindow } from '../../../server/layers/window.ts'
import { seriesWindow } from '../../../server/series/index.ts'
import {
  crossingsSeriesQuery,
  crossingsSeriesSiteQuery,
  incidentsSeriesQuery,
} from '../../../server/series/queries.ts'
import { incidentTileQuery } from '../../../server/tiles/incidents.ts'

const BBOX: Bbox = [11, 32, 16, 36]
const FROM = new Date('2026-11-01T00:00:00Z')
const TO = new Date('2026-11-08T00:00:00Z')
const WINDOW = resolveWindow(FROM, TO)

const dialect = new PgDialect()

/** One statement as text, with a line saying what it was built for and its parameters below it. */
function render(title: string, query: SQL): string {
  const { sql, params } = dialect.sqlToQuery(query)
  const lines = sql
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '')
  const indent = Math.min(...lines.slice(1).map((line) => line.length - line.trimStart().length))
  const text = [lines[0]?.trim(), ...lines.slice(1).map((line) => line.slice(indent))].join('\n')
  const values = params.map((value, i) => `--   $${i + 1} = ${JSON.stringify(value)}`)
  return `-- ${title}\n${text};\n${values.length ? `-- parameters:\n${values.join('\n')}\n` : ''}`
}

const file = (...statements: string[]) => statements.join('\n')

const CASES: [name: string, text: () => string][] = [
  ['border-posts', () => file(render('bbox 11,32,16,36', borderPostsQuery(BBOX)))],
  [
    'corridors',
    () =>
      file(
        render(
          'bbox, 2026-11-01..08, mode land,mixed',
          corridorsQuery(WINDOW, { bbox: BBOX, mode: ['land', 'mixed'] }),
        ),
      ),
  ],
  [
    'crossings',
    () =>
      file(
        render(
          'bbox, 2026-11-01..08, country NE,LY',
          crossingsQuery(WINDOW, { bbox: BBOX, country: ['NE', 'LY'] }),
        ),
      ),
  ],
  [
    'displacement',
    () =>
      file(
        render(
          'bbox, 2026-11-01..08, country LY',
          displacementQuery(WINDOW, { bbox: BBOX, country: ['LY'] }),
        ),
      ),
  ],
  ['flows', () => file(render('bbox, 2026-11-01..08', flowsQuery(WINDOW, { bbox: BBOX })))],
  [
    'hotspots',
    () =>
      file(
        render(
          'bbox, 2026-11-01..08, cell 100 km',
          hotspotsQuery(hotspotsWindow({ from: FROM, to: TO }), { bbox: BBOX, cell: 100 }),
        ),
      ),
  ],
  [
    'incidents',
    () =>
      file(
        render('no filter: the open reports only', incidentsQuery({})),
        render(
          'bbox, 2026-11-01..08, type shipwreck,trafficking, severity high,critical, verification rejected, country LY',
          incidentsQuery({
            bbox: BBOX,
            from: FROM,
            to: TO,
            type: ['shipwreck', 'trafficking'],
            severity: ['high', 'critical'],
            verification: ['rejected'],
            country: ['LY'],
          }),
        ),
        render('ids 7,9 (a live event): every verification', incidentsQuery({ ids: [7, 9] })),
      ),
  ],
  [
    'tiles-incidents',
    () =>
      file(
        render('tile 6/34/25, no filter: clustered', incidentTileQuery({}, { z: 6, x: 34, y: 25 })),
        render(
          'tile 14/8751/6486, 2026-11-01..08, severity high,critical: every incident its own',
          incidentTileQuery(
            { from: FROM, to: TO, severity: ['high', 'critical'] },
            { z: 14, x: 8751, y: 6486 },
          ),
        ),
      ),
  ],
  [
    'surges',
    () => {
      const w = surgeWindow({ from: new Date('2026-11-07T00:00:00Z'), to: TO, baseline: 28 })
      const filter = { bbox: BBOX, country: ['NE'] }
      return file(
        render('sites: bbox, 2026-11-07..08 against 28 days, country NE', surgesQuery(w, filter)),
        render('areas: bbox, 2026-11-07..08 against 28 days, country NE', areaSurgesQuery(w, filter)),
      )
    },
  ],
  [
    'series-crossings',
    () => {
      const w = seriesWindow(FROM, TO)
      return file(
        render('site ne-assamaka, 2026-11-01..08: per day', crossingsSeriesQuery('ne-assamaka', w)),
        render(
          'site ne-assamaka, 2026-11-01..08: its name and datasets',
          crossingsSeriesSiteQuery('ne-assamaka', w),
        ),
      )
    },
  ],
  [
    'series-incidents',
    () => file(render('bbox, 2026-11-01..08: per day', incidentsSeriesQuery(BBOX, seriesWindow(FROM, TO)))),
  ],
]

describe('the SQL of the layers and series', () => {
  it('has a snapshot of every layer', () => {
    expect(CASES.map(([name]) => name)).toEqual(expect.arrayContaining(Object.keys(layers)))
  })

  it.each(CASES)('%s', async (name, text) => {
    await expect(text()).toMatchFileSnapshot(`./__snapshots__/${name}.sql`)
  })
})
