// Modelled displacement by admin-1 area, one row a day: the published figures of
// calibration/displacement.ts placed on the map's areas, held level with a small weekly drift and recurring
// displacement events. Daily, so the series ends today like the crossings; the figures themselves are
// published monthly at best, which is why the drift is small and smooth. Pure and deterministic.
import { looseName } from '../importers/names.ts'
import { DISPLACEMENT, DISPLACEMENT_EVENTS } from './calibration/displacement.ts'
import { Draws, unitFor } from './random.ts'

const SEED = 'crosswatch-displacement-v1'
const DAY_MS = 86_400_000

export interface Area {
  id: string
  name: string
  pcode: string | null
  country: string
}

export interface AreaLevel {
  area: Area
  idp: number | null
  returnees: number | null
  /** Share of the internally displaced living in sites, where a figure says so. */
  sitesShare: number | null
}

export interface DisplacementRow {
  areaId: string
  /** YYYY-MM-DD */
  date: string
  internallyDisplaced: number | null
  returnees: number | null
  peopleInSites: number | null
}

/** Finds the id of the area of a country nearest a town (a spatial query, done by the caller). */
export type Locate = (country: string, town: string) => string | undefined

interface Tally {
  idp: number
  returnees: number
  inSites: number
  hasIdp: boolean
  hasReturnees: boolean
  hasSites: boolean
}

/** Places the published figures on the areas present: by P-code, else by name, else nearest the town. */
export function areaLevels(areas: readonly Area[], locate: Locate): AreaLevel[] {
  const levels: AreaLevel[] = []
  for (const country of DISPLACEMENT) {
    const here = areas.filter((a) => a.country === country.country).sort((a, b) => a.id.localeCompare(b.id))
    if (here.length === 0) continue
    const tally = new Map<string, Tally>(
      here.map((a) => [
        a.id,
        { idp: 0, returnees: 0, inSites: 0, hasIdp: false, hasReturnees: false, hasSites: false },
      ]),
    )
    const add = (ids: readonly string[], what: 'idp' | 'returnees', total: number, sitesShare?: number) => {
      for (const id of ids) {
        const t = tally.get(id) as Tally
        const share = total / ids.length
        if (what === 'idp') {
          t.idp += share
          t.hasIdp = true
          if (sitesShare !== undefined) {
            t.inSites += share * sitesShare
            t.hasSites = true
          }
        } else {
          t.returnees += share
          t.hasReturnees = true
        }
      }
    }
    const named = new Set<string>()
    for (const figure of country.areas) {
      const byPcode = figure.pcode ? here.filter((a) => a.pcode?.startsWith(figure.pcode as string)) : []
      const names = figure.names.map(looseName)
      const byName = here.filter((a) => names.includes(looseName(a.name)))
      const nearest = locate(country.country, figure.town.name)
      const matched = byPcode.length
        ? byPcode
        : byName.length
          ? byName
          : nearest
            ? here.filter((a) => a.id === nearest)
            : []
      if (matched.length === 0) continue
      for (const a of matched) named.add(a.id)
      const ids = matched.map((a) => a.id)
      if (figure.idp !== undefined) {
        let rest = figure.idp
        const own = new Set<string>()
        for (const sub of figure.within ?? []) {
          const subNames = sub.names.map(looseName)
          const area = matched.find((a) => subNames.includes(looseName(a.name)))
          if (!area) continue
          add([area.id], 'idp', sub.idp, figure.sitesShare)
          own.add(area.id)
          rest -= sub.idp
        }
        const others = ids.filter((id) => !own.has(id))
        if (others.length) add(others, 'idp', rest, figure.sitesShare)
      }
      if (figure.returnees !== undefined) add(ids, 'returnees', figure.returnees)
    }
    const unnamed = here.filter((a) => !named.has(a.id)).map((a) => a.id)
    if (unnamed.length && country.remainder?.idp) add(unnamed, 'idp', country.remainder.idp)
    if (unnamed.length && country.remainder?.returnees) add(unnamed, 'returnees', country.remainder.returnees)
    const all = here.map((a) => a.id)
    if (country.everywhere?.idp) add(all, 'idp', country.everywhere.idp)
    if (country.everywhere?.returnees) add(all, 'returnees', country.everywhere.returnees)
    for (const area of here) {
      const t = tally.get(area.id) as Tally
      if (!t.hasIdp && !t.hasReturnees) continue
      levels.push({
        area,
        idp: t.hasIdp ? Math.round(t.idp) : null,
        returnees: t.hasReturnees ? Math.round(t.returnees) : null,
        sitesShare: t.hasSites && t.idp > 0 ? t.inSites / t.idp : null,
      })
    }
  }
  return levels
}

export interface DisplacementModel {
  levels: AreaLevel[]
  /** Per country, the areas that can have a displacement event (those with IDPs), in id order. */
  eventAreas: Map<string, AreaLevel[]>
}

export function displacementModel(levels: AreaLevel[]): DisplacementModel {
  const eventAreas = new Map<string, AreaLevel[]>()
  for (const level of levels) {
    if (!level.idp) continue
    const list = eventAreas.get(level.area.country) ?? []
    list.push(level)
    eventAreas.set(level.area.country, list)
  }
  return { levels, eventAreas }
}

export interface DisplacementEvent {
  areaId: string
  /** First day of the rise (days since 1970-01-01). */
  startDay: number
  /** IDPs added at the peak. */
  size: number
}

/** The event of a country's block: one area, drawn by its IDPs, gains a share of them. */
export function displacementEvent(
  model: DisplacementModel,
  country: string,
  block: number,
): DisplacementEvent | undefined {
  const candidates = model.eventAreas.get(country)
  if (!candidates?.length) return undefined
  const { blockDays, riseDays, fallDays, minShare, maxShare } = DISPLACEMENT_EVENTS
  const draws = new Draws(`${SEED}:${country}:event:${block}`)
  const level = candidates[draws.pick(candidates.map((c) => c.idp ?? 0))] as AreaLevel
  const startDay = block * blockDays + Math.floor(draws.unit() * (blockDays - riseDays - fallDays))
  const share = minShare + draws.unit() * (maxShare - minShare)
  return { areaId: level.area.id, startDay, size: Math.round((level.idp ?? 0) * share) }
}

function eventBump(model: DisplacementModel, level: AreaLevel, day: number): number {
  const { blockDays, riseDays, fallDays } = DISPLACEMENT_EVENTS
  const event = displacementEvent(model, level.area.country, Math.floor(day / blockDays))
  if (!event || event.areaId !== level.area.id) return 0
  const t = day - event.startDay
  if (t < 0 || t >= riseDays + fallDays) return 0
  return t < riseDays
    ? (event.size * (t + 1)) / riseDays
    : event.size * (1 - (t - riseDays + 1) / (fallDays + 1))
}

/** A smooth drift in [−1, 1]: a knot each week, straight lines between. */
function drift(key: string, day: number): number {
  const week = Math.floor(day / 7)
  const w = (day - week * 7) / 7
  const knot = (k: number) => 2 * unitFor(`${SEED}:${key}:${k}`) - 1
  return knot(week) * (1 - w) + knot(week + 1) * w
}

export const dayOf = (date: Date) => Math.floor(date.getTime() / DAY_MS)
const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10)

export function displacementOn(model: DisplacementModel, level: AreaLevel, day: number): DisplacementRow {
  const id = level.area.id
  const idp =
    level.idp === null
      ? null
      : Math.round(level.idp * (1 + 0.015 * drift(`${id}:idp`, day)) + eventBump(model, level, day))
  return {
    areaId: id,
    date: isoDay(day),
    internallyDisplaced: idp,
    returnees:
      level.returnees === null ? null : Math.round(level.returnees * (1 + 0.01 * drift(`${id}:ret`, day))),
    peopleInSites: idp === null || level.sitesShare === null ? null : Math.round(idp * level.sitesShare),
  }
}

/** Rows for days firstDay..lastDay (inclusive) for every area of the model. */
export function* displacementRows(
  model: DisplacementModel,
  firstDay: (level: AreaLevel) => number,
  lastDay: number,
): Generator<DisplacementRow> {
  for (const level of model.levels) {
    for (let day = firstDay(level); day <= lastDay; day++) yield displacementOn(model, level, day)
  }
}
