// An incident's severity from its toll: one rule for imported records (data/importers/mmp.ts) and for
// reports a coordinator verifies without setting one (server/review).
import type { Severity } from './vocabulary.ts'

/**
 * Severity from dead + missing: 0 low (a part of a split incident that adds survivors only), 1–9
 * moderate, 10–49 high (10 is the floor of IOM's own map of major incidents), 50 and more critical
 * (mass-casualty shipwrecks and desert abandonments).
 */
export function severityOf(deadAndMissing: number): Severity {
  if (deadAndMissing >= 50) return 'critical'
  if (deadAndMissing >= 10) return 'high'
  if (deadAndMissing >= 1) return 'moderate'
  return 'low'
}
