import { describe, expect, it } from 'vitest'
import { parseBbox, queryParams } from '../../../server/http/params.ts'
import { Problem } from '../../../server/http/problem.ts'

describe('parseBbox', () => {
  it.each([
    ['5,18,7,20', [5, 18, 7, 20]],
    ['-10,10,25,40', [-10, 10, 25, 40]],
    [' 5 , 18 , 7 , 20 ', [5, 18, 7, 20]],
    ['-180,-90,180,90', [-180, -90, 180, 90]],
    ['1.5,2.25,1.5,2.25', [1.5, 2.25, 1.5, 2.25]],
  ])('accepts %s', (input, expected) => {
    expect(parseBbox(input)).toEqual(expected)
  })

  it.each([
    ['abc', 'four numbers'],
    ['', 'four numbers'],
    ['1,2,3', 'four numbers'],
    ['1,2,3,4,5', 'four numbers'],
    ['1,2,x,4', 'finite'],
    ['1,,3,4', 'finite'],
    ['1,2,Infinity,4', 'finite'],
    ['-181,0,0,1', 'longitudes'],
    ['0,0,181,1', 'longitudes'],
    ['0,-91,1,1', 'latitudes'],
    ['10,0,5,1', 'minLon is greater'],
    ['0,10,1,5', 'minLat is greater'],
  ])('rejects %j, naming bbox', (input, reason) => {
    const error = (() => {
      try {
        parseBbox(input)
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(Problem)
    expect((error as Problem).status).toBe(400)
    expect((error as Problem).invalidParams[0]?.name).toBe('bbox')
    expect((error as Problem).invalidParams[0]?.reason).toContain(reason)
  })

  it('returns undefined when absent', () => {
    expect(parseBbox(undefined)).toBeUndefined()
  })
})

describe('queryParams', () => {
  const url = (q: string) => `http://x/api/layers/border-posts${q}`
  it('keeps known parameters', () => {
    expect(queryParams(url('?bbox=1,2,3,4'), ['bbox'])).toEqual({ bbox: '1,2,3,4' })
    expect(queryParams(url(''), ['bbox'])).toEqual({})
  })
  it.each([
    ['?bbx=1', 'bbx', 'unknown parameter'],
    ['?bbox=1&bbox=2', 'bbox', 'more than once'],
  ])('rejects %s', (query, name, reason) => {
    expect(() => queryParams(url(query), ['bbox'])).toThrow(reason)
    try {
      queryParams(url(query), ['bbox'])
    } catch (e) {
      expect((e as Problem).invalidParams[0]?.name).toBe(name)
    }
  })
})
