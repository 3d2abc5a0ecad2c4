// A photo from the phone's camera or gallery, made small enough to send on a weak connection: the longest
// side at most 1600 px, as JPEG, drawn through a canvas (which also drops the EXIF data, GPS included).
export interface Photo {
  dataUrl: string
  /** Pixels; 0 when not known (a photo read back from the outbox). */
  width: number
  height: number
  /** Decoded size of the JPEG. */
  bytes: number
}

/** @default 1600 px */
const PHOTO_MAX_SIDE = 1600
/** JPEG quality: a 1600 px photo of a scene is then about 200–500 kB. @default 0.82 */
const PHOTO_QUALITY = 0.82

/** The size to draw a `width`×`height` image at so that its longest side is at most `max`; never larger. */
export function fitWithin(
  width: number,
  height: number,
  max = PHOTO_MAX_SIDE,
): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height, 1))
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}

/** Bytes of the data a base64 data URL holds, without decoding it. */
export function dataUrlBytes(dataUrl: string): number {
  const comma = dataUrl.indexOf(',')
  const data = comma < 0 ? '' : dataUrl.slice(comma + 1).replace(/\s/g, '')
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0
  return Math.max(0, Math.floor((data.length * 3) / 4) - padding)
}

/** Reads, turns upright (EXIF orientation), shrinks and re-encodes a picture the reporter chose. */
export async function resizePhoto(file: Blob): Promise<Photo> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' })
  try {
    const size = fitWithin(bitmap.width, bitmap.height)
    const canvas = document.createElement('canvas')
    canvas.width = size.width
    canvas.height = size.height
    const context = canvas.getContext('2d')
    if (!context) throw new Error('no 2D canvas')
    context.drawImage(bitmap, 0, 0, size.width, size.height)
    const dataUrl = canvas.toDataURL('image/jpeg', PHOTO_QUALITY)
    return { dataUrl, ...size, bytes: dataUrlBytes(dataUrl) }
  } finally {
    bitmap.close()
  }
}
