// How a modelled flow moves over the year, the week and the day, by kind of site (its profile), the local
// clock of each country, and who arrives by sea. Indexes are assumptions unless a comment cites a figure.

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
