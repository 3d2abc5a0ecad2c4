// The `sources` records of the modelled series: labelled modelled, naming every figure they are
// calibrated on, and how the model output may be reused.
import { type CitationId, describeCitations } from './calibration/citations.ts'
import { DISPLACEMENT, NO_DISPLACEMENT } from './calibration/displacement.ts'
import { FLOW_POINTS, GENERIC } from './calibration/levels.ts'
import { POSTS } from './calibration/posts.ts'
import { SURGES } from './calibration/surges.ts'

const LICENCE =
  'CC BY 4.0 for the model output (Crosswatch). The figures it is calibrated on keep their own terms: ' +
  'Frontex, reuse with acknowledgement; Ministero dell’Interno data via Liberiamoli tutti!, CC BY 4.0; ' +
  'IOM DTM, non-commercial use without redistribution (only a few aggregate constants are used); ' +
  'UNHCR, CONASUR, Alarme Phone Sahara and press figures are cited, not redistributed.'

const CROSSING_CITATIONS: CitationId[] = [
  'frontexCmr',
  'italyDaily',
  'italy2025',
  'unhcrLampedusa',
  'italyRegions',
  'lampedusaBoats',
  'lampedusaRecord',
  'nationalities2025',
  'iomLibyaMaritime',
  'tunisiaGuard',
  'maltaArrivals',
  'mauritaniaCanaries',
  'apsExpulsions',
  'apsConvoys',
  'dtmFmr',
  'iomChadReturnees',
]

const describeLevels = () =>
  [
    ...Object.entries(POSTS).map(([id, c]) => `${id}: ${c.note}`),
    ...Object.entries(FLOW_POINTS).map(([key, c]) => `flow point "${key}": ${c.note}`),
    ...Object.entries(GENERIC).map(([kind, c]) => `any other ${kind} site: ${c.note}`),
  ].join('; ')

export const CROSSINGS_SOURCE = {
  id: 'crosswatch-modelled-crossings',
  name: 'Modelled crossings at border posts and flow points (MODELLED, not observed)',
  publisher: 'Crosswatch (modelled)',
  licence: LICENCE,
  url: 'docs/data-model.md#modelled-data',
  retrievedAt: new Date('2026-11-23T00:00:00Z'),
  modelled: true,
  calibratedOn: describeCitations(CROSSING_CITATIONS),
  citation:
    'Modelled by Crosswatch; calibrated on Frontex, Ministero dell’Interno ("Fonte: Liberiamoli tutti!"), IOM, UNHCR and Alarme Phone Sahara figures',
  notes:
    'Seeded, deterministic model: hourly counts for the last 14 days, daily counts before (never both for one period), ' +
    'in = entering the country of the post or arriving at the flow point, out = leaving. Seasonal, weekly and daily shapes; ' +
    `recurring surges: ${SURGES.map((s) => `${s.name} (${s.note})`).join('; ')}. Levels: ${describeLevels()}.`,
} as const

export const DISPLACEMENT_SOURCE = {
  id: 'crosswatch-modelled-displacement',
  name: 'Modelled displacement by admin-1 area (MODELLED, not observed)',
  publisher: 'Crosswatch (modelled)',
  licence: LICENCE,
  url: 'docs/data-model.md#modelled-data',
  retrievedAt: new Date('2026-11-23T00:00:00Z'),
  modelled: true,
  calibratedOn: describeCitations([...new Set(DISPLACEMENT.flatMap((c) => c.cite))]),
  citation: 'Modelled by Crosswatch; calibrated on CONASUR, IOM DTM and UNHCR figures',
  notes:
    'Daily values per admin-1 area, held at the last published figure with a small weekly drift and recurring ' +
    `displacement events. ${DISPLACEMENT.map((c) => `${c.country}: ${c.note}`).join('; ')}. ` +
    `No rows for ${NO_DISPLACEMENT.join(', ')}: no internal displacement to show there.`,
} as const
