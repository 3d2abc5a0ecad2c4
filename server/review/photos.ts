// A report's photo: sent as a data URL, checked by its declared type and its own first bytes, stored in
// the photo folder under its SHA-256 (so the same photo twice is one file) and served back from there only.
import { createHash, randomUUID } from 'node:crypto'
import { constants } from 'node:fs'
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { join, resolve, sep } from 'node:path'

/** The largest photo, decoded. @default 5 MiB */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024
/** Its data URL's base64 is at most this long. */
export const MAX_PHOTO_BASE64 = Math.ceil(MAX_PHOTO_BYTES / 3) * 4

const KINDS = {
  'image/jpeg': {
    ext: 'jpg',
    magic: (b: Buffer) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  },
  'image/png': {
    ext: 'png',
    magic: (b: Buffer) =>
      b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  'image/webp': {
    ext: 'webp',
    magic: (b: Buffer) => b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP',
  },
} as const
type MediaType = keyof typeof KINDS

const CONTENT_TYPES: Record<string, MediaType> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' }

/** The only names a photo may have; anything else read from the database is refused, never opened. */
const PHOTO_NAME = /^[0-9a-f]{64}\.(jpg|png|webp)$/

export interface Photo {
  mediaType: MediaType
  /** `<sha256>.<ext>`, the file's name in the photo folder. */
  name: string
  bytes: Buffer
}

/** The photo a data URL holds, or why it is not one we take. */
export function parsePhoto(dataUrl: string): Photo | string {
  const head = /^data:(image\/[a-z]+);base64,/i.exec(dataUrl.slice(0, 40))
  if (!head?.[1]) return 'expected a data URL of a JPEG, PNG or WebP image: data:image/jpeg;base64,…'
  const mediaType = head[1].toLowerCase()
  if (!(mediaType in KINDS)) return `${mediaType} is not taken: send image/jpeg, image/png or image/webp`
  const base64 = dataUrl.slice(head[0].length)
  if (base64.length > MAX_PHOTO_BASE64 + 4) return `at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB`
  if (!base64 || base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64))
    return 'the data after "base64," is not base64'
  const bytes = Buffer.from(base64, 'base64')
  if (bytes.length > MAX_PHOTO_BYTES) return `at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB`
  const kind = KINDS[mediaType as MediaType]
  if (!kind.magic(bytes)) return `the data is not a ${kind.ext.toUpperCase()} image, as ${mediaType} says`
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  return { mediaType: mediaType as MediaType, name: `${sha256}.${kind.ext}`, bytes }
}

/**
 * Writes the photo to `folder` and makes it durable (file and folder entry fsynced) before the caller
 * commits the report that names it. A temporary file is renamed into place, so a file under a photo's name
 * is always whole. Should the commit then fail, the file stays unnamed by any report: harmless, and the
 * same photo sent again finds it.
 */
export async function storePhoto(folder: string, photo: Photo): Promise<void> {
  await mkdir(folder, { recursive: true })
  const target = join(folder, photo.name)
  const temporary = join(folder, `.${randomUUID()}.tmp`)
  const file = await open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600)
  try {
    await file.writeFile(photo.bytes)
    await file.sync()
  } finally {
    await file.close()
  }
  try {
    await rename(temporary, target)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
  const directory = await open(folder, constants.O_RDONLY)
  try {
    await directory.sync()
  } finally {
    await directory.close()
  }
}

/** The photo `name` (from the database) in `folder`, with its content type; null when the name is not a photo's or the file is gone. */
export async function readPhoto(
  folder: string,
  name: string,
): Promise<{ bytes: Buffer; contentType: MediaType } | null> {
  const ext = PHOTO_NAME.exec(name)?.[1]
  const contentType = ext ? CONTENT_TYPES[ext] : undefined
  if (!contentType) return null
  const root = resolve(folder)
  const path = resolve(root, name)
  // The name cannot leave the folder as matched above; checked again so that no later change can open a way out.
  if (!path.startsWith(root + sep)) return null
  try {
    return { bytes: await readFile(path), contentType }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}
