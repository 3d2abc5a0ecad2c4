import { describe, expect, it } from 'vitest'
import {
  decodeTowns,
  encodeTowns,
  type GeoNamesCity,
  selectTowns,
  type Town,
  type TownSelection,
} from './towns.ts'

const city = (
  cityId: number,
  name: string,
  lon: number,
  lat: number,
  population: number,
  featureCode = 'PPL',
): GeoNamesCity => ({
  cityId,
  name,
  country: 'LY',
  featureCode,
  population,
  loc: { coordinates: [lon, lat] },
})

const selection: TownSelection = {
  region: [-18, 4, 26, 46],
  minPopulation: 20_000,
  transitTowns: new Map([
    [1, { name: 'Kufra' }],
    [2, {}],
    [3, { hub: true }],
  ]),
  mergeWithinKm: 5,
}

describe('selectTowns', () => {
  it.each([
    ['a big town in the region', city(10, 'Sfax', 10.76, 34.74, 277_278), ['Sfax']],
    ['a small town', city(11, 'Hamlet', 10, 30, 19_999), []],
    ['a town outside the region', city(12, 'Cairo', 31.2, 30, 7_000_000), []],
    ['a small capital', city(13, 'Valletta', 14.51, 35.9, 6_794, 'PPLC'), ['Valletta']],
    ['a small transit town, renamed', city(1, 'Al Jawf', 23.29, 24.2, 17_320), ['Kufra']],
    ['a transit town without population', city(2, 'Arlit', 7.39, 18.74, 0), ['Arlit']],
  ])('%s', (_, input, expected) => {
    expect(selectTowns([input], selection).map((t) => t.name)).toEqual(expected)
  })

  it('merges duplicates a few km apart, keeping the more important', () => {
    const towns = selectTowns(
      [city(20, 'Zawiya', 12.7278, 32.7522, 186_123), city(21, 'Az Zāwīyah', 12.7276, 32.7571, 200_000)],
      selection,
    )
    expect(towns.map((t) => t.name)).toEqual(['Az Zāwīyah'])
  })

  it('keeps towns further apart than the merge distance', () => {
    const towns = selectTowns(
      [city(22, 'Zawiya', 12.73, 32.75, 186_123), city(23, 'Sabratha', 12.49, 32.79, 102_038)],
      selection,
    )
    expect(towns).toHaveLength(2)
  })

  it('orders hubs, then key towns (transit or capital), then the others; each by population', () => {
    const towns = selectTowns(
      [
        city(30, 'Big', 0, 10, 3_000_000),
        city(31, 'Capital', 5, 10, 500_000, 'PPLC'),
        city(2, 'Arlit', 7.39, 18.74, 0),
        city(3, 'Lampedusa', 12.61, 35.5, 4_065),
        city(32, 'Middle', 10, 10, 50_000),
      ],
      selection,
    )
    expect(towns.map((t) => t.name)).toEqual(['Lampedusa', 'Capital', 'Arlit', 'Big', 'Middle'])
  })

  it('rounds coordinates to 4 decimals and flags capitals and transit towns', () => {
    const [town] = selectTowns([city(2, 'Arlit', 7.385281234, 18.736941234, 0)], selection)
    expect(town).toEqual({
      name: 'Arlit',
      country: 'LY',
      lon: 7.3853,
      lat: 18.7369,
      population: 0,
      capital: false,
      transit: true,
    })
  })
})

describe('encodeTowns / decodeTowns', () => {
  it.each<[string, Town]>([
    [
      'an ordinary town',
      {
        name: 'Sfax',
        country: 'TN',
        lon: 10.7603,
        lat: 34.7406,
        population: 277_278,
        capital: false,
        transit: false,
      },
    ],
    [
      'a capital',
      {
        name: 'Valletta',
        country: 'MT',
        lon: 14.5148,
        lat: 35.8997,
        population: 6_794,
        capital: true,
        transit: false,
      },
    ],
    [
      'a transit town',
      {
        name: 'Arlit',
        country: 'NE',
        lon: 7.3853,
        lat: 18.7369,
        population: 0,
        capital: false,
        transit: true,
      },
    ],
    [
      'a capital on the route',
      {
        name: 'Tripoli',
        country: 'LY',
        lon: 13.1873,
        lat: 32.8874,
        population: 1_150_989,
        capital: true,
        transit: true,
      },
    ],
  ])('round-trips %s', (_, town) => {
    expect(decodeTowns(encodeTowns([town]))).toEqual([town])
  })
})
