import { describe, expect, it } from 'vitest'
import { isObject } from './is-object.ts'

describe('isObject', () => {
  it.each([
    [{}, true],
    [{ type: 'incident.created' }, true],
    [[], false],
    [[{ id: 1 }], false],
    [null, false],
    [undefined, false],
    ['{}', false],
    [1, false],
  ])('%j is %s', (value, expected) => {
    expect(isObject(value)).toBe(expected)
  })
})
