// Yearly levels of the modelled sites: how a level is written, the DTM flow-monitoring points (most of them
// IOM DTM annual totals), and the generic levels of sites with no published figure.
import type { CitationId } from './citations.ts'
import type { Profile } from './shapes.ts'

export interface DirectionLevel {
  /** Expected crossings a year in this direction (surges included), before the seasonal shape. */
  perYear: number
  /** Mean people per event (a boat, a truck, a group); 1 means people cross one by one. */
  groupSize: number
}

export interface SiteCalibration {
  profile: Profile
  /** `in`: entering the post's country, or arriving at the flow point; `out`: leaving it. */
  in?: DirectionLevel
  out?: DirectionLevel
  cite: CitationId[]
  /** How the level was derived from the figures. */
  note: string
  /** True when no published figure for this place was found: the level is a generic one. */
  generic?: boolean
}

const both = (total: number, outShare: number, groupSize: number) => ({
  in: { perYear: Math.round(total * (1 - outShare)), groupSize },
  out: { perYear: Math.round(total * outShare), groupSize },
})

const groupOf: Record<Profile, number> = {
  land: 3,
  desert: 20,
  'sea-arrival': 42,
  'sea-departure': 42,
  air: 1,
}

/** A site calibrated on IOM DTM flow-monitoring totals: yearly level in and out, and how it was derived. */
export const dtm = (
  profile: Profile,
  inPerYear: number,
  outPerYear: number,
  note: string,
): SiteCalibration => ({
  profile,
  in: { perYear: inPerYear, groupSize: groupOf[profile] },
  out: { perYear: outPerYear, groupSize: groupOf[profile] },
  cite: ['dtmFmr'],
  note,
})
/** Half each way of a yearly total. */
export const dtmHalf = (profile: Profile, total: number, what: string) =>
  dtm(
    profile,
    Math.round(total / 2),
    Math.round(total / 2),
    `${what}: about ${total.toLocaleString('en')} travellers, half each way`,
  )

/** Generic levels for sites without a published figure of their own. */
export const GENERIC: Record<'land' | 'desert' | 'sea' | 'air', SiteCalibration> = {
  land: {
    profile: 'land',
    ...both(91_200, 0.5, 3),
    cite: ['dtmFmr'],
    generic: true,
    note: 'generic level: 125 a day each way, the median of the 2023 annual totals of DTM flow-monitoring points in the region (about 93,000)',
  },
  desert: {
    profile: 'desert',
    ...both(7_300, 0.5, 15),
    cite: ['dtmFmr'],
    generic: true,
    note: 'generic level: 10 a day each way, of the order of the smallest DTM desert points (Ménaka, Rig-Rig)',
  },
  sea: {
    profile: 'sea-departure',
    ...both(730, 0.5, 30),
    cite: ['frontexCmr'],
    generic: true,
    note: 'generic level: 1 a day each way, no published figure',
  },
  air: {
    profile: 'air',
    ...both(109_500, 0.5, 1),
    cite: [],
    generic: true,
    note: 'generic level: 150 a day each way; an assumption, no published figure was found',
  },
}

/** Countries whose land posts are desert crossings rather than Sahel market roads. */
export const DESERT_COUNTRIES = new Set(['LY', 'DZ'])

/**
 * Flow points (ids starting `fp-`), matched on a key contained in the id or the accent-free name.
 * in: arriving at the point (or coming back south); out: leaving northwards or out of the country.
 */
export const FLOW_POINTS: Record<string, SiteCalibration> = {
  agadez: dtm(
    'desert',
    68_100,
    172_400,
    'out: northbound from Agadez = DTM Arlit NER→DZA + Séguédine NER→LBY 2023 (about 74,300 + 98,100); in: returns = Arlit DZA→NER + Madama LBY→NER (about 37,200 + 30,900)',
  ),
  arlit: dtm(
    'desert',
    152_200,
    186_000,
    'DTM Arlit 2023, about 338,200 travellers; out share 55 % (to Algeria plus half of the internal flow)',
  ),
  seguedine: dtm(
    'desert',
    42_400,
    142_000,
    'DTM Séguédine 2023, about 184,400 travellers; out share 77 % (to Libya plus half of the internal flow)',
  ),
  dirkou: dtm(
    'desert',
    42_400,
    142_000,
    'on the Agadez–Séguédine road: the DTM Séguédine 2023 level (about 184,400, 77 % northbound)',
  ),
  madama: dtm('desert', 30_900, 300, 'DTM Madama 2023: almost all southbound from Libya (about 30,900)'),
  zouarke: dtm('desert', 17_300, 26_000, 'DTM Zouarké 2022, about 43,300; 60 % northbound (assumed)'),
  tombouctou: dtm(
    'desert',
    5_300,
    42_600,
    'DTM Tombouctou 2023, about 47,900; 89 % leaving Mali (to Algeria, Mauritania or unknown)',
  ),
  kidal: dtm('desert', 8_400, 12_600, 'DTM Place Kidal 2023, about 21,000; 60 % northbound'),
  gogui: dtm('land', 16_100, 21_300, 'DTM Gogui 2023, about 37,400; 57 % leaving Mali'),
  heremakono: dtm('land', 196_600, 84_200, 'DTM Heremakono 2023, about 280,800; 30 % leaving Mali'),
  faramana: dtm('land', 23_000, 34_400, 'DTM Faramana 2023, about 57,400; 60 % leaving Burkina Faso'),
  tahoua: dtmHalf('land', 192_100, 'DTM Tahoua 2023'),
  faya: dtmHalf('desert', 80_000, 'DTM Faya 2023'),
  yendere: dtmHalf('land', 252_400, 'DTM Yendéré 2023'),
  kidira: dtmHalf('land', 46_000, 'DTM Kidira 2019'),
  rosso: dtmHalf('land', 47_700, 'DTM Rosso 2022 for a year'),
  ayorou: dtmHalf('land', 211_200, 'DTM Ayorou 2023'),
  gaya: dtmHalf('land', 374_900, 'DTM Gaya 2023'),
  magaria: dtmHalf('land', 240_600, 'DTM Magaria 2023'),
  tera: dtmHalf('land', 60_400, 'DTM Tera 2023'),
  menaka: dtmHalf('desert', 3_800, 'DTM Menaka 2022'),
  sevare: dtmHalf('land', 7_500, 'DTM Sevare 2019'),
  bamako: dtmHalf('land', 15_100, 'DTM Bamako 2019'),
  kantchari: dtmHalf('land', 55_600, 'DTM Kantchari 2022'),
  dori: dtmHalf('land', 142_800, 'DTM Dori January–July 2024 for a year'),
  fada: dtmHalf('land', 19_100, 'DTM Fada N’Gourma 2023'),
  ouagadougou: dtmHalf('land', 86_100, 'DTM Ouagadougou 2019'),
  tambacounda: dtmHalf('land', 65_300, 'DTM Tambacounda 2019'),
  ounianga: dtmHalf('desert', 73_300, 'DTM Ounianga Kébir 2022'),
  sarh: dtmHalf('land', 65_200, 'DTM Sarh 2019'),
  bongor: dtmHalf('land', 36_400, 'DTM Pont Bongor 2020'),
}
