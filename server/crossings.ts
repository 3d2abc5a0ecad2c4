// POST /api/crossings: a JSON batch of crossing counts, checked item by item with the crossings
// importer's own rules and upserted on the natural key in one transaction: all items land, or none.
import { createRoute, z } from '@hono/zod-openapi'
import { parseCountCells } from '../data/importers/crossings.ts'
import { type CountRow, loadCrossings, prepareCounts } from '../data/importers/crossings-load.ts'
import { RowErrors } from '../data/importers/types.ts'
import type { Database } from '../db/client.ts'
import { COUNT_DIRECTIONS, COUNT_PERIODS } from '../db/vocabulary.ts'
import { requireRole } from './auth/middleware.ts'
import { publish, type StoredPayload } from './events.ts'
import { fieldsHook, jsonBody } from './http/body.ts'
import { apiApp, problems, SIGNED_IN } from './http/openapi.ts'
import { type InvalidParam, Problem } from './http/problem.ts'
import { ensureWriteSources, SIMULATED_HEADER, simulatedHeader, sourceFor } from './writes/origin.ts'

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
/** What each breakdown's keys are, for the document; the importer checks them. */
const BREAKDOWN_DOC: Record<(typeof BREAKDOWN_KEYS)[number], string> = {
  nationality: 'people by nationality, ISO 3166-1 alpha-3: {"NGA": 12, "NER": 30}',
  sex: 'people by sex, f or m: {"f": 3, "m": 9}',
  ageGroup: 'people by age group: {"0-17": 4, "18-59": 20, "60+": 1}',
  purpose: 'people by purpose of travel, snake_case: {"work": 10, "family": 2}',
}
/**
 * Types only: what a count may be (site ids, alignment, breakdown keys and sums) is the importer's to
 * say, so that every field at fault in a batch is named at once. The document still says what is valid.
 */
const item = z
  .strictObject({
    site: text.openapi({
      description: 'a border post id (ne-assamaka) or a flow point id (fp-agadez)',
      example: 'ne-assamaka',
    }),
    periodStart: text.openapi({
      description: 'ISO 8601, aligned to the period: on the hour, at midnight UTC, on the 1st',
      example: '2024-07-01T05:00:00Z',
    }),
    period: text.openapi({ enum: [...COUNT_PERIODS], example: 'hour' }),
    direction: text.openapi({ enum: [...COUNT_DIRECTIONS], example: 'in' }),
    count: z
      .number({ error: 'expected a whole number, 0 or more' })
      .openapi({ type: 'integer', minimum: 0, example: 12 }),
    breakdown: z
      .strictObject(
        Object.fromEntries(
          BREAKDOWN_KEYS.map((k) => [
            k,
            z
              .record(z.string(), z.number({ error: 'expected a whole number' }))
              .optional()
              .openapi({ description: `${BREAKDOWN_DOC[k]}; at most the count` }),
          ]),
        ) as Record<(typeof BREAKDOWN_KEYS)[number], z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodNumber>>>,
      )
      .nullish(),
  })
  .openapi('CrossingCount', {
    description: 'people counted crossing at one site in one period and direction',
  })
const batch = z
  .strictObject({
    counts: z
      .array(item, { error: 'expected an array of counts' })
      .min(1, { error: 'expected at least one count' })
      .max(MAX_COUNTS, { error: `at most ${MAX_COUNTS} counts in one request` }),
  })
  .openapi('CrossingCountBatch')
export type CountItem = z.input<typeof item>

const countsStoredSchema = z
  .object({
    source: z
      .object({
        id: z.string(),
        name: z.string(),
        modelled: z.boolean().openapi({ description: 'true for simulated counts' }),
        citation: z.string(),
      })
      .openapi({ description: 'the dataset the counts were filed under' }),
    simulated: z.boolean(),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int().openapi({ description: 'counts that were there already, identical' }),
  })
  .openapi('CountsStored')

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
function changedCounts(rows: CountRow[], simulated: boolean): StoredPayload<'crossings.updated'> {
  const starts = rows.map((r) => r.periodStart).sort()
  return {
    sites: [...new Set(rows.map((r) => r.site))].sort(),
    // A batch has at least one count (the schema's min).
    from: starts[0] ?? '',
    to: starts.at(-1) ?? '',
    simulated,
  }
}

const postCounts = createRoute({
  method: 'post',
  path: '/',
  operationId: 'postCrossingCounts',
  summary: 'Send a batch of crossing counts',
  description:
    'MIDAS-style counts from a border post or flow point, upserted on site, period, periodStart and ' +
    'direction in one transaction: every count lands, or none (docs/api.md#crossing-counts). Counts sent ' +
    `with ${SIMULATED_HEADER}: true are filed apart, under a modelled source. Coordinators and admins.`,
  tags: ['writes'],
  security: SIGNED_IN,
  middleware: [requireRole('coordinator'), jsonBody(MAX_BODY)] as const,
  request: {
    headers: z.object({ [SIMULATED_HEADER]: simulatedHeader }),
    body: { required: true, content: { 'application/json': { schema: batch } } },
  },
  responses: {
    200: {
      description: 'what the batch changed',
      content: { 'application/json': { schema: countsStoredSchema } },
    },
    ...problems(401, 403, 413),
  },
})

export function crossingRoutes(database: Database) {
  return apiApp()
    .openapi(
      postCounts,
      async (c) => {
        const simulated = c.req.valid('header')[SIMULATED_HEADER] ?? false
        const rows = countRows(c.req.valid('json').counts)
        const source = sourceFor('counts', simulated)
        await ensureWriteSources(database)
        const result = await database.db.transaction(async (tx) => {
          try {
            await prepareCounts(tx) // the staging table the bulk upsert copies into
            const loaded = await loadCrossings(tx, rows, {
              fileName: 'POST /api/crossings',
              source: source.id,
            })
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
        const { id, name, modelled, citation } = source
        return c.json({ source: { id, name, modelled, citation }, simulated, ...result }, 200)
      },
      fieldsHook,
    )
    .all('*', () => {
      throw new Problem(404, 'Not found', 'POST a batch of counts to /api/crossings')
    })
}
