// Whom sign-in throttling counts: the socket's peer, or behind a trusted proxy the address it forwarded.
import { describe, expect, it } from 'vitest'
import { sourceAddress } from '../../../server/auth/routes.ts'

const nginx = new Set(['127.0.0.1'])

describe('sourceAddress', () => {
  it.each([
    ['a direct client, whatever it claims', '203.0.113.7', '198.51.100.1', nginx, '203.0.113.7'],
    ['behind the trusted proxy', '127.0.0.1', '203.0.113.7', nginx, '203.0.113.7'],
    ['behind it, IPv4-mapped', '::ffff:127.0.0.1', '203.0.113.7', nginx, '203.0.113.7'],
    [
      'a forged chain: only the proxy’s own entry counts',
      '127.0.0.1',
      '10.9.9.9, 203.0.113.7',
      nginx,
      '203.0.113.7',
    ],
    ['the proxy without the header', '127.0.0.1', undefined, nginx, '127.0.0.1'],
    ['no proxy trusted', '127.0.0.1', '203.0.113.7', new Set<string>(), '127.0.0.1'],
    ['no socket (in-process)', undefined, '203.0.113.7', nginx, 'unknown'],
  ])('%s', (_, peer, forwarded, trusted, expected) => {
    expect(sourceAddress(peer, forwarded, trusted)).toBe(expected)
  })
})
