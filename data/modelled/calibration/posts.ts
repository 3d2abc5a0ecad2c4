// Yearly levels of the border posts and ports with a published figure: Italian landings, departures from
// Libya and Tunisia, Malta, the Canaries route, Algerian expulsions and the Chad–Sudan border.
import { dtm, dtmHalf, type SiteCalibration } from './levels.ts'

const it2025 = 66_296
const sicilyOther = 36_162 / 43_580 - 0.75 // Sicily's share of landings, less Lampedusa's
const calabria = 1_846 / 43_580
const libyaReturns = Math.round((26_328 * 365) / 347) // IOM's 2025 figure to 13 December, for a year
const libyaDepartures = 58_408 + libyaReturns // reached Italy + intercepted and returned
// Tunisian interceptions in 2025: the 2024 pace (Jan–Apr × 3) scaled by the fall in arrivals from Tunisia.
const tunisiaReturns = Math.round(21_545 * 3 * (4_841 / 19_460))
const tunisiaDepartures = 4_841 + tunisiaReturns
const maltaPerYear = Math.round((231 * 365) / 225)

const italyPort = (share: number, groupSize: number, what: string): SiteCalibration => ({
  profile: 'sea-arrival',
  in: { perYear: Math.round(it2025 * share), groupSize },
  cite: ['italy2025', 'italyRegions', 'unhcrLampedusa', 'frontexCmr', 'italyDaily', 'nationalities2025'],
  note: what,
})
const libyaPort = (outShare: number, inShare: number): SiteCalibration => ({
  profile: 'sea-departure',
  out: { perYear: Math.round(libyaDepartures * outShare), groupSize: 42 },
  in: { perYear: Math.round(libyaReturns * inShare), groupSize: 60 },
  cite: ['italy2025', 'iomLibyaMaritime', 'lampedusaBoats', 'frontexCmr'],
  note: `out: ${Math.round(outShare * 100)} % of departures from Libya (58,408 reached Italy + ${libyaReturns} intercepted in 2025); in: ${Math.round(inShare * 100)} % of those returned. The split between Libyan ports is an assumption: no per-port figure was found.`,
})
const tunisiaPort = (share: number): SiteCalibration => ({
  profile: 'sea-departure',
  out: { perYear: Math.round(tunisiaDepartures * share), groupSize: 35 },
  in: { perYear: Math.round(tunisiaReturns * share), groupSize: 35 },
  cite: ['italy2025', 'tunisiaGuard', 'frontexCmr'],
  note: `${Math.round(share * 100)} % of departures from Tunisia (4,841 reached Italy in 2025 + about ${tunisiaReturns} intercepted: the Jan.–Apr. 2024 pace scaled by the 75 % fall in arrivals from Tunisia); 90 % of interceptions were off Sfax.`,
})

/** Per-post calibration, keyed by border_posts.id. Posts not listed get a generic level by kind. */
export const POSTS: Record<string, SiteCalibration> = {
  'it-lampedusa': italyPort(0.75, 42, '75 % of 2025 arrivals to Italy; 42 people a landing (2024)'),
  'it-pozzallo': italyPort(
    sicilyOther * 0.3,
    80,
    '30 % of the Sicilian arrivals outside Lampedusa (assumed split)',
  ),
  'it-augusta': italyPort(
    sicilyOther * 0.25,
    80,
    '25 % of the Sicilian arrivals outside Lampedusa (assumed split)',
  ),
  'it-catania': italyPort(
    sicilyOther * 0.15,
    80,
    '15 % of the Sicilian arrivals outside Lampedusa (assumed split)',
  ),
  'it-porto-empedocle': italyPort(
    sicilyOther * 0.15,
    60,
    '15 % of the Sicilian arrivals outside Lampedusa (assumed split)',
  ),
  'it-trapani': italyPort(
    sicilyOther * 0.15,
    60,
    '15 % of the Sicilian arrivals outside Lampedusa (assumed split)',
  ),
  'it-roccella-ionica': italyPort(calabria * 0.45, 60, '45 % of the Calabrian arrivals (assumed split)'),
  'it-crotone': italyPort(calabria * 0.3, 60, '30 % of the Calabrian arrivals (assumed split)'),
  'it-reggio-calabria': italyPort(calabria * 0.25, 60, '25 % of the Calabrian arrivals (assumed split)'),
  'mt-grand-harbour': {
    profile: 'sea-arrival',
    in: { perYear: Math.round(maltaPerYear * 0.6), groupSize: 30 },
    cite: ['maltaArrivals', 'frontexCmr'],
    note: `60 % of about ${maltaPerYear} arrivals a year (2023 pace; assumed split)`,
  },
  'mt-birzebbuga': {
    profile: 'sea-arrival',
    in: { perYear: Math.round(maltaPerYear * 0.4), groupSize: 30 },
    cite: ['maltaArrivals', 'frontexCmr'],
    note: `40 % of about ${maltaPerYear} arrivals a year (2023 pace; assumed split)`,
  },
  'ly-zuwara': libyaPort(0.25, 0.15),
  'ly-sabratha': libyaPort(0.2, 0.05),
  'ly-zawiya': libyaPort(0.15, 0.2),
  'ly-tripoli': libyaPort(0.15, 0.35),
  'ly-benghazi': libyaPort(0.1, 0.1),
  'ly-tobruk': libyaPort(0.15, 0.15),
  'tn-sfax': tunisiaPort(0.9),
  'tn-mahdia': tunisiaPort(0.06),
  'tn-zarzis': tunisiaPort(0.04),
  'mr-nouadhibou': {
    profile: 'sea-departure',
    out: { perYear: Math.round(((8_178 * 12) / 9) * 0.5), groupSize: 150 },
    cite: ['mauritaniaCanaries'],
    note: 'half of the departures from Mauritania to the Canaries in 2025 (assumed share for Nouadhibou)',
  },
  'ne-assamaka': {
    profile: 'desert',
    in: { perYear: 11_200, groupSize: 20 },
    out: { perYear: 74_300, groupSize: 20 },
    cite: ['apsExpulsions', 'apsConvoys', 'dtmFmr'],
    note: 'in: deportation convoys from Algeria (34,236 in 2025, modelled as convoys) plus about 11,200 other southbound travellers (DTM Arlit DZA→NER 2023, 37,200, less the 26,031 deported that year); out: DTM Arlit NER→DZA 2023, about 74,300',
  },
  'dz-in-guezzam': {
    profile: 'desert',
    in: { perYear: 74_300, groupSize: 20 },
    out: { perYear: 11_200, groupSize: 20 },
    cite: ['apsExpulsions', 'apsConvoys', 'dtmFmr'],
    note: 'the Assamaka flows seen from the Algerian side: out includes the deportation convoys',
  },
  'ne-madama': dtm(
    'desert',
    30_900,
    98_100,
    'out: DTM Séguédine NER→LBY 2023 (about 98,100); in: DTM Madama LBY→NER 2023 (about 30,900)',
  ),
  'ly-tummo': dtm('desert', 98_100, 30_900, 'the Madama and Séguédine flows seen from the Libyan side'),
  'dz-bordj-badji-mokhtar': dtm(
    'desert',
    27_700,
    2_500,
    'DTM Tombouctou MLI→DZA 2023 (about 27,700) and DZA→MLI (about 2,500)',
  ),
  'dz-tin-zaouatine': dtm(
    'desert',
    7_900,
    2_700,
    'DTM Place Kidal MLI→DZA 2023 (about 7,900) and DZA→MLI (about 2,700)',
  ),
  'ml-tinzaouaten': dtm(
    'desert',
    2_700,
    7_900,
    'DTM Place Kidal MLI→DZA 2023 (about 7,900) and DZA→MLI (about 2,700)',
  ),
  'td-wour': dtm(
    'desert',
    17_300,
    26_000,
    'DTM Zouarké (Tibesti) 2022, about 43,300 travellers; the 60 % northbound share is an assumption',
  ),
  'bf-faramana': dtm('land', 23_100, 34_200, 'DTM Faramana 2023: BFA→MLI about 34,200, MLI→BFA about 23,100'),
  'bf-koloko': dtm(
    'land',
    62_600,
    140_600,
    'DTM Heremakono (the Malian side of the Koloko crossing) 2023: BFA→MLI about 140,600, MLI→BFA about 62,600',
  ),
  'bf-niangoloko': dtmHalf('land', 252_400, 'DTM Yendéré (the border village south of Niangoloko) 2023'),
  'bf-kantchari': dtmHalf('land', 55_600, 'DTM Kantchari 2022'),
  'ne-makalondi': dtmHalf('land', 55_600, 'the Kantchari–Makalondi road: DTM Kantchari 2022'),
  'ne-gaya': dtmHalf('land', 374_900, 'DTM Gaya 2023'),
  'bj-malanville': dtmHalf('land', 374_900, 'the Gaya–Malanville bridge: DTM Gaya 2023'),
  'sn-kidira': dtmHalf('land', 46_000, 'DTM Kidira 2019 (the last full year before COVID-19)'),
  'sn-rosso': dtmHalf('land', 47_700, 'DTM Rosso 2022 (April–December, 35,800, for a year)'),
  'mr-rosso': dtmHalf('land', 47_700, 'DTM Rosso 2022 (April–December, 35,800, for a year)'),
  'td-adre': {
    profile: 'land',
    in: { perYear: Math.round(1_863 * 12 * (1_230_000 / 344_399)), groupSize: 6 },
    out: { perYear: 45_600, groupSize: 3 },
    cite: ['iomChadReturnees', 'dtmFmr'],
    note: 'in: 1,863 returnees a month at Adré (Nov. 2025) times the ratio of all crossers to returnees since April 2023 (1.23 million / 344,399); out: the generic land level',
  },
}
