// The incident icons, drawn here as SVG paths (white, used as masks so deck.gl colours them), packed in
// one atlas for deck.gl's IconLayer. No font or image is fetched: the atlas is a data URL.
import type { IncidentType } from '../../../../db/vocabulary.ts'

const ICON_SIZE = 64

/** One path per type, in a 64 × 64 box, with `fill-rule: evenodd` for the holes. */
const ICON_PATHS: Record<IncidentType, string> = {
  // a Latin cross
  death_or_disappearance: 'M27 6h10v14h14v10H37v28H27V30H13V20h14z',
  // a hull on the water line, tilted
  shipwreck: 'M6 30l52 8-8 16H16zM28 10h4v20h-4zM32 12l16 14-16-2z',
  // a lifebuoy
  interception_or_rescue: 'M32 4a28 28 0 1 0 0.01 0zM32 18a14 14 0 1 1-0.01 0z',
  // a lightning bolt
  violence_or_abuse: 'M36 2L12 36h16l-6 26 28-38H34z',
  // two chain links
  trafficking: 'M4 24h30v16H4zM10 29v6h18v-6zM30 24h30v16H30zM36 29v6h18v-6z',
  // a parcel
  smuggling: 'M8 16h48v40H8zM14 22v28h36V22zM28 16h8v40h-8z',
  // a document with a folded corner and lines
  forged_document: 'M12 4h28l12 12v44H12zM18 26h28v4H18zM18 36h28v4H18zM18 46h20v4H18z',
  // a plus (medical)
  medical_emergency: 'M24 6h16v18h18v16H40v18H24V40H6V24h18z',
  // three people
  stranded_group:
    'M32 8a7 7 0 1 0 0.01 0zM22 28h20v28H22zM12 14a6 6 0 1 0 0.01 0zM4 32h16v22H4zM52 14a6 6 0 1 0 0.01 0zM44 32h16v22H44z',
  // an arrow pointing back
  expulsion_or_pushback: 'M4 32L30 8v14h30v20H30v14z',
  // a warning triangle
  natural_hazard: 'M32 4L62 58H2zM29 22v20h6V22zM29 46v6h6v-6z',
  // a diamond
  other: 'M32 4L60 32 32 60 4 32z',
}

export const ICON_TYPES = Object.keys(ICON_PATHS) as IncidentType[]

const svg = (width: number, body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${ICON_SIZE}" viewBox="0 0 ${width} ${ICON_SIZE}">${body}</svg>`

const dataUrl = (text: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`

/** Every icon side by side, white on transparent. */
export const ICON_ATLAS = dataUrl(
  svg(
    ICON_SIZE * ICON_TYPES.length,
    ICON_TYPES.map(
      (type, i) =>
        `<path transform="translate(${i * ICON_SIZE} 0)" fill="#fff" fill-rule="evenodd" d="${ICON_PATHS[type]}"/>`,
    ).join(''),
  ),
)

export const ICON_MAPPING = Object.fromEntries(
  ICON_TYPES.map((type, i) => [
    type,
    { x: i * ICON_SIZE, y: 0, width: ICON_SIZE, height: ICON_SIZE, mask: true },
  ]),
)

/** One icon alone, for the legend (used there as a CSS mask). */
export function iconUrl(type: IncidentType): string {
  return dataUrl(svg(ICON_SIZE, `<path fill="#fff" fill-rule="evenodd" d="${ICON_PATHS[type]}"/>`))
}
