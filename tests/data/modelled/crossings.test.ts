import { describe, expect, it } from 'vitest'
import { POSTS } from '../../../data/modelled/calibration/posts.ts'
import { SURGES } from '../../../data/modelled/calibration/surges.ts'
import {
  type CrossingRow,
  crossingRows,
  seriesWindow,
  topUpRows,
} from '../../../data/modelled/crossing-series.ts'
import {
  convoyOn,
  DAY_MS,
  expectedPerHour,
  HOUR_MS,
  hourlyValue,
  modelSite,
  type Site,
  type SiteModel,
  surgeFactor,
  surgeWindows,
} from '../../../data/modelled/crossings.ts'
import type { CountDirection } from '../../../db/vocabulary.ts'

const post = (id: string, kind = 'land'): Site => ({
  id,
  name: id,
  country: id.slice(0, 2).toUpperCase(),
  kind,
  type: 'post',
})
const flowPoint = (id: string, name: string, country = 'NE'): Site => ({
  id,
  name,
  country,
  kind: 'fmp',
  type: 'flow_point',
})

const lampedusa = modelSite(post('it-lampedusa', 'sea'))
const assamaka = modelSite(post('ne-assamaka'))
const koloko = modelSite(post('bf-koloko'))

const at = (iso: string) => new Date(iso)
const hourOf = (iso: string) => at(iso).getTime() / HOUR_MS
const rows = (model: SiteModel, from: string, to: string, hourlyFrom = from) => [
  ...crossingRows(model, at(from), at(to), at(hourlyFrom)),
]
const total = (list: CrossingRow[], direction: CountDirection) =>
  list.filter((r) => r.direction === direction).reduce((sum, r) => sum + r.count, 0)
const strip = (list: CrossingRow[]) =>
  list.map((r) => [
    r.site.id,
    r.direction,
    r.period,
    r.periodStart.toISOString(),
    r.count,
    JSON.stringify(r.breakdown),
  ])

describe('modelled crossings: deterministic', () => {
  it('gives an hour the same value from fresh models, in any order', () => {
    const hours = [0, 5, 17, 4000, 123_456].map((h) => hourOf('2026-10-01T00:00:00Z') + h)
    const first = hours.map((h) => hourlyValue(lampedusa, 'in', h))
    const again = [...hours]
      .reverse()
      .map((h) => hourlyValue(modelSite(post('it-lampedusa', 'sea')), 'in', h))
    expect(again.reverse()).toEqual(first)
  })

  it('gives a range split in two the same rows as the whole, at a day or an hour boundary', () => {
    const whole = rows(assamaka, '2026-09-01T00:00:00Z', '2026-10-01T00:00:00Z', '2026-09-20T00:00:00Z')
    const split = [
      ...rows(assamaka, '2026-09-01T00:00:00Z', '2026-09-10T00:00:00Z', '2026-09-20T00:00:00Z'),
      ...rows(assamaka, '2026-09-10T00:00:00Z', '2026-09-25T07:00:00Z', '2026-09-20T00:00:00Z'),
      ...rows(assamaka, '2026-09-25T07:00:00Z', '2026-10-01T00:00:00Z', '2026-09-20T00:00:00Z'),
    ]
    expect(strip(split)).toEqual(strip(whole))
  })

  it('makes a day row the sum of its 24 hours, breakdowns included, and never covers a period twice', () => {
    const days = rows(lampedusa, '2026-08-01T00:00:00Z', '2026-08-08T00:00:00Z', '2026-08-08T00:00:00Z')
    const hours = rows(lampedusa, '2026-08-01T00:00:00Z', '2026-08-08T00:00:00Z')
    expect(days.every((r) => r.period === 'day')).toBe(true)
    expect(hours.every((r) => r.period === 'hour')).toBe(true)
    expect(days).toHaveLength(7)
    for (const day of days) {
      const own = hours.filter(
        (h) =>
          h.periodStart.getTime() - day.periodStart.getTime() < DAY_MS && h.periodStart >= day.periodStart,
      )
      expect(own).toHaveLength(24)
      expect(total(own, 'in')).toBe(day.count)
      const nationality: Record<string, number> = {}
      for (const h of own)
        for (const [k, n] of Object.entries(h.breakdown?.nationality ?? {}))
          nationality[k] = (nationality[k] ?? 0) + n
      expect(day.breakdown?.nationality ?? {}).toEqual(nationality)
    }
  })

  it('tops a series up from where it ends, hourly for the last 14 days and daily before', () => {
    const window = seriesWindow(at('2026-11-23T20:42:00Z'))
    expect(window.end.toISOString()).toBe('2026-11-23T20:00:00.000Z')
    expect(window.start.toISOString()).toBe('2026-08-25T00:00:00.000Z')
    const fresh = [...topUpRows(koloko, null, window)]
    expect(fresh[0]?.periodStart).toEqual(window.start)
    expect(fresh.filter((r) => r.period === 'day')).toHaveLength(76 * 2)
    expect(fresh.filter((r) => r.period === 'hour')).toHaveLength((14 * 24 + 20) * 2)
    const later = seriesWindow(at('2026-11-24T01:05:00Z'))
    const added = [...topUpRows(koloko, window.end, later)]
    expect(added.map((r) => r.periodStart.toISOString())).toEqual(
      ['20', '21', '22', '23']
        .flatMap((h) => [`2026-11-23T${h}:00:00.000Z`, `2026-11-23T${h}:00:00.000Z`])
        .concat(['2026-11-24T00:00:00.000Z', '2026-11-24T00:00:00.000Z']),
    )
    expect([...topUpRows(koloko, later.end, later)]).toEqual([])
  })
})

describe('modelled crossings: calibrated on the published figures', () => {
  const year2025 = (model: SiteModel) =>
    rows(model, '2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
  const italianPorts = Object.keys(POSTS).filter((id) => id.startsWith('it-'))

  it('sums 2025 at Lampedusa within 10 % of 75 % of 66,296 arrivals', () => {
    expect(Math.abs(total(year2025(lampedusa), 'in') / (0.75 * 66_296) - 1)).toBeLessThan(0.1)
  })

  it('sums July–September 2025 at Lampedusa within 15 % of its Frontex-shaped share of the year', () => {
    // A quarter holds two 45-day surge blocks on average, as the yearly level assumes; a single month
    // may hold a wave or not (±20 %).
    const quarter = total(
      rows(lampedusa, '2025-07-01T00:00:00Z', '2025-10-01T00:00:00Z', '2025-10-01T00:00:00Z'),
      'in',
    )
    const target = (0.75 * 66_296 * (1.47 + 1.76 + 1.6)) / 12
    expect(Math.abs(quarter / target - 1)).toBeLessThan(0.15)
  })

  it('sums 2025 over the Italian ports within 10 % of the Sicilian and Calabrian landings', () => {
    const sum = italianPorts.reduce((s, id) => s + total(year2025(modelSite(post(id, 'sea'))), 'in'), 0)
    const target = 66_296 * (36_162 / 43_580 + 1_846 / 43_580)
    expect(Math.abs(sum / target - 1)).toBeLessThan(0.1)
  })

  it('sums 2023–2025 deportations and other arrivals at Assamaka within 12 % of 3 × (34,236 + 11,200)', () => {
    const sum = total(
      rows(assamaka, '2023-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
      'in',
    )
    expect(Math.abs(sum / (3 * (34_236 + 11_200)) - 1)).toBeLessThan(0.12)
  })

  it('sums 2025 at a DTM-calibrated land post within 5 % each way', () => {
    const year = year2025(koloko)
    expect(Math.abs(total(year, 'out') / 140_600 - 1)).toBeLessThan(0.05)
    expect(Math.abs(total(year, 'in') / 62_600 - 1)).toBeLessThan(0.05)
  })
})

describe('modelled crossings: shapes and surges', () => {
  const meanRate = (model: SiteModel, direction: CountDirection, from: string, to: string) => {
    let sum = 0
    let n = 0
    for (let h = hourOf(from); h < hourOf(to); h++, n++) sum += expectedPerHour(model, direction, h)
    return sum / n
  }

  it('peaks sea arrivals in summer and keeps desert crossings lower in August than in December', () => {
    const summer = meanRate(lampedusa, 'in', '2025-07-01T00:00:00Z', '2025-10-01T00:00:00Z')
    const winter = meanRate(lampedusa, 'in', '2025-01-01T00:00:00Z', '2025-03-01T00:00:00Z')
    expect(summer / winter).toBeGreaterThan(3)
    const madama = modelSite(post('ne-madama'))
    expect(meanRate(madama, 'in', '2025-08-10T00:00:00Z', '2025-08-20T00:00:00Z')).toBeLessThan(
      meanRate(madama, 'in', '2025-12-10T00:00:00Z', '2025-12-20T00:00:00Z'),
    )
  })

  it('has weekday effects and a daily cycle: land posts by day, boats landing at night and in the morning', () => {
    // Monday 2025-03-10 vs Friday 2025-03-14, same local hour, no surge at Koloko.
    const monday = expectedPerHour(koloko, 'out', hourOf('2025-03-10T10:00:00Z'))
    const friday = expectedPerHour(koloko, 'out', hourOf('2025-03-14T10:00:00Z'))
    expect(friday / monday).toBeCloseTo(0.9 / 1.05, 1)
    expect(expectedPerHour(koloko, 'out', hourOf('2025-03-10T03:00:00Z'))).toBeLessThan(monday / 10)
    const night = meanRate(lampedusa, 'in', '2025-06-02T02:00:00Z', '2025-06-02T06:00:00Z')
    const afternoon = meanRate(lampedusa, 'in', '2025-06-02T13:00:00Z', '2025-06-02T17:00:00Z')
    expect(night / afternoon).toBeGreaterThan(3)
  })

  it('places every surge at least once in any 90-day window', () => {
    for (let i = 0; i < 60; i++) {
      const end = at('2025-01-01T00:00:00Z').getTime() + i * 13 * DAY_MS
      const window = surgeWindows(new Date(end - 90 * DAY_MS), new Date(end))
      for (const surge of SURGES) {
        const inside = window.filter((w) => w.surge.id === surge.id && w.end.getTime() <= end)
        expect(inside.length, `${surge.id} before ${new Date(end).toISOString()}`).toBeGreaterThan(0)
      }
    }
  })

  it('gives a surge detector real signal: a Lampedusa wave day far above the window’s median day', () => {
    const window = seriesWindow(at('2026-11-23T12:00:00Z'))
    const wave = surgeWindows(window.start, window.end).find((w) => w.surge.id === 'lampedusa-wave')
    expect(wave).toBeDefined()
    const days = rows(
      lampedusa,
      window.start.toISOString(),
      window.end.toISOString(),
      window.end.toISOString(),
    )
      .filter((r) => r.period === 'day')
      .map((r) => r.count)
    const median = [...days].sort((a, b) => a - b)[Math.floor(days.length / 2)] ?? 0
    const peak = new Date((wave?.start.getTime() ?? 0) + 1.5 * DAY_MS)
    const peakDay = rows(
      lampedusa,
      new Date(Math.floor(peak.getTime() / DAY_MS) * DAY_MS).toISOString(),
      new Date(Math.floor(peak.getTime() / DAY_MS) * DAY_MS + DAY_MS).toISOString(),
      '2100-01-01T00:00:00Z',
    )
    expect(total(peakDay, 'in')).toBeGreaterThan(3 * median)
  })

  it('raises convoys to Assamaka in a deportation wave and the rate through Agadez in a rise', () => {
    const waveDef = SURGES.find((s) => s.id === 'assamaka-deportation-wave')
    const riseDef = SURGES.find((s) => s.id === 'agadez-rise')
    if (!waveDef || !riseDef) throw new Error('surges missing')
    const from = at('2023-01-01T00:00:00Z').getTime() / DAY_MS
    let inWave = 0
    let inWaveDays = 0
    let outside = 0
    let outsideDays = 0
    for (let day = from; day < from + 3 * 365; day++) {
      const waving = surgeFactor(waveDef, 0, day * DAY_MS + 12 * HOUR_MS) > 1
      const size = convoyOn(day)?.size ?? 0
      if (waving) {
        inWave += size
        inWaveDays++
      } else {
        outside += size
        outsideDays++
      }
    }
    expect(inWave / inWaveDays / (outside / outsideDays)).toBeGreaterThan(1.8)
    const agadez = modelSite(flowPoint('fp-agadez', 'Agadez'))
    const rise = surgeWindows(at('2026-09-01T00:00:00Z'), at('2026-11-01T00:00:00Z')).find(
      (w) => w.surge.id === 'agadez-rise',
    )
    const middle = (rise?.start.getTime() ?? 0) / HOUR_MS + 10.5 * 24
    const weeksBefore = middle - 5 * 7 * 24
    expect(
      expectedPerHour(agadez, 'out', middle) / expectedPerHour(agadez, 'out', weeksBefore),
    ).toBeGreaterThan(1.6)
  })
})

describe('modelled crossings: every site gets a model', () => {
  it('matches flow points by id or name and falls back to a labelled generic level', () => {
    expect(modelSite(flowPoint('fp-kidal', 'Place Kidal', 'ML')).key).toBe('fp:kidal')
    expect(modelSite(flowPoint('fp-fada-ngourma', "Fada N'Gourma", 'BF')).key).toBe('fp:fada')
    expect(modelSite(flowPoint('fp-yendere', 'Yendéré', 'BF')).key).toBe('fp:yendere')
    const unknown = modelSite(flowPoint('fp-nowhere', 'Nowhere', 'LY'))
    expect(unknown.key).toBe('generic:desert')
    expect(unknown.calibration.generic).toBe(true)
    expect(modelSite(post('tn-dehiba')).key).toBe('generic:land')
    expect(modelSite(post('ne-niamey-airport', 'air')).key).toBe('generic:air')
  })

  it('models only the directions a site has: arrivals at Italian ports, both ways at land posts', () => {
    expect(lampedusa.directions).toEqual(['in'])
    expect(koloko.directions).toEqual(['in', 'out'])
  })

  it('labels boat passengers by declared nationality, summing to the count', () => {
    for (const r of rows(lampedusa, '2025-08-01T00:00:00Z', '2025-08-08T00:00:00Z')) {
      const sum = Object.values(r.breakdown?.nationality ?? {}).reduce((a, b) => a + b, 0)
      expect(sum).toBe(r.count)
    }
    expect(
      rows(koloko, '2025-08-01T00:00:00Z', '2025-08-02T00:00:00Z').every((r) => r.breakdown === null),
    ).toBe(true)
  })
})
