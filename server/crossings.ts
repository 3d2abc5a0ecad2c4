// POST /api/crossings: a JSON batch of crossing counts, checked item by item with the crossings
// importer's own rules and upserted on the natural key in one transaction: all items land, or none.
import { Hono } from 'hono'
import { z } from 'zod'
import { type CountRow, loadCrossings, parseCountCells, prepareCounts } from '../data/importers/crossings.ts'
import { RowErrors } from '../data/importers/types.ts'
import type { Database } from '../db/client.ts'
import { requireRole } from './auth/middleware.ts'
import { publish } from './events.ts'
import { parseWith, readJson } from './http/body.ts'
import { type InvalidParam, Problem } from './http/problem.ts'
import { ensureWriteSources, isSimulated, sourceFor } from './writes/origin.ts'

export const MAX_COUNTS = 5000
const MAX_BODY = 4 * 1024 * 1024

const BREAKDOWN_KEYS = ['nationality', 'sex', 'ageGroup', 'purpose'] as const
/** The importer's CSV columns → the item's fields. */
const FIELD: Record<string, string> = {
  site: 'site',
  period_start: 'periodStart',
  period: 'period',
  direction: 'direction',
  count: 'count',
  nationality: 'breakdown.nationality',
  sex: 'breakdown.sex',
  age_group: 'breakdown.ageGroup',
  purpose: 'breakdown.purpose',
}

const text = z.string({ error: 'expected text' })
/** Types only: what a count may be (site ids, alignment, breakdown keys and sums) is the importer's to say. */
const item = z.strictObject({
  site: text,
  periodStart: text,
  period: text,
  direction: text,
  count: z.number({ error: 'expected a whole number, 0 or more' }),
  breakdown: z
    .strictObject(
      Object.fromEntries(
        BREAKDOWN_KEYS.map((k) => [
          k,
          z.record(z.string(), z.number({ error: 'expected a whole number' })).optional(),
        ]),
      ) as Record<(typeof BREAKDOWN_KEYS)[number], z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodNumber>>>,
    )
    .nullish(),
})
const batch = z.strictObject({
  counts: z
    .array(item, { error: 'expected an array of counts' })
    .min(1, { error: 'expected at least one count' })
    .max(MAX_COUNTS, { error: `at most ${MAX_COUNTS} counts in one request` }),
})
export type CountItem = z.input<typeof item>

const cell = (parts: Record<string, number> | undefined) =>
  parts
    ? Object.entries(parts)
        .map(([k, n]) => `${k}=${n}`)
        .join(';')
    : ''

/** The batch's items as importer rows, or every field at fault named like `counts[3].site`. */
export function countRows(items: z.output<typeof item>[]): CountRow[] {
  const problems: InvalidParam[] = []
  const rows: CountRow[] = []
  const seen = new Map<string, number>()
  items.forEach((it, i) => {
    const parsed = parseCountCells(
      {
        site: it.site,
        period_start: it.periodStart,
        period: it.period,
        direction: it.direction,
        count: String(it.count),
        nationality: cell(it.breakdown?.nationality),
        sex: cell(it.breakdown?.sex),
        age_group: cell(it.breakdown?.ageGroup),
        purpose: cell(it.breakdown?.purpose),
      },
      i,
    )
    if ('errors' in parsed) {
      for (const e of parsed.errors)
        problems.push({ name: `counts[${i}].${FIELD[e.column] ?? e.column}`, reason: e.reason })
      return
    }
    const key = `${parsed.row.site}|${parsed.row.period}|${parsed.start}|${parsed.row.direction}`
    const first = seen.get(key)
    if (first !== undefined) {
      problems.push({
        name: `counts[${i}]`,
        reason: `same site, period, periodStart and direction as counts[${first}]`,
      })
      return
    }
    seen.set(key, i)
    rows.push(parsed.row)
  })
  if (problems.length) throw Problem.invalid(problems)
  return rows
}

/** What a crossings.updated event says: which sites, which periods, and whether it was simulated. */
function changedCounts(rows: CountRow[], simulated: boolean) {
  const starts = rows.map((r) => r.periodStart).sort()
  return {
    sites: [...new Set(rows.map((r) => r.site))].sort(),
    from: starts[0],
    to: starts.at(-1),
    simulated,
  }
}

export function crossingRoutes(database: Database) {
  return new Hono()
    .use(requireRole('coordinator'))
    .post('/', async (c) => {
      const simulated = isSimulated(c)
      const { counts } = parseWith(batch, await readJson(c, MAX_BODY))
      const rows = countRows(counts)
      const source = sourceFor('counts', simulated)
      await ensureWriteSources(database)
      const result = await database.db.transaction(async (tx) => {
        try {
          await prepareCounts(tx) // the staging table the bulk upsert copies into
          const loaded = await loadCrossings(tx, rows, { fileName: 'POST /api/crossings', source: source.id })
          if (loaded.inserted + loaded.updated > 0)
            await publish(tx, 'crossings.updated', changedCounts(rows, simulated))
          return loaded
        } catch (error) {
          if (!(error instanceof RowErrors)) throw error
          throw Problem.invalid(
            error.problems.map((p) => ({
              name: `counts[${p.index}].${FIELD[p.column] ?? p.column}`,
              reason: p.reason,
            })),
          )
        }
      })
      return c.json({
        source: { id: source.id, name: source.name, modelled: source.modelled, citation: source.citation },
        simulated,
        ...result,
      })
    })
    .all('*', () => {
      throw new Problem(404, 'Not found', 'POST a batch of counts to /api/crossings')
    })
}
