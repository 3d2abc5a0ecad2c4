// The people counts of an incident as a person reads them. Outside the agency that filed a report, the
// server withholds each count of 1 to 4 (null, named in `withheld`) as HDX and IOM DTM publish small
// cells: such a count reads "fewer than 5", never 0 and never blank (docs/api.md#who-sees-what).
import { COUNT_KEYS, type CountKey } from '../../../db/vocabulary.ts'

/** A count to show: its number, or `withheld` (between 1 and 4, not given to this caller). */
export type ShownCount = number | 'withheld'

/**
 * The counts worth a line, in the API's order: those above zero, and those withheld. A null count is
 * withheld even when `withheld` does not name it: null means withheld, and hiding it would read as none.
 */
export function shownCounts(
  counts: Readonly<Record<CountKey, number | null>>,
  withheld: readonly string[] = [],
): [CountKey, ShownCount][] {
  return COUNT_KEYS.flatMap((key): [CountKey, ShownCount][] => {
    const value = counts[key]
    if (withheld.includes(key) || value === null) return [[key, 'withheld']]
    return value > 0 ? [[key, value]] : []
  })
}
