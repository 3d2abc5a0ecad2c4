// The published figures the modelled series are calibrated on: each constant of the model cites one of
// these, and the sources' calibrated_on text is built from them. IOM DTM figures are a few aggregate
// constants (annual totals per flow-monitoring point, rounded to the hundred), never the restricted data.

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

/** Sentence listing the cited figures, for a source's calibrated_on. */
export function describeCitations(ids: readonly CitationId[]): string {
  return ids
    .map((id) => {
      const c: Citation = CITATIONS[id]
      return `${c.figure} — ${c.publisher}, ${c.date}, ${c.url}`
    })
    .join('; ')
}
