// Where a write through the API is filed: real reports and counts under the field sources, simulated
// ones (sent with `Crosswatch-Simulated: true`, as `npm run simulate` does) under `crosswatch-simulator`,
// a modelled source whose citation says they are not real. The client never names a source: it can only
// say "simulated" or not, and that flag is part of the idempotency hash, so a key cannot switch sides.

import { z } from '@hono/zod-openapi'
import type { Database, Tx } from '../../db/client.ts'
import { upsertSource } from '../../db/sources.ts'

export const SIMULATED_HEADER = 'Crosswatch-Simulated'

export interface WriteSource {
  id: string
  name: string
  publisher: string
  licence: string
  modelled: boolean
  citation: string
  notes: string
}

const SIMULATOR: WriteSource = {
  id: 'crosswatch-simulator',
  name: 'SIMULATED live feed (npm run simulate): not real events',
  publisher: 'Crosswatch live-feed simulator',
  licence: 'CC BY 4.0 (Crosswatch); simulated values, not data about real people or events',
  modelled: true,
  citation: 'SIMULATED by the Crosswatch live-feed simulator for a demonstration or a load test: not real',
  notes:
    'Crossing counts follow the modelled hourly series (data/modelled/crossings.ts); report types, places ' +
    'and tolls are drawn like the IOM Missing Migrants Project incidents on the route. Delete them with ' +
    "DELETE FROM incidents WHERE source_id = 'crosswatch-simulator' (and crossing_counts).",
}

export const WRITE_SOURCES = {
  reports: {
    id: 'crosswatch-field-reports',
    name: 'Field reports sent to this Crosswatch server',
    publisher: 'Reporters with write access to this Crosswatch server',
    licence: 'Not stated: reports belong to the organisation running this server',
    modelled: false,
    citation: 'Field report to Crosswatch (unverified until a coordinator verifies it)',
    notes: 'Filed by POST /api/reports; every report starts unverified.',
  },
  counts: {
    id: 'crosswatch-field-counts',
    name: 'Crossing counts sent to this Crosswatch server',
    publisher: 'Counting teams and devices with write access to this Crosswatch server',
    licence: 'Not stated: counts belong to the organisation running this server',
    modelled: false,
    citation: 'Crossing counts sent to Crosswatch',
    notes: 'Filed by POST /api/crossings.',
  },
  simulator: SIMULATOR,
} as const satisfies Record<string, WriteSource>

/** The `Crosswatch-Simulated` header: absent or `false` → real, `true` → simulated (any case), else a 400. */
export const simulatedHeader = z
  .string()
  .trim()
  .toLowerCase()
  .refine((value) => value === 'true' || value === 'false', { error: 'expected true or false' })
  .transform((value) => value === 'true')
  .optional()
  .openapi({ description: 'true files the write as SIMULATED (npm run simulate), not as real' })

export function sourceFor(kind: 'reports' | 'counts', simulated: boolean): WriteSource {
  return simulated ? WRITE_SOURCES.simulator : WRITE_SOURCES[kind]
}

const ensured = new WeakMap<Database, Promise<void>>()

/**
 * Creates the write sources once per database, and puts their `modelled` flag and citation back if
 * someone changed them: simulated records stay labelled, real ones are never labelled simulated.
 */
export function ensureWriteSources(database: Database): Promise<void> {
  let done = ensured.get(database)
  if (!done) {
    done = database.db.transaction(async (tx: Tx) => {
      for (const s of Object.values(WRITE_SOURCES)) {
        await upsertSource(tx, { ...s, retrievedAt: new Date() }, ['modelled', 'citation'])
      }
    })
    done.catch(() => ensured.delete(database))
    ensured.set(database, done)
  }
  return done
}
