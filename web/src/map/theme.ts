// Colours and sizes of the map, tuned for a dark room: a near-black sea, slate land, and data in bright
// hues that stay apart for the common colour-vision deficiencies.

export type Rgba = readonly [number, number, number, number]

export const basemapColors = {
  sea: '#06111c',
  land: '#1b2733',
  coastline: '#4a6477',
  border: '#8fa6b8',
} as const

export const townColors = {
  dot: [205, 216, 226, 230] as Rgba,
  label: [214, 223, 231, 255] as Rgba,
  transitDot: [255, 255, 255, 255] as Rgba,
  transitLabel: [255, 255, 255, 255] as Rgba,
  halo: [6, 17, 28, 235] as Rgba,
} as const

/** Font of the labels drawn by deck.gl: the system's, as nothing may be downloaded at run time. */
export const MAP_FONT_FAMILY = "system-ui, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', Arial, sans-serif"

/** `#rrggbb` of a colour, for CSS (legend swatches). */
export function rgbaToCss([r, g, b, a]: Rgba): string {
  return `rgb(${r} ${g} ${b} / ${Math.round((a / 255) * 100) / 100})`
}
