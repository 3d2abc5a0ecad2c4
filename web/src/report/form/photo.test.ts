import { describe, expect, it } from 'vitest'
import { dataUrlBytes, fitWithin } from './photo.ts'

describe('fitWithin: the longest side at most 1600 px, never enlarged', () => {
  it.each([
    [4032, 3024, { width: 1600, height: 1200 }],
    [3024, 4032, { width: 1200, height: 1600 }],
    [1600, 900, { width: 1600, height: 900 }],
    [800, 600, { width: 800, height: 600 }],
    [10000, 10, { width: 1600, height: 2 }],
    [0, 0, { width: 1, height: 1 }],
  ])('%i×%i → %j', (w, h, size) => {
    expect(fitWithin(w, h)).toEqual(size)
  })
})

describe('dataUrlBytes', () => {
  it.each([
    ['data:image/jpeg;base64,', 0],
    ['data:image/jpeg;base64,QQ==', 1],
    ['data:image/jpeg;base64,QUI=', 2],
    ['data:image/jpeg;base64,QUJD', 3],
    [`data:image/jpeg;base64,${Buffer.alloc(5000).toString('base64')}`, 5000],
  ])('%s… holds %i bytes', (url, bytes) => {
    expect(dataUrlBytes(url)).toBe(bytes)
  })
})
