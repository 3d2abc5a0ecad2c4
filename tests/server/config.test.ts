// CROSSWATCH_WRITE_TOKEN as the config reads it: unset is no token; a short or spaced one stops the server.
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../server/config.ts'

describe('CROSSWATCH_WRITE_TOKEN', () => {
  const token = 'a'.repeat(24)
  it.each([
    ['unset', {}, undefined],
    ['empty', { CROSSWATCH_WRITE_TOKEN: '' }, undefined],
    ['24 characters', { CROSSWATCH_WRITE_TOKEN: token }, token],
    ['hex from openssl rand -hex 24', { CROSSWATCH_WRITE_TOKEN: 'f'.repeat(48) }, 'f'.repeat(48)],
  ])('%s → %s', (_, env, expected) => {
    expect(loadConfig(env).writeToken).toBe(expected)
  })

  it.each([
    ['too short', 'a'.repeat(23)],
    ['with a space', `${token} x`],
    ['with a non-ASCII character', `${token}é`],
  ])('refuses a token %s, naming the setting', (_, value) => {
    expect(() => loadConfig({ CROSSWATCH_WRITE_TOKEN: value })).toThrow(ConfigError)
    expect(() => loadConfig({ CROSSWATCH_WRITE_TOKEN: value })).toThrow(/^CROSSWATCH_WRITE_TOKEN must be/)
  })
})

describe('CROSSWATCH_PHOTO_DIR', () => {
  it.each([
    ['unset', '.crosswatch-photos', {}],
    ['unset, beside another data folder', '/srv/cw-photos', { CROSSWATCH_DATA_DIR: '/srv/cw/' }],
    ['empty', '.crosswatch-photos', { CROSSWATCH_PHOTO_DIR: ' ' }],
    ['set', '/var/lib/crosswatch/photos', { CROSSWATCH_PHOTO_DIR: '/var/lib/crosswatch/photos' }],
  ])('%s → %s', (_, expected, env) => {
    expect(loadConfig(env).photoDir).toBe(expected)
  })
})
