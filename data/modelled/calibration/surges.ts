// Recurring surges of the modelled crossings (a wave of boats, a convoy wave, a seasonal rush) and the
// deportation convoys from Algeria to Assamaka, each with the figures it is drawn from.
import type { CitationId } from './citations.ts'

/** Deportation convoys from Algeria to Assamaka: the same convoys seen on both sides of the border. */
export const CONVOYS = {
  id: 'dz-ne-deportation-convoys',
  perYear: 34_236,
  /** People a convoy: APS counted 7,332 in 12 convoys, April–July 2021. */
  meanSize: 611,
  /** 2,753 of 4,975 people deported 1–21 April 2025 came in official convoys. */
  officialShare: 0.55,
  sites: [
    { id: 'ne-assamaka', direction: 'in', lagHours: 0 },
    { id: 'dz-in-guezzam', direction: 'out', lagHours: -3 },
  ],
  cite: ['apsExpulsions', 'apsConvoys'] as CitationId[],
} as const

export type SurgeShape = 'bump' | 'trapezoid' | 'plateau'

export interface SurgeSite {
  /** A site id, or for flow points a key of FLOW_POINTS (matched like them). */
  site: string
  direction: 'in' | 'out'
  /** Hours after the surge's start that it reaches this site (negative: before). */
  lagHours: number
}

/**
 * A surge recurs once in every block of `blockDays` days, starting on a day drawn from the block's
 * number; any 90-day window holds a whole block, so a whole surge, when blockDays ≤ 45.
 */
export interface SurgeDefinition {
  id: string
  name: string
  blockDays: number
  durationDays: number
  shape: SurgeShape
  /** Multiplier at the peak (for the convoy wave: of the chance of a convoy a day). */
  peak: number
  sites: SurgeSite[]
  /** `convoys`: the surge raises the chance of a deportation convoy instead of the hourly rate. */
  target?: 'convoys'
  cite: CitationId[]
  note: string
}

export const SURGES: SurgeDefinition[] = [
  {
    id: 'lampedusa-wave',
    name: 'A wave of boats from western Libya and Sfax to Lampedusa',
    blockDays: 45,
    durationDays: 3,
    shape: 'bump',
    peak: 8,
    sites: [
      { site: 'it-lampedusa', direction: 'in', lagHours: 0 },
      { site: 'ly-zuwara', direction: 'out', lagHours: -14 },
      { site: 'ly-sabratha', direction: 'out', lagHours: -14 },
      { site: 'tn-sfax', direction: 'out', lagHours: -10 },
    ],
    cite: ['lampedusaRecord', 'lampedusaBoats'],
    note: 'three days peaking at 8× the usual rate (the 19 Sept. 2024 record day was about 12× the 2024 daily mean at Lampedusa); departures on the Libyan and Tunisian coast rise 10–14 hours earlier',
  },
  {
    id: 'assamaka-deportation-wave',
    name: 'A wave of mass deportations from Algeria to Assamaka',
    blockDays: 45,
    durationDays: 14,
    shape: 'plateau',
    peak: 2.5,
    target: 'convoys',
    sites: [
      { site: 'ne-assamaka', direction: 'in', lagHours: 0 },
      { site: 'dz-in-guezzam', direction: 'out', lagHours: -3 },
    ],
    cite: ['apsConvoys', 'apsExpulsions'],
    note: 'two weeks with 2.5× the usual chance of a convoy a day, the pace of 1–21 April 2025 (4,975 people, about 2.5× the 2025 daily mean)',
  },
  {
    id: 'agadez-rise',
    name: 'A rise of northbound departures through Agadez',
    blockDays: 45,
    durationDays: 21,
    shape: 'trapezoid',
    peak: 1.8,
    sites: [
      { site: 'agadez', direction: 'out', lagHours: 0 },
      { site: 'arlit', direction: 'out', lagHours: 24 },
      { site: 'ne-assamaka', direction: 'out', lagHours: 48 },
      { site: 'dz-in-guezzam', direction: 'in', lagHours: 48 },
      { site: 'dirkou', direction: 'out', lagHours: 48 },
      { site: 'seguedine', direction: 'out', lagHours: 72 },
      { site: 'ne-madama', direction: 'out', lagHours: 96 },
      { site: 'ly-tummo', direction: 'in', lagHours: 96 },
    ],
    cite: ['dtmFmr'],
    note: 'a week rising to 1.8×, a week at 1.8×, a week falling, reaching the Algerian and Libyan borders 2–4 days later; of the order of the rise DTM recorded at Arlit in 2024 after Niger repealed law 2015-36 (November 2023)',
  },
]
