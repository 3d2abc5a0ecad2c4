// Country names (English, as CLDR or the UN write them) and ISO 3166-1 alpha-3 codes → alpha-2, for
// importers whose sources name their countries (MMP) or give alpha-3 codes (HDX). Unknown → null.

/** The countries of the route: the only ones with admin areas in Crosswatch. */
export const ROUTE_COUNTRIES = ['ML', 'NE', 'BF', 'MR', 'SN', 'TD', 'DZ', 'LY', 'TN', 'IT', 'MT'] as const

/**
 * Alpha-3 → alpha-2 for the route's countries and their neighbours (enough for HDX files of the region),
 * and the nationalities that Italy's Ministry of the Interior lists among sea arrivals.
 */
const ISO3: Record<string, string> = {
  DZA: 'DZ',
  BFA: 'BF',
  TCD: 'TD',
  ITA: 'IT',
  LBY: 'LY',
  MLI: 'ML',
  MLT: 'MT',
  MRT: 'MR',
  NER: 'NE',
  SEN: 'SN',
  TUN: 'TN',
  BEN: 'BJ',
  CMR: 'CM',
  CAF: 'CF',
  CIV: 'CI',
  EGY: 'EG',
  ESH: 'EH',
  GHA: 'GH',
  GIN: 'GN',
  GMB: 'GM',
  GNB: 'GW',
  GRC: 'GR',
  MAR: 'MA',
  NGA: 'NG',
  SDN: 'SD',
  ESP: 'ES',
  TGO: 'TG',
  AFG: 'AF',
  BGD: 'BD',
  ERI: 'ER',
  ETH: 'ET',
  IND: 'IN',
  IRN: 'IR',
  IRQ: 'IQ',
  LBR: 'LR',
  LKA: 'LK',
  NPL: 'NP',
  PAK: 'PK',
  PSE: 'PS',
  SLE: 'SL',
  SOM: 'SO',
  SSD: 'SS',
  SYR: 'SY',
  TUR: 'TR',
  UKR: 'UA',
  YEM: 'YE',
}

export function iso2FromIso3(code: string): string | null {
  return ISO3[code.trim().toUpperCase()] ?? null
}

export function iso3FromIso2(code: string): string | null {
  const upper = code.trim().toUpperCase()
  return Object.keys(ISO3).find((iso3) => ISO3[iso3] === upper) ?? null
}

/** UN (M49) names that CLDR writes otherwise; MMP uses the UN names. */
const ALIASES: Record<string, string> = {
  'bolivia (plurinational state of)': 'BO',
  'cabo verde': 'CV',
  'china, hong kong special administrative region': 'HK',
  'china, macao special administrative region': 'MO',
  "cote d'ivoire": 'CI',
  'czech republic': 'CZ',
  "democratic people's republic of korea": 'KP',
  'democratic republic of the congo': 'CD',
  congo: 'CG',
  'iran (islamic republic of)': 'IR',
  "lao people's democratic republic": 'LA',
  'micronesia (federated states of)': 'FM',
  myanmar: 'MM',
  'republic of korea': 'KR',
  'republic of moldova': 'MD',
  'russian federation': 'RU',
  'state of palestine': 'PS',
  'syrian arab republic': 'SY',
  turkey: 'TR',
  'united kingdom of great britain and northern ireland': 'GB',
  'united republic of tanzania': 'TZ',
  'united states of america': 'US',
  'united states virgin islands': 'VI',
  'venezuela (bolivarian republic of)': 'VE',
  'viet nam': 'VN',
}

/** Region codes CLDR still names but that are not current countries. */
const NOT_COUNTRIES = new Set([
  'BU',
  'DD',
  'EU',
  'EZ',
  'FX',
  'QO',
  'SU',
  'TP',
  'UK',
  'UN',
  'VD',
  'YD',
  'YU',
  'ZR',
])

function normalise(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’`]/g, "'")
    .replace(/&/g, 'and')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

let byName: Map<string, string> | undefined

function names(): Map<string, string> {
  if (byName) return byName
  byName = new Map()
  const display = new Intl.DisplayNames(['en'], { type: 'region' })
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b)
      if (NOT_COUNTRIES.has(code)) continue
      let name: string | undefined
      try {
        name = display.of(code)
      } catch {
        continue
      }
      if (name && name !== code) byName.set(normalise(name), code)
    }
  }
  for (const [name, code] of Object.entries(ALIASES)) byName.set(normalise(name), code)
  return byName
}

/** ISO 3166-1 alpha-2 of an English country name, e.g. "Libya" → LY, "Türkiye" → TR; null when unknown. */
export function iso2FromName(name: string): string | null {
  const key = normalise(name)
  return key ? (names().get(key) ?? null) : null
}
