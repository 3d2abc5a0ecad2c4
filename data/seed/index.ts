// Fills the database with the data shipped in data/, step by step, at every start-up. Each step is a
// module data/seed/NN-name.ts (run in NN order) exporting `seed(database)`; a step does nothing when its
// data is there already, and extends time series up to today.
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Database } from '../../db/client.ts'

export interface SeedStep {
  /** Loads what is missing; returns a line for the start-up log, or null when there was nothing to do. */
  seed(database: Database, options: SeedOptions): Promise<string | null>
}

export interface SeedOptions {
  /** "Today" for time series: they run up to this instant. */
  now: Date
  log?: (line: string) => void
}

const folder = fileURLToPath(new URL('.', import.meta.url))

export function seedStepFiles(): string[] {
  return readdirSync(folder)
    .filter((f) => /^\d\d-[\w-]+\.ts$/.test(f))
    .sort()
}

export async function seedAll(database: Database, options: Partial<SeedOptions> = {}): Promise<string[]> {
  const lines: string[] = []
  const full: SeedOptions = { now: options.now ?? new Date(), ...(options.log ? { log: options.log } : {}) }
  for (const file of seedStepFiles()) {
    const step = (await import(new URL(file, new URL(`file://${folder}`)).href)) as SeedStep
    const line = await step.seed(database, full)
    if (line) {
      lines.push(line)
      options.log?.(line)
    }
  }
  return lines
}
