import { describe, expect, it } from 'vitest'
import { MAX_RECONNECT_MS, reconnectDelay } from './reconnect.ts'

describe('reconnectDelay', () => {
  it.each([
    [0, 2_000],
    [1, 2_000],
    [2, 4_000],
    [3, 8_000],
    [4, 16_000],
    [5, MAX_RECONNECT_MS],
    [50, MAX_RECONNECT_MS],
  ])('after %i failures: %i ms', (failures, ms) => {
    expect(reconnectDelay(failures)).toBe(ms)
  })
})
