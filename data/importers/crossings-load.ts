// Loading crossing counts (the `crossings` importer, `dtm` and POST /api/crossings): the file's `sources`
// row, the sites and sources every row must name, and the upsert on the natural key through a staging table.
import { basename, extname } from 'node:path'
import { sql } from 'drizzle-orm'
import { arrayLiteral } from '../../db/arrays.ts'
import { copyInto, copyLine, type Tx } from '../../db/client.ts'
import { txRows } from '../../db/rows.ts'
import { upsertSource } from '../../db/sources.ts'
import type { CountDirection, CountPeriod } from '../../db/vocabulary.ts'
import { slug } from './names.ts'
import { type ImportContext, type LoadResult, RowErrors, type RowProblem } from './types.ts'

/** One count as it goes into crossing_counts; `site` is a border post id or a flow point id (`fp-…`). */
export interface CountRow {
  site: string
  /** ISO 8601 in UTC, aligned to the period. */
  periodStart: string
  period: CountPeriod
  direction: CountDirection
  count: number
  /** JSON text of the breakdowns, or null. */
  breakdown: string | null
  /** The `source` column: another `sources` row than the file's, or null. */
  source: string | null
}

/** The `sources` row a file's counts go under: `--source`, or one named after the file. */
export function fileSourceId(context: ImportContext): string {
  if (context.source) return context.source
  const stem = basename(context.fileName, extname(context.fileName))
  return `import-${slug(stem).slice(0, 60) || 'stdin'}`
}

/**
 * Creates the file's `sources` row when it is missing, saying what we do not know: a CSV of counts does
 * not say who counted, under which licence, or whether the figures are modelled. An existing row (one a
 * person filled in, or `--source` naming a known dataset) is left as it is.
 */
async function ensureFileSource(tx: Tx, context: ImportContext, id: string): Promise<void> {
  const notes =
    `Created by \`npm run import -- crossings\` from ${context.fileName}. The file does not say who counted ` +
    'these crossings, under which licence, or whether they are modelled: fill in publisher and licence ' +
    '(and modelled) before the counts are shown to anyone.'
  const unknown = 'Not stated in the imported file'
  const name = `Crossing counts imported from ${context.fileName}`
  const record = {
    id,
    name,
    publisher: unknown,
    licence: unknown,
    retrievedAt: new Date(),
    modelled: false,
    notes,
  }
  await upsertSource(tx, record, 'none')
}

/**
 * Site and source ids found in the database earlier in an import, by import: a file names a few sites in a
 * million rows, so each is looked up once, not once a batch. (Deleting one meanwhile is still caught: the
 * foreign keys stay.)
 */
const knownIds = new WeakMap<ImportContext, Set<string>>()

/** Rows whose site or source is not in the database, as problems for RowErrors. */
async function unknownReferences(
  tx: Tx,
  rows: CountRow[],
  context: ImportContext,
  fileSource: string,
): Promise<RowProblem[]> {
  const known = knownIds.get(context) ?? new Set<string>()
  knownIds.set(context, known)
  const sites = new Set<string>()
  const sources = new Set<string>()
  for (const row of rows) {
    if (!known.has(row.site)) sites.add(row.site)
    if (row.source !== null && row.source !== fileSource && !known.has(`source:${row.source}`))
      sources.add(row.source)
  }
  if (sites.size === 0 && sources.size === 0) return []
  const found = await txRows<{ id: string }>(
    tx,
    sql`SELECT id FROM unnest(${arrayLiteral([...sites])}::text[]) AS s(id)
        WHERE CASE WHEN id LIKE 'fp-%' THEN EXISTS (SELECT 1 FROM flow_points f WHERE f.id = s.id)
                   ELSE EXISTS (SELECT 1 FROM border_posts b WHERE b.id = s.id) END
        UNION ALL
        SELECT 'source:' || id FROM sources WHERE id = ANY(${arrayLiteral([...sources])}::text[])`,
  )
  for (const { id } of found) known.add(id)
  const problems: RowProblem[] = []
  rows.forEach((row, index) => {
    if (!known.has(row.site)) {
      const what = row.site.startsWith('fp-') ? 'flow point' : 'border post'
      problems.push({ index, column: 'site', reason: `unknown site ${row.site}: no ${what} has this id` })
    }
    if (row.source !== null && row.source !== fileSource && !known.has(`source:${row.source}`)) {
      problems.push({
        index,
        column: 'source',
        reason: `unknown source ${row.source}: no sources row has this id`,
      })
    }
  })
  return problems
}

export async function loadCrossings(tx: Tx, rows: CountRow[], context: ImportContext): Promise<LoadResult> {
  const fileSource = fileSourceId(context)
  const problems = await unknownReferences(tx, rows, context, fileSource)
  if (problems.length) throw new RowErrors(problems)
  if (rows.some((r) => r.source === null || r.source === fileSource))
    await ensureFileSource(tx, context, fileSource)
  return upsertCounts(
    tx,
    rows.map((r) => ({ ...r, sourceId: r.source ?? fileSource })),
  )
}

const STAGING = 'crossing_counts_staging'
const STAGING_COLUMNS = ['site_id', 'period_start', 'period', 'direction', 'source_id', 'count', 'breakdown']

/**
 * Makes the import's staging table for upsertCounts: temporary, without indexes or keys, dropped with the
 * transaction. Made once per import, outside the batches' savepoints, so a batch rolled back keeps it.
 */
export async function prepareCounts(tx: Tx): Promise<void> {
  await tx.execute(sql`
    CREATE TEMP TABLE ${sql.raw(STAGING)} (
      site_id text NOT NULL, period_start timestamptz NOT NULL, period count_period NOT NULL,
      direction count_direction NOT NULL, source_id text NOT NULL, count int NOT NULL, breakdown jsonb
    ) ON COMMIT DROP`)
  // The server would JIT-compile the merge of every batch (its estimates pass jit_above_cost): some 70 ms a
  // batch, more than running it takes. For this transaction only; the embedded engine has no JIT.
  await tx.execute(sql`SELECT set_config('jit', 'off', true)`)
}

/**
 * Upserts counts on the natural key (site, period_start, period, direction, source), in a transaction that
 * ran prepareCounts: the rows are copied into the staging table (COPY, the bulk path of either engine),
 * then written by one statement that updates the stored rows whose count or breakdown differ and inserts
 * the new ones, in key order. A stored row that is equal is not touched: ON CONFLICT DO UPDATE … WHERE
 * would still lock it, which writes its page, and made a second import of a file cost half the first.
 */
export async function upsertCounts(tx: Tx, rows: (CountRow & { sourceId: string })[]): Promise<LoadResult> {
  await tx.execute(sql`TRUNCATE ${sql.raw(STAGING)}`)
  let data = ''
  for (const r of rows)
    data += copyLine([r.site, r.periodStart, r.period, r.direction, r.sourceId, r.count, r.breakdown])
  await copyInto(tx, STAGING, STAGING_COLUMNS, data)
  // Each staged row finds its stored twin by one probe of the key: LIMIT 1 keeps the planner from hashing
  // the whole table for every batch instead (it prices a probe far above what a cached one costs), which
  // made an import slow down as the table grew. The update then goes by the twin's row address.
  const [result] = await txRows<{ inserted: number; updated: number }>(
    tx,
    sql`WITH matched AS MATERIALIZED (
      SELECT s.*, c.at, c.at IS NOT NULL AND (c.count, c.breakdown) IS DISTINCT FROM (s.count, s.breakdown) AS differs
      FROM ${sql.raw(STAGING)} s
      LEFT JOIN LATERAL (
        SELECT c.ctid AS at, c.count, c.breakdown FROM crossing_counts c
        WHERE (c.site_id, c.period_start, c.period, c.direction, c.source_id)
              = (s.site_id, s.period_start, s.period, s.direction, s.source_id)
        LIMIT 1) c ON true
    ), updated AS (
      UPDATE crossing_counts c SET count = m.count, breakdown = m.breakdown
      FROM matched m WHERE m.differs AND c.ctid = m.at
      RETURNING 1
    ), inserted AS (
      INSERT INTO crossing_counts (post_id, flow_point_id, period_start, period, direction, count, breakdown, source_id)
      SELECT CASE WHEN m.site_id LIKE 'fp-%' THEN NULL ELSE m.site_id END,
             CASE WHEN m.site_id LIKE 'fp-%' THEN m.site_id END,
             m.period_start, m.period, m.direction, m.count, m.breakdown, m.source_id
      FROM matched m WHERE m.at IS NULL
      ORDER BY m.site_id, m.period_start, m.period, m.direction, m.source_id
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM inserted)::int AS inserted, (SELECT count(*) FROM updated)::int AS updated`,
  )
  const inserted = result?.inserted ?? 0
  const updated = result?.updated ?? 0
  return { inserted, updated, unchanged: rows.length - inserted - updated }
}
