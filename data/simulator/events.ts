// The simulator's events, pure and deterministic: a seed gives the same sequence of sites, types and
// places on every run (counts also follow the clock). Counts are the running total of the current hour at a real post or flow point, taken from the
// modelled hourly series (data/modelled/crossings.ts); reports are drawn like the IOM Missing Migrants
// Project incidents on the route, at real places (near posts and towns, on the sea corridors).
import type { Position } from 'geojson'
import type { CountDirection } from '../../db/vocabulary.ts'
import type { CountItem } from '../../server/crossings.ts'
import type { ReportInput, ReportType } from '../../server/review/report.ts'
import { HOUR_MS, hourlyValue, modelSite, type SiteModel } from '../modelled/crossings.ts'
import { Draws } from '../modelled/random.ts'
import type { PlacedSite, SeaCorridor, World } from './world.ts'

/** The body of a report as sent (numbers and ISO text, as JSON carries them). */
export type ReportBody = Omit<ReportInput, 'severity' | 'photo' | 'accuracyM'> & { accuracyM: number }

export type SimEvent = { kind: 'count'; count: CountItem } | { kind: 'report'; report: ReportBody }

/**
 * How reports are drawn, one kind per group of MMP causes. Weights: the share of each group among the
 * 4,416 MMP records on the route in the seeded database (cause matched by keyword: drowning/boat 41.6 %,
 * sickness 17.1 %, vehicle accidents and unknown causes 22.5 %, violence 10.7 %, harsh conditions 8.1 %).
 * Tolls are log-normal around the group's median (dead + missing: sea 4, land 1–2), as in those records.
 */
export const REPORT_KINDS: readonly {
  type: ReportType
  weight: number
  at: 'sea' | 'land'
  what: string
  /** Median and spread (log-normal sigma) of the people lost; survivors likewise. */
  lost: [median: number, sigma: number]
  survivors: [median: number, sigma: number]
  /** Share of the lost who are missing rather than found dead. */
  missingShare: number
}[] = [
  {
    type: 'shipwreck',
    weight: 41.6,
    at: 'sea',
    what: 'boat in distress, people in the water',
    lost: [4, 1.3],
    survivors: [25, 1],
    missingShare: 0.7,
  },
  {
    type: 'medical_emergency',
    weight: 17.1,
    at: 'land',
    what: 'sick people without access to care',
    lost: [1, 0.5],
    survivors: [6, 0.8],
    missingShare: 0,
  },
  {
    type: 'death_or_disappearance',
    weight: 22.5,
    at: 'land',
    what: 'deaths after a vehicle accident on the track',
    lost: [2, 0.8],
    survivors: [8, 0.8],
    missingShare: 0.1,
  },
  {
    type: 'violence_or_abuse',
    weight: 10.7,
    at: 'land',
    what: 'people attacked on the route',
    lost: [1, 0.7],
    survivors: [5, 0.8],
    missingShare: 0.1,
  },
  {
    type: 'stranded_group',
    weight: 8.1,
    at: 'land',
    what: 'group stranded without water',
    lost: [3, 0.9],
    survivors: [15, 0.8],
    missingShare: 0.3,
  },
]

/** Sites that land reports are placed near: land posts, flow points and transit towns (not ports or airports). */
const onLand = (s: PlacedSite) => s.kind === 'land' || s.kind === 'fmp' || s.kind === 'hub'

export interface EventOptions {
  /** Share of events that are reports; the rest are counts. @default 0.1 */
  reportShare?: number
}

export class EventStream {
  private readonly keys: { model: SiteModel; direction: CountDirection }[]
  private readonly landSites: PlacedSite[]
  private readonly corridorWeights: number[]
  private readonly reportShare: number
  private countIndex = 0
  /** One stream for the run: seeds that differ in a character give correlated first draws. */
  private readonly draws: Draws

  constructor(
    private readonly world: World,
    seed: string,
    options: EventOptions = {},
  ) {
    this.reportShare = options.reportShare ?? 0.1
    const keys = world.sites.flatMap((site) => {
      const model = modelSite(site)
      return model.directions.map((direction) => ({ model, direction }))
    })
    // Counts visit every site and direction in turn, in an order drawn from the seed.
    const draws = new Draws(`${seed}:order`)
    for (let i = keys.length - 1; i > 0; i--) {
      const j = Math.floor(draws.unit() * (i + 1))
      ;[keys[i], keys[j]] = [keys[j] as (typeof keys)[number], keys[i] as (typeof keys)[number]]
    }
    this.keys = keys
    this.landSites = world.sites.filter(onLand)
    this.corridorWeights = world.seaCorridors.map((c) => lineLength(c.line))
    this.draws = new Draws(`${seed}:events`)
  }

  /** The next event, for the instant `now`. */
  next(now: Date): SimEvent {
    const draws = this.draws
    const wantReport = draws.unit() < this.reportShare
    if ((wantReport && (this.landSites.length || this.world.seaCorridors.length)) || !this.keys.length)
      return { kind: 'report', report: this.report(draws, now) }
    const key = this.keys[this.countIndex++ % this.keys.length] as (typeof this.keys)[number]
    return { kind: 'count', count: liveCount(key.model, key.direction, now) }
  }

  private report(draws: Draws, now: Date): ReportBody {
    const kinds = REPORT_KINDS.filter((k) =>
      k.at === 'sea' ? this.world.seaCorridors.length > 0 : this.landSites.length > 0,
    )
    const kind = kinds[draws.pick(kinds.map((k) => k.weight))] as (typeof REPORT_KINDS)[number]
    let where: string
    let place: [number, number]
    if (kind.at === 'sea') {
      const corridor = this.world.seaCorridors[draws.pick(this.corridorWeights)] as SeaCorridor
      place = jitter(draws, pointAlong(corridor.line, 0.1 + 0.8 * draws.unit()), 0.05)
      where = `at sea on the ${corridor.name} crossing`
    } else {
      const site = this.landSites[Math.floor(draws.unit() * this.landSites.length)] as PlacedSite
      place = jitter(draws, [site.lon, site.lat], 0.1)
      where = `near ${site.name}`
    }
    const lost = logNormal(draws, ...kind.lost)
    const missing = Math.round(lost * kind.missingShare)
    const survivors = logNormal(draws, ...kind.survivors)
    const people = lost + survivors
    const children = Math.round(people * 0.05 * draws.unit() * 2)
    const injured = kind.type === 'shipwreck' ? 0 : Math.round(survivors * 0.3 * draws.unit())
    // Reported within the last six hours, to the minute.
    const occurred = Math.floor((now.getTime() - draws.unit() * 6 * HOUR_MS) / 60_000) * 60_000
    return {
      type: kind.type,
      occurredAt: new Date(occurred).toISOString(),
      location: { type: 'Point', coordinates: place },
      accuracyM: Math.round(10 ** (1 + 2.5 * draws.unit())),
      counts: { dead: lost - missing, missing, injured, survivors, children: Math.min(children, people) },
      description: `SIMULATED report (npm run simulate), not a real event: ${kind.what} ${where}.`,
    }
  }
}

/**
 * The count so far of the hour `now` falls in: the modelled hour's count, prorated by the minutes gone
 * (so it grows through the hour and starts again at the next), with its nationality breakdown likewise.
 */
export function liveCount(model: SiteModel, direction: CountDirection, now: Date): CountItem {
  const hour = Math.floor(now.getTime() / HOUR_MS)
  const share = (now.getTime() - hour * HOUR_MS) / HOUR_MS
  const { count, breakdown } = hourlyValue(model, direction, hour)
  const item: CountItem = {
    site: model.site.id,
    periodStart: new Date(hour * HOUR_MS).toISOString(),
    period: 'hour',
    direction,
    count: Math.floor(count * share),
  }
  if (breakdown) {
    const nationality = Object.fromEntries(
      Object.entries(breakdown.nationality)
        .map(([code, n]) => [code, Math.floor(n * share)] as const)
        .filter(([code, n]) => n > 0 && /^[A-Z]{3}$/.test(code)),
    )
    if (Object.keys(nationality).length) item.breakdown = { nationality }
  }
  return item
}

function logNormal(draws: Draws, median: number, sigma: number): number {
  return Math.max(median >= 1 ? 1 : 0, Math.round(median * Math.exp(sigma * draws.normal())))
}

function jitter(draws: Draws, [lon, lat]: [number, number], degrees: number): [number, number] {
  const round = (v: number) => Math.round(v * 1e5) / 1e5
  return [round(lon + (draws.unit() * 2 - 1) * degrees), round(lat + (draws.unit() * 2 - 1) * degrees)]
}

const segment = (a: Position, b: Position) => Math.hypot((b[0] ?? 0) - (a[0] ?? 0), (b[1] ?? 0) - (a[1] ?? 0))

function lineLength(line: Position[]): number {
  let total = 0
  for (let i = 1; i < line.length; i++) total += segment(line[i - 1] as Position, line[i] as Position)
  return total
}

/** The point at `fraction` of the line's length (in degrees: the corridors are short enough). */
function pointAlong(line: Position[], fraction: number): [number, number] {
  let left = lineLength(line) * fraction
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1] as Position
    const b = line[i] as Position
    const d = segment(a, b)
    if (left <= d && d > 0) {
      const t = left / d
      return [(a[0] ?? 0) + ((b[0] ?? 0) - (a[0] ?? 0)) * t, (a[1] ?? 0) + ((b[1] ?? 0) - (a[1] ?? 0)) * t]
    }
    left -= d
  }
  const last = line.at(-1) ?? [0, 0]
  return [last[0] ?? 0, last[1] ?? 0]
}
