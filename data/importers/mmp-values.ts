// Reading the values of MMP records: dates in two styles, coordinates in one column or two, counts
// with thousands separators, NA, HTML entities, country names. Pure functions, one value each.
import { iso2FromName } from './country-codes.ts'

/**
 * MMP's source quality, 1 (lowest, e.g. one media report) to 5 (highest, e.g. an official source): "4",
 * or for giocopp's merged split incidents the parts' scores run together ("14" → "1–4"). Null when
 * empty, undefined when not a score.
 */
export function sourceQuality(text: string): string | null | undefined {
  if (!text) return null
  if (!/^[1-5]+$/.test(text)) return undefined
  const scores = [...new Set(text)].sort()
  return scores.length === 1 ? (scores[0] as string) : `${scores[0]}–${scores.at(-1)}`
}

/** A trimmed cell; giocopp writes a missing value as NA. */
export function cell(value: unknown): string {
  if (value === null || value === undefined) return ''
  const text = String(value).trim()
  return text === 'NA' ? '' : text
}

/** The HDX API escapes some characters as HTML entities (Côte d&#039;Ivoire). */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

export type DateResult = { date: string } | { error: string }

function checkedDate(year: string, month: string, day: string): DateResult {
  const date = `${year}-${month}-${day}`
  const parsed = new Date(`${date}T00:00:00Z`)
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
    return { error: `${date} is not a date` }
  }
  return { date }
}

export function isoDate(text: string): DateResult {
  if (!text) return { error: 'no date' }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!match) return { error: `"${text}": expected a date like 2019-05-12` }
  return checkedDate(match[1] as string, match[2] as string, match[3] as string)
}

/** The export writes "Fri, 01/02/2026 - 12:00": month first, and a noon that is not a time of day. */
export function exportDate(text: string): DateResult {
  if (!text) return { error: 'no date' }
  const match = /^(?:[A-Za-z]{3}, )?(\d{2})\/(\d{2})\/(\d{4})(?: - \d{2}:\d{2})?$/.exec(text)
  if (!match) return { error: `"${text}": expected a date like "Fri, 01/02/2026 - 12:00" (MM/DD/YYYY)` }
  return checkedDate(match[3] as string, match[1] as string, match[2] as string)
}

export type Point = ({ lat: number; lon: number } | { error: string }) & { column: string }

export function coordinates(
  get: (column: string) => string,
  columns: string | { lat: string; lon: string },
): Point {
  let lat: number
  let lon: number
  let column: string
  if (typeof columns === 'string') {
    column = columns
    const text = get(columns)
    if (!text) return { error: 'no coordinates', column }
    const match = /^(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)$/.exec(text)
    if (!match) return { error: `"${text}": expected "lat, lon"`, column }
    lat = Number(match[1])
    lon = Number(match[2])
  } else {
    const [latText, lonText] = [get(columns.lat), get(columns.lon)]
    column = columns.lat
    if (!latText || !lonText) return { error: 'no coordinates', column: latText ? columns.lon : column }
    lat = Number(latText)
    lon = Number(lonText)
    if (!Number.isFinite(lat)) return { error: `"${latText}" is not a number`, column: columns.lat }
    if (!Number.isFinite(lon)) return { error: `"${lonText}" is not a number`, column: columns.lon }
  }
  if (lat < -90 || lat > 90) return { error: `latitude ${lat} is out of range (−90 to 90)`, column }
  if (lon < -180 || lon > 180) return { error: `longitude ${lon} is out of range (−180 to 180)`, column }
  return { lat, lon, column }
}

/** A count: empty is 0, "1,022" is 1022; negative counts are refused (see docs/import.md). */
export function count(text: string): number | string {
  if (!text) return 0
  if (/^\d{1,3}(,\d{3})+$/.test(text)) return Number(text.replace(/,/g, ''))
  if (/^\d+$/.test(text)) return Number(text)
  if (/^-\d+$/.test(text)) {
    return `negative count ${text}: MMP uses these to correct another part of a split incident (e.g. missing found dead); Crosswatch keeps counts of 0 or more`
  }
  return `"${text}" is not a whole number`
}

/** A country name as MMP writes it ("Libya", "Libya - presumed departure on 12-14 April") → ISO2. */
export function countryOfName(name: string): string | null {
  if (!name) return null
  return iso2FromName(name) ?? iso2FromName(name.split(/ - |;|\(/)[0] ?? '')
}

/**
 * The export has no country column: the country is the last part of the location when that part
 * names one ("…, Canary Islands, Spain", "…, Morocco - missing since 29 Dec"); else null, because a
 * name elsewhere in the text ("near the Morocco Algeria border") does not say which side.
 */
export function countryInText(location: string): string | null {
  const last = location.split(',').pop()?.trim() ?? ''
  return countryOfName(last)
}

export function firstUrl(text: string): string | null {
  for (const candidate of text.split(/[\s,]+/)) {
    if (/^https?:\/\//i.test(candidate) && URL.canParse(candidate)) return candidate
  }
  return null
}

/**
 * Bounding boxes [west, south, east, north] of the route's countries, from data/admin-areas
 * (Natural Earth admin-1), to catch coordinates that cannot be right for the country a record names.
 */
const COUNTRY_BOXES: Record<string, readonly [number, number, number, number]> = {
  ML: [-12.26, 10.14, 4.24, 25.0],
  NE: [0.15, 11.7, 15.97, 23.52],
  BF: [-5.52, 9.39, 2.39, 15.08],
  MR: [-17.08, 14.73, -4.82, 27.29],
  SN: [-17.54, 12.31, -11.38, 16.69],
  TD: [13.45, 7.46, 23.98, 23.44],
  DZ: [-8.68, 18.98, 11.97, 37.09],
  LY: [9.29, 19.5, 25.16, 33.18],
  TN: [7.48, 30.23, 11.56, 37.35],
  IT: [6.6, 35.49, 18.52, 47.09],
  MT: [14.18, 35.8, 14.57, 36.08],
}

/**
 * How far (degrees) outside its country's box a record may lie: a death at sea is recorded under the
 * country of the coast it happened off, which can be a few hundred kilometres away.
 */
const OFFSHORE_MARGIN_DEGREES = 6

function degreesOutside(box: readonly [number, number, number, number], lat: number, lon: number): number {
  return Math.max(box[0] - lon, lon - box[2], box[1] - lat, lat - box[3], 0)
}

/**
 * Checks a record's coordinates against the country it names: swapped latitude and longitude (a
 * frequent slip in the HDX copy: "Bamako, Mali" at 12.6° E, 8° S) are swapped back, with a note; a
 * place far outside the country that no swap explains is kept where IOM puts it, with a note saying
 * it is doubtful (a death is not dropped for a bad coordinate). Countries off the route are not checked.
 */
export function checkPlaceInCountry(
  country: string | null,
  lat: number,
  lon: number,
): { lat: number; lon: number; note: string | null } {
  const box = country ? COUNTRY_BOXES[country] : undefined
  if (!box || degreesOutside(box, lat, lon) <= OFFSHORE_MARGIN_DEGREES) return { lat, lon, note: null }
  if (degreesOutside(box, lon, lat) === 0)
    return {
      lat: lon,
      lon: lat,
      note: `Coordinates swapped back by Crosswatch: the source gives latitude ${lat}, longitude ${lon}, outside ${country}`,
    }
  const outside = degreesOutside(box, lat, lon).toFixed(0)
  return {
    lat,
    lon,
    note: `Coordinates doubtful: they lie ${outside}° outside ${country}, the country the record names; shown where IOM places them`,
  }
}
