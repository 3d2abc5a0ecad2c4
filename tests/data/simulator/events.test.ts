// The simulator's events: deterministic per seed, every one valid for the server's own checks, reports
// typed like the MMP records at plausible places, counts that grow through the hour to the modelled value.
import { describe, expect, it } from 'vitest'
import { HOUR_MS, hourlyValue, modelSite } from '../../../data/modelled/crossings.ts'
import {
  EventStream,
  liveCount,
  REPORT_KINDS,
  type SimEvent,
  type EventStream as Stream,
} from '../../../data/simulator/events.ts'
import { loadWorld, type World } from '../../../data/simulator/world.ts'
import { countRows } from '../../../server/crossings.ts'
import { reportSchema } from '../../../server/review/report.ts'
import { testApp } from '../../helpers/app.ts'
import { useTestDatabase } from '../../helpers/database.ts'

const NOW = new Date('2026-11-30T10:25:00Z')
const take = (stream: Stream, n: number, now = NOW) => Array.from({ length: n }, () => stream.next(now))

describe('the simulator events', () => {
  const database = useTestDatabase('pglite')
  let world: World
  const getWorld = async () => {
    // The posts come from the server's own route, in process.
    const app = testApp({ database: database.current })
    world ??= await loadWorld('http://crosswatch.test/', (url) => Promise.resolve(app.request(String(url))))
    return world
  }

  it('reads the posts from the server and the flow points and sea corridors from the seed files', async () => {
    const w = await getWorld()
    expect(w.sites.filter((s) => s.type === 'post').length).toBeGreaterThan(40)
    expect(w.sites.filter((s) => s.type === 'flow_point').length).toBeGreaterThan(30)
    expect(w.seaCorridors.map((c) => c.id)).toContain('sfax-lampedusa')
  })

  it('sends the same events for the same seed, and others for another', async () => {
    const w = await getWorld()
    const a = take(new EventStream(w, 'seed-a'), 300)
    expect(take(new EventStream(w, 'seed-a'), 300)).toEqual(a)
    expect(take(new EventStream(w, 'seed-b'), 300)).not.toEqual(a)
  })

  it('makes only events the server accepts, reports at the requested share', async () => {
    const events = take(new EventStream(await getWorld(), 'valid', { reportShare: 0.2 }), 3000)
    const reports = events.filter((e): e is Extract<SimEvent, { kind: 'report' }> => e.kind === 'report')
    const counts = events.flatMap((e) => (e.kind === 'count' ? [e.count] : []))
    expect(reports.length / events.length).toBeGreaterThan(0.17)
    expect(reports.length / events.length).toBeLessThan(0.23)
    for (const r of reports) {
      const parsed = reportSchema.safeParse(r.report)
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true)
      expect(r.report.description).toMatch(/^SIMULATED/)
    }
    // In batches as the simulator sends them: a site's hour once per request.
    for (let i = 0; i < counts.length; i += 50) expect(() => countRows(counts.slice(i, i + 50))).not.toThrow()
  })

  it('draws report types like the MMP records, shipwrecks on the sea corridors and the rest on land', async () => {
    const w = await getWorld()
    const reports = take(new EventStream(w, 'types', { reportShare: 1 }), 4000).flatMap((e) =>
      e.kind === 'report' ? [e.report] : [],
    )
    const total = REPORT_KINDS.reduce((sum, k) => sum + k.weight, 0)
    for (const kind of REPORT_KINDS) {
      const share = reports.filter((r) => r.type === kind.type).length / reports.length
      expect(Math.abs(share - kind.weight / total), kind.type).toBeLessThan(0.03)
    }
    const seaLats = reports.filter((r) => r.type === 'shipwreck').map((r) => r.location.coordinates[1])
    // Between the North African coast and Sicily/Calabria.
    expect(Math.min(...seaLats)).toBeGreaterThan(30)
    expect(Math.max(...seaLats)).toBeLessThan(39.5)
    const landLats = reports.filter((r) => r.type === 'stranded_group').map((r) => r.location.coordinates[1])
    expect(landLats.some((lat) => lat < 22)).toBe(true) // the Sahara crossing, not only the coast
    const occurred = reports.map((r) => Date.parse(r.occurredAt))
    expect(Math.max(...occurred)).toBeLessThanOrEqual(NOW.getTime())
    expect(Math.min(...occurred)).toBeGreaterThanOrEqual(NOW.getTime() - 6 * HOUR_MS)
  })

  it('counts the hour so far: zero at its start, growing to the modelled hourly count', async () => {
    const w = await getWorld()
    const lampedusa = w.sites.find((s) => s.id === 'it-lampedusa')
    expect(lampedusa).toBeDefined()
    const model = modelSite(lampedusa as NonNullable<typeof lampedusa>)
    // An hour with arrivals at Lampedusa in the modelled series.
    let hour = Math.floor(NOW.getTime() / HOUR_MS)
    while (hourlyValue(model, 'in', hour).count < 20) hour--
    const at = (minutes: number) => liveCount(model, 'in', new Date(hour * HOUR_MS + minutes * 60_000))
    const series = [0, 15, 30, 45, 59.99].map((m) => at(m).count)
    expect(series[0]).toBe(0)
    expect(series).toEqual([...series].sort((a, b) => a - b))
    expect(series.at(-1)).toBe(Math.floor(hourlyValue(model, 'in', hour).count * (59.99 / 60)))
    expect(at(30)).toMatchObject({ site: 'it-lampedusa', period: 'hour', direction: 'in' })
    expect(at(30).periodStart).toBe(new Date(hour * HOUR_MS).toISOString())
  })
})
