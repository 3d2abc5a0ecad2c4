// Photos without a server: the data URL and magic-byte checks, the content-addressed name, the durable
// write, and that reading by a name can never leave the photo folder.
import { createHash, randomUUID } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  MAX_PHOTO_BYTES,
  type Photo,
  parsePhoto,
  readPhoto,
  storePhoto,
} from '../../../server/review/photos.ts'

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xdb, 1, 2, 3])
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 4])
const WEBP = Buffer.from('RIFF\x04\0\0\0WEBPVP8 ', 'latin1')
const url = (type: string, bytes: Buffer) => `data:${type};base64,${bytes.toString('base64')}`
const hash = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

describe('parsePhoto', () => {
  it.each<[string, Buffer, string]>([
    ['image/jpeg', JPEG, 'jpg'],
    ['image/png', PNG, 'png'],
    ['image/webp', WEBP, 'webp'],
    ['IMAGE/PNG', PNG, 'png'],
  ])('takes %s and names it by its SHA-256', (type, bytes, ext) => {
    expect(parsePhoto(url(type, bytes))).toEqual({
      mediaType: type.toLowerCase(),
      name: `${hash(bytes)}.${ext}`,
      bytes,
    })
  })

  it.each<[string, string, RegExp]>([
    ['PNG bytes declared JPEG', url('image/jpeg', PNG), /not a JPG image/],
    ['JPEG bytes declared PNG', url('image/png', JPEG), /not a PNG image/],
    ['a WAV declared WebP', url('image/webp', Buffer.from('RIFF\x04\0\0\0WAVEfmt ', 'latin1')), /not a WEBP/],
    ['a truncated JPEG', url('image/jpeg', Buffer.from([0xff, 0xd8])), /not a JPG/],
    ['a GIF', url('image/gif', Buffer.from('GIF89a')), /image\/gif is not taken/],
    ['not a data URL', 'photo.jpg', /expected a data URL/],
    ['no base64 marker', 'data:image/jpeg,xyz', /expected a data URL/],
    ['bad base64', 'data:image/jpeg;base64,/9j/*A==', /not base64/],
    ['base64 of a wrong length', 'data:image/jpeg;base64,/9j/4', /not base64/],
    ['6 MB', url('image/jpeg', Buffer.concat([JPEG, Buffer.alloc(6 * 1024 * 1024)])), /at most 5 MB/],
    [
      '5 MB and a byte',
      url('image/jpeg', Buffer.concat([JPEG, Buffer.alloc(MAX_PHOTO_BYTES + 1 - JPEG.length)])),
      /at most 5 MB/,
    ],
  ])('refuses %s', (_, value, reason) => {
    expect(parsePhoto(value)).toMatch(reason)
  })

  it('takes exactly 5 MB', () => {
    const bytes = Buffer.concat([JPEG, Buffer.alloc(MAX_PHOTO_BYTES - JPEG.length)])
    expect(parsePhoto(url('image/jpeg', bytes))).toMatchObject({ mediaType: 'image/jpeg' })
  })
})

describe('storePhoto and readPhoto', () => {
  const root = join(tmpdir(), `crosswatch-photo-unit-${randomUUID().slice(0, 8)}`)
  const folder = join(root, 'photos')
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('writes the photo whole under its name, leaves no temporary file, and reads it back', async () => {
    const photo = parsePhoto(url('image/png', PNG)) as Photo
    await storePhoto(folder, photo)
    await storePhoto(folder, photo) // the same photo again: the same file
    expect(readdirSync(folder)).toEqual([photo.name])
    expect(readFileSync(join(folder, photo.name))).toEqual(PNG)
    expect(await readPhoto(folder, photo.name)).toEqual({ bytes: PNG, contentType: 'image/png' })
  })

  it.each([
    ['a name that is not a hash', 'photo.jpg'],
    ['a parent path', `../${'a'.repeat(64)}.jpg`],
    ['an absolute path', `/tmp/${'a'.repeat(64)}.jpg`],
    ['a nested path', `x/${'a'.repeat(64)}.jpg`],
    ['upper-case hex', `${'A'.repeat(64)}.jpg`],
    ['another extension', `${'a'.repeat(64)}.svg`],
    ['a trailing newline', `${'a'.repeat(64)}.jpg\n`],
    ['a missing file', `${'b'.repeat(64)}.jpg`],
  ])('reads nothing for %s', async (_, name) => {
    mkdirSync(folder, { recursive: true })
    writeFileSync(join(root, `${'a'.repeat(64)}.jpg`), 'outside')
    expect(await readPhoto(folder, name)).toBeNull()
  })

  it('serves a name that matches only from inside the folder', async () => {
    const name = `${'c'.repeat(64)}.jpg`
    writeFileSync(join(folder, name), JPEG)
    expect(await readPhoto(folder, name)).toEqual({ bytes: JPEG, contentType: 'image/jpeg' })
    expect(await readPhoto(join(folder, 'elsewhere'), name)).toBeNull()
  })
})
