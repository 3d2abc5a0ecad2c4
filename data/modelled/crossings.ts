// Modelled crossings at every border post and flow point: a pure, seeded generator of hourly in/out
// counts calibrated on published figures (data/modelled/calibration/). Any hour's value depends only on
// the site, the direction and the hour, so top-ups extend a series exactly as a full run would.
import { COUNT_DIRECTIONS, type CountDirection } from '../../db/vocabulary.ts'
import { DESERT_COUNTRIES, FLOW_POINTS, GENERIC, type SiteCalibration } from './calibration/levels.ts'
import { POSTS } from './calibration/posts.ts'
import { DIURNAL, NATIONALITIES_2025, SEASONALITY, UTC_OFFSET, WEEKDAY } from './calibration/shapes.ts'
import { CONVOYS, SURGES, type SurgeDefinition, type SurgeShape } from './calibration/surges.ts'
import { Draws, unitFor } from './random.ts'

/** Bump it to change every modelled value at once. */
const SEED = 'crosswatch-crossings-v1'
export const HOUR_MS = 3_600_000
export const DAY_MS = 24 * HOUR_MS

/** A border post or a flow point as read from the database. */
export interface Site {
  id: string
  name: string
  country: string
  /** Posts: land, sea or air; flow points: fmp or hub. */
  kind: string
  type: 'post' | 'flow_point'
}

export interface SiteModel {
  site: Site
  /** Which calibration the site uses: a post id, `fp:<key>` or `generic:<kind>`. */
  key: string
  calibration: SiteCalibration
  directions: CountDirection[]
  surges: { surge: SurgeDefinition; direction: CountDirection; lagHours: number }[]
  convoy?: { direction: CountDirection; lagHours: number }
  /** Divides the level so that surges are part of the yearly total, not on top of it. */
  norm: Record<CountDirection, number>
}

export interface Breakdown {
  nationality: Record<string, number>
}

const plain = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()

/** The FLOW_POINTS key a flow point matches: its id `fp-<key>[-…]` or a word of its name. */
function flowPointKey(site: Site): string | undefined {
  if (site.type !== 'flow_point') return undefined
  const words = ` ${plain(site.name).replace(/[^a-z0-9]+/g, ' ')} `
  return Object.keys(FLOW_POINTS).find(
    (key) => site.id === `fp-${key}` || site.id.startsWith(`fp-${key}-`) || words.includes(` ${key} `),
  )
}

function calibrationFor(site: Site): { key: string; calibration: SiteCalibration } {
  const post = site.type === 'post' ? POSTS[site.id] : undefined
  if (post) return { key: site.id, calibration: post }
  const fp = flowPointKey(site)
  if (fp) return { key: `fp:${fp}`, calibration: FLOW_POINTS[fp] as SiteCalibration }
  const kind =
    site.kind === 'sea'
      ? 'sea'
      : site.kind === 'air'
        ? 'air'
        : DESERT_COUNTRIES.has(site.country)
          ? 'desert'
          : 'land'
  return { key: `generic:${kind}`, calibration: GENERIC[kind] }
}

const matchesSurgeSite = (site: Site, ref: string) => ref === site.id || ref === flowPointKey(site)

export function modelSite(site: Site): SiteModel {
  const { key, calibration } = calibrationFor(site)
  const directions = COUNT_DIRECTIONS.filter((d) => (calibration[d]?.perYear ?? 0) > 0)
  const surges = SURGES.flatMap((surge) =>
    surge.sites
      .filter((s) => matchesSurgeSite(site, s.site))
      .map((s) => ({ surge, direction: s.direction, lagHours: s.lagHours })),
  )
  const convoySite = CONVOYS.sites.find((s) => s.id === site.id)
  const norm = { in: 1, out: 1 }
  for (const { surge, direction } of surges) if (!surge.target) norm[direction] += surgeExtra(surge)
  return {
    site,
    key,
    calibration,
    directions:
      convoySite && !directions.includes(convoySite.direction)
        ? [...directions, convoySite.direction]
        : directions,
    surges,
    ...(convoySite ? { convoy: { direction: convoySite.direction, lagHours: convoySite.lagHours } } : {}),
    norm,
  }
}

// ——— Surges ———

function shapeAt(shape: SurgeShape, x: number, peak: number): number {
  if (shape === 'plateau') return peak
  if (shape === 'bump') return 1 + (peak - 1) * Math.sin(Math.PI * x) ** 2
  return 1 + (peak - 1) * Math.min(1, 3 * x, 3 * (1 - x)) // a third up, a third held, a third down
}

/** The surge's mean extra share of a year: (mean factor − 1) × duration / block. */
function surgeExtra(surge: SurgeDefinition): number {
  const meanShape =
    surge.shape === 'plateau'
      ? surge.peak
      : surge.shape === 'bump'
        ? 1 + (surge.peak - 1) / 2
        : 1 + ((surge.peak - 1) * 2) / 3
  return ((meanShape - 1) * surge.durationDays) / surge.blockDays
}

/** First day (days since 1970-01-01 UTC) of the surge in the given block. */
function surgeStartDay(surge: SurgeDefinition, block: number): number {
  const slack = surge.blockDays - surge.durationDays
  return block * surge.blockDays + Math.floor(unitFor(`${SEED}:${surge.id}:${block}`) * slack)
}

/** Multiplier of a surge at an instant (ms) for a site it reaches `lagHours` after its start. */
export function surgeFactor(surge: SurgeDefinition, lagHours: number, ms: number): number {
  const day = (ms - lagHours * HOUR_MS) / DAY_MS
  const start = surgeStartDay(surge, Math.floor(day / surge.blockDays))
  const x = (day - start) / surge.durationDays
  return x >= 0 && x < 1 ? shapeAt(surge.shape, x, surge.peak) : 1
}

export interface SurgeWindow {
  surge: SurgeDefinition
  start: Date
  end: Date
}

/** The surges that start in [from, to), at their origin (lag 0). */
export function surgeWindows(from: Date, to: Date): SurgeWindow[] {
  const windows: SurgeWindow[] = []
  for (const surge of SURGES) {
    const first = Math.floor(from.getTime() / DAY_MS / surge.blockDays) - 1
    const last = Math.floor(to.getTime() / DAY_MS / surge.blockDays)
    for (let block = first; block <= last; block++) {
      const start = surgeStartDay(surge, block) * DAY_MS
      if (start >= from.getTime() && start < to.getTime()) {
        windows.push({ surge, start: new Date(start), end: new Date(start + surge.durationDays * DAY_MS) })
      }
    }
  }
  return windows.sort((a, b) => a.start.getTime() - b.start.getTime())
}

// ——— Expected rate ———

const meanOf = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length

/** The monthly index interpolated between mid-months, so the level has no steps at month ends. */
function seasonAt(index: readonly number[], local: Date): number {
  const daysInMonth = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 0)).getUTCDate()
  const dayFraction = (local.getUTCDate() - 1 + local.getUTCHours() / 24) / daysInMonth
  const x = local.getUTCMonth() + dayFraction - 0.5
  const i = Math.floor(x)
  const w = x - i
  return (index[(i + 12) % 12] ?? 1) * (1 - w) + (index[(i + 13) % 12] ?? 1) * w
}

/** Expected crossings in the hour starting at `hour` (hours since 1970), convoys excluded. */
export function expectedPerHour(model: SiteModel, direction: CountDirection, hour: number): number {
  const level = model.calibration[direction]
  if (!level) return 0
  const { profile } = model.calibration
  const ms = hour * HOUR_MS
  const local = new Date(ms + (UTC_OFFSET[model.site.country] ?? 0) * HOUR_MS)
  const diurnal = DIURNAL[profile]
  let rate =
    (level.perYear / 8760 / model.norm[direction]) *
    seasonAt(SEASONALITY[profile], local) *
    (WEEKDAY[profile][(local.getUTCDay() + 6) % 7] ?? 1) *
    ((diurnal[local.getUTCHours()] ?? 1) / meanOf(diurnal))
  for (const s of model.surges) {
    if (s.direction === direction && !s.surge.target) rate *= surgeFactor(s.surge, s.lagHours, ms)
  }
  return rate
}

// ——— Deportation convoys ———

const convoyWave = SURGES.find((s) => s.target === 'convoys')
const convoyNorm = 1 + (convoyWave ? surgeExtra(convoyWave) : 0)

export interface Convoy {
  day: number
  size: number
  official: boolean
  /** UTC hours of the day the people arrive in. */
  hours: number[]
}

/** The convoy reaching Assamaka on a day (days since 1970, UTC), if any: the same for every site. */
export function convoyOn(day: number): Convoy | undefined {
  const draws = new Draws(`${SEED}:${CONVOYS.id}:${day}`)
  const wave = convoyWave ? surgeFactor(convoyWave, 0, day * DAY_MS + 12 * HOUR_MS) : 1
  const chance = (CONVOYS.perYear / CONVOYS.meanSize / 365 / convoyNorm) * wave
  if (draws.unit() >= chance) return undefined
  const size = Math.max(50, Math.round(draws.gamma(4, CONVOYS.meanSize / 4)))
  const official = draws.unit() < CONVOYS.officialShare
  // Official convoys drive into Assamaka by day; people left at Point Zero walk in at nightfall.
  const first = official ? 8 + Math.floor(draws.unit() * 4) : 17 + Math.floor(draws.unit() * 3)
  const length = official ? 3 : 4
  return { day, size, official, hours: Array.from({ length }, (_, i) => first + i) }
}

function convoyPeople(model: SiteModel, direction: CountDirection, hour: number): number {
  if (model.convoy?.direction !== direction) return 0
  const h = hour - model.convoy.lagHours
  const convoy = convoyOn(Math.floor(h / 24))
  const at = convoy?.hours.indexOf(((h % 24) + 24) % 24) ?? -1
  if (!convoy || at < 0) return 0
  const share = Math.floor(convoy.size / convoy.hours.length)
  return at === 0 ? convoy.size - share * (convoy.hours.length - 1) : share
}

// ——— Values ———

const nationalityWeights = NATIONALITIES_2025.map(([, share]) => share)
const hasNationalities = (model: SiteModel, direction: CountDirection) =>
  direction === 'in' && model.calibration.profile === 'sea-arrival'

/** The modelled count for one hour: people arrive in groups (boats, trucks) of random size. */
export function hourlyValue(
  model: SiteModel,
  direction: CountDirection,
  hour: number,
): { count: number; breakdown: Breakdown | null } {
  const draws = new Draws(`${SEED}:${model.site.id}:${direction}:${hour}`)
  const groupSize = model.calibration[direction]?.groupSize ?? 1
  const mean = expectedPerHour(model, direction, hour)
  const nationality: Record<string, number> | null = hasNationalities(model, direction) ? {} : null
  let count = 0
  if (groupSize <= 1) count = draws.poisson(mean)
  else {
    const groups = draws.poisson(mean / groupSize)
    for (let i = 0; i < groups; i++) {
      const size = Math.max(1, Math.round(draws.gamma(2, groupSize / 2)))
      count += size
      if (nationality) {
        // A boat's passengers are counted under one declared nationality: boats are largely one group.
        const code = NATIONALITIES_2025[draws.pick(nationalityWeights)]?.[0] ?? 'other'
        nationality[code] = (nationality[code] ?? 0) + size
      }
    }
  }
  count += convoyPeople(model, direction, hour)
  return { count, breakdown: nationality && count > 0 ? { nationality } : null }
}
