import { describe, expect, it } from 'vitest'
import { DISPLACEMENT_EVENTS } from '../../../data/modelled/calibration/displacement.ts'
import {
  type Area,
  areaLevels,
  dayOf,
  displacementEvent,
  displacementModel,
  displacementOn,
  displacementRows,
} from '../../../data/modelled/displacement.ts'

const area = (
  id: string,
  name: string,
  pcode: string | null,
  country = id.slice(0, 2).toUpperCase(),
): Area => ({
  id,
  name,
  pcode,
  country,
})

// Burkina Faso by province (as the map has it), Mali's nine older regions (no Ménaka), Niger, Chad,
// Libya without a Derna district, and countries with no internal displacement.
const areas: Area[] = [
  area('bf-soum', 'Soum', 'BF5603'),
  area('bf-seno', 'Séno', 'BF5602'),
  area('bf-oudalan', 'Oudalan', 'BF5601'),
  area('bf-yagha', 'Yagha', 'BF5604'),
  area('bf-sanmatenga', 'Sanmatenga', 'BF4903'),
  area('bf-bam', 'Bam', 'BF4901'),
  area('bf-kadiogo', 'Kadiogo', 'BF1300'),
  ...['Kayes', 'Koulikoro', 'Sikasso', 'Ségou', 'Mopti', 'Timbuktu', 'Gao', 'Kidal', 'Bamako'].map(
    (name, i) => area(`ml-${name.toLowerCase()}`, name, `ML0${i + 1}`),
  ),
  area('ne-tillaberi', 'Tillabéri', 'NE006'),
  area('ne-diffa', 'Diffa', 'NE002'),
  area('ne-agadez', 'Agadez', 'NE001'),
  area('td-lac', 'Lac', 'TCD07'),
  area('td-ouaddai', 'Ouaddaï', 'TCD14'),
  area('td-tibesti', 'Tibesti', 'TCD22'),
  area('ly-al-qubbah', 'Al Qubbah', null),
  area('ly-benghazi', 'Benghazi', 'LY0103'),
  area('ly-sabha', 'Sabha', null),
  area('it-sicily', 'Sicily', null),
  area('tn-sfax', 'Sfax', null),
  area('dz-tamanghasset', 'Tamanghasset', null),
  area('sn-dakar', 'Dakar', null),
  area('mr-trarza', 'Trarza', 'MR06'),
  area('mt-malta', 'Malta', null),
]
const towns: Record<string, string> = { 'ML:Ménaka': 'ml-gao', 'LY:Darnah': 'ly-al-qubbah' }
const levels = areaLevels(areas, (country, town) => towns[`${country}:${town}`])
const level = (id: string) => levels.find((l) => l.area.id === id)
const model = displacementModel(levels)

describe('modelled displacement: placing the published figures', () => {
  it('splits a Burkina Faso region over its provinces, those CONASUR names first', () => {
    const bf = 2_062_534
    expect(level('bf-soum')?.idp).toBe(Math.round((bf * 14.47) / 100))
    expect(level('bf-seno')?.idp).toBe(Math.round((bf * 5.45) / 100))
    const sahel = ['bf-soum', 'bf-seno', 'bf-oudalan', 'bf-yagha'].reduce(
      (s, id) => s + (level(id)?.idp ?? 0),
      0,
    )
    expect(Math.abs(sahel - (bf * 24.3) / 100)).toBeLessThanOrEqual(2)
    expect(level('bf-oudalan')?.idp).toBe(level('bf-yagha')?.idp)
    expect(level('bf-kadiogo')?.idp).toBe(Math.round((bf * 2.9) / 100))
  })

  it('puts Ménaka where the map holds Ménaka town and spreads Mali’s remainder over the other regions', () => {
    expect(level('ml-gao')?.idp).toBe(74_216 + 54_021)
    expect(level('ml-mopti')?.idp).toBe(65_240)
    const others = levels.filter(
      (l) => l.area.country === 'ML' && !['ml-gao', 'ml-mopti'].includes(l.area.id),
    )
    expect(others).toHaveLength(7)
    expect(others.reduce((s, l) => s + (l.idp ?? 0), 0)).toBeCloseTo(378_363 - 74_216 - 65_240 - 54_021, -1)
  })

  it('gives people in sites only where a figure says so, and returnees only where published', () => {
    expect(level('td-lac')).toMatchObject({ idp: 225_689, returnees: 51_375, sitesShare: 0.74 })
    expect(level('ne-diffa')?.sitesShare).toBe(0.8)
    expect(level('ne-tillaberi')?.sitesShare).toBeNull()
    expect(level('td-ouaddai')).toMatchObject({ idp: null, returnees: Math.round(344_399 * 0.6) })
    expect(level('td-tibesti')).toBeUndefined()
    expect(level('ne-agadez')).toBeUndefined()
    expect(level('ly-al-qubbah')?.idp).toBe(40_018 + Math.round(143_419 / 3))
  })

  it('invents no displacement in Italy, Malta, Tunisia, Algeria, Senegal or Mauritania', () => {
    for (const country of ['IT', 'MT', 'TN', 'DZ', 'SN', 'MR']) {
      expect(levels.filter((l) => l.area.country === country)).toEqual([])
    }
  })
})

describe('modelled displacement: daily series', () => {
  const today = dayOf(new Date('2026-11-23T12:00:00Z'))

  it('is deterministic and the same whether asked in one range or two', () => {
    const whole = [...displacementRows(model, () => today - 90, today)]
    const first = [...displacementRows(model, () => today - 90, today - 41)]
    const second = [...displacementRows(model, () => today - 40, today)]
    const byKey = (rows: typeof whole) => new Map(rows.map((r) => [`${r.areaId}:${r.date}`, r]))
    expect(byKey([...first, ...second])).toEqual(byKey(whole))
    expect(whole).toHaveLength(levels.length * 91)
    expect(whole.at(-1)?.date).toBe('2026-11-23')
    const again = displacementModel(areaLevels(areas, (country, town) => towns[`${country}:${town}`]))
    const lac = level('td-lac')
    expect(lac).toBeDefined()
    if (lac) expect(displacementOn(again, lac, today)).toEqual(displacementOn(model, lac, today))
  })

  it('stays within the drift (1.5 %) and one event of the published national figures every day', () => {
    for (const country of ['BF', 'ML', 'NE', 'TD', 'LY']) {
      const here = levels.filter((l) => l.area.country === country && l.idp !== null)
      const expected = here.reduce((s, l) => s + (l.idp ?? 0), 0)
      const largest = Math.max(...here.map((l) => l.idp ?? 0)) / expected
      const bound = 0.015 + DISPLACEMENT_EVENTS.maxShare * largest + 0.001
      for (let day = today - 365; day <= today; day++) {
        const sum = here.reduce((s, l) => s + (displacementOn(model, l, day).internallyDisplaced ?? 0), 0)
        expect(Math.abs(sum / expected - 1), `${country} day ${day}`).toBeLessThan(bound)
      }
    }
  })

  it('has a displacement event in each 60-day block that lifts an area’s IDPs, then recedes', () => {
    const block = Math.floor(today / DISPLACEMENT_EVENTS.blockDays) - 1
    const event = displacementEvent(model, 'ML', block)
    if (!event) throw new Error('no event')
    const target = levels.find((l) => l.area.id === event.areaId)
    if (!target?.idp) throw new Error('no area')
    const peak =
      displacementOn(model, target, event.startDay + DISPLACEMENT_EVENTS.riseDays - 1).internallyDisplaced ??
      0
    const before = displacementOn(model, target, event.startDay - 1).internallyDisplaced ?? 0
    const after = displacementOn(model, target, event.startDay + 50).internallyDisplaced ?? 0
    expect(peak - before).toBeGreaterThan(target.idp * (DISPLACEMENT_EVENTS.minShare - 0.03))
    expect(Math.abs(after - target.idp)).toBeLessThan(target.idp * 0.02)
  })

  it('keeps people in sites at the published share of the day’s IDPs', () => {
    const lac = level('td-lac')
    if (!lac) throw new Error('no Lac')
    const row = displacementOn(model, lac, today)
    expect(row.peopleInSites).toBe(Math.round((row.internallyDisplaced ?? 0) * 0.74))
  })
})
