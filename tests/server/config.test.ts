// CROSSWATCH_DEMO as the config reads it: only an explicit 1 or true turns demo mode (and its demo users) on.
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../server/config.ts'

describe('CROSSWATCH_DEMO', () => {
  it.each([
    ['unset', {}, false],
    ['empty', { CROSSWATCH_DEMO: '' }, false],
    ['0', { CROSSWATCH_DEMO: '0' }, false],
    ['false', { CROSSWATCH_DEMO: 'false' }, false],
    ['1', { CROSSWATCH_DEMO: '1' }, true],
    ['true', { CROSSWATCH_DEMO: 'true' }, true],
  ])('%s → %s', (_, env, expected) => {
    expect(loadConfig(env).demo).toBe(expected)
  })

  it.each(['yes', 'on', '2'])('refuses %s, naming the setting', (value) => {
    expect(() => loadConfig({ CROSSWATCH_DEMO: value })).toThrow(ConfigError)
    expect(() => loadConfig({ CROSSWATCH_DEMO: value })).toThrow(/^CROSSWATCH_DEMO must be 1 or 0/)
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

describe('CROSSWATCH_TRUSTED_PROXIES', () => {
  it.each([
    ['unset', {}, []],
    ['one', { CROSSWATCH_TRUSTED_PROXIES: '127.0.0.1' }, ['127.0.0.1']],
    ['two, spaced', { CROSSWATCH_TRUSTED_PROXIES: '10.0.0.2, ::1' }, ['10.0.0.2', '::1']],
  ])('%s → %j', (_, env, expected) => {
    expect(loadConfig(env).trustedProxies).toEqual(expected)
  })

  it('refuses what is not an address, naming the setting', () => {
    expect(() => loadConfig({ CROSSWATCH_TRUSTED_PROXIES: 'nginx' })).toThrow(
      /^CROSSWATCH_TRUSTED_PROXIES must be IP addresses/,
    )
  })
})

describe('DATABASE_READ_URL', () => {
  const primary = 'postgres://db.internal/crosswatch'
  const standby = 'postgres://standby.internal/crosswatch'

  it('is read beside DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: primary, DATABASE_READ_URL: standby }).databaseReadUrl).toBe(standby)
    expect(loadConfig({ DATABASE_URL: primary }).databaseReadUrl).toBeUndefined()
  })

  it.each([
    ['without DATABASE_URL', { DATABASE_READ_URL: standby }, /^DATABASE_READ_URL needs DATABASE_URL/],
    [
      'when it is not a postgres URL',
      { DATABASE_URL: primary, DATABASE_READ_URL: 'mysql://x' },
      /^DATABASE_READ_URL must be a postgres/,
    ],
  ])('refuses it %s, naming the setting', (_, env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(message)
  })
})
