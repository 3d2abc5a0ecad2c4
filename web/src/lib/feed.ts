// Live events as lines of the event feed: what happened (an i18n key and its values) and where, so a
// click on the line can fly the map there.

export const LIVE_EVENT_TYPES = [
  'incident.created',
  'incident.updated',
  'crossings.updated',
  'surge.detected',
] as const
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number]

export interface LiveEvent {
  id: number
  type: LiveEventType
  payload: Record<string, unknown>
  createdAt: string
}

export interface FeedItem {
  id: number
  type: LiveEventType
  at: string
  /** i18n key under `feed.` and its values. */
  message: string
  values: Record<string, string | number>
  position: [number, number] | null
  /** The incident the event is about, to select it. */
  incidentId?: number
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null

/** Parses the `data` of an SSE message; null when it is not a live event. */
export function parseLiveEvent(data: string): LiveEvent | null {
  try {
    const value: unknown = JSON.parse(data)
    if (
      isObject(value) &&
      Number.isSafeInteger(value.id) &&
      (LIVE_EVENT_TYPES as readonly unknown[]).includes(value.type) &&
      isObject(value.payload) &&
      typeof value.createdAt === 'string'
    )
      return value as unknown as LiveEvent
  } catch {
    // not JSON
  }
  return null
}

/** The point of a GeoJSON feature in a payload, if any. */
export function pointOf(feature: unknown): [number, number] | null {
  if (!isObject(feature) || !isObject(feature.geometry) || feature.geometry.type !== 'Point') return null
  const [lon, lat] = (feature.geometry.coordinates as unknown[]) ?? []
  return typeof lon === 'number' && typeof lat === 'number' ? [lon, lat] : null
}

const prop = (feature: unknown, key: string): unknown =>
  isObject(feature) && isObject(feature.properties) ? feature.properties[key] : undefined

/** The review actions an incident.updated event names (server/review/actions.ts AUDIT_ACTION). */
const REVIEW_ACTIONS = new Set([
  'verified',
  'rejected',
  'merged',
  'severity',
  'assigned',
  'resolved',
  'reopened',
  'shared',
])

/** `where(site)` and `incidentAt(id)` find positions the payload does not carry. */
export function feedItem(
  event: LiveEvent,
  where: (site: string) => [number, number] | null = () => null,
  incidentAt: (id: number) => [number, number] | null = () => null,
): FeedItem {
  const { payload: p } = event
  const base = { id: event.id, type: event.type, at: event.createdAt }
  const incidentId = Number(p.id ?? p.incidentId ?? prop(p.feature, 'id'))
  switch (event.type) {
    case 'incident.created':
    case 'incident.updated': {
      const type = prop(p.feature, 'type')
      const action = typeof p.action === 'string' && REVIEW_ACTIONS.has(p.action) ? p.action : null
      return {
        ...base,
        message:
          event.type === 'incident.created'
            ? 'incidentCreated'
            : action
              ? `incidentReviewed.${action}`
              : 'incidentUpdated',
        values: {
          type: typeof type === 'string' ? type : 'other',
          id: Number.isFinite(incidentId) ? incidentId : '?',
        },
        position: pointOf(p.feature) ?? (Number.isFinite(incidentId) ? incidentAt(incidentId) : null),
        ...(Number.isFinite(incidentId) ? { incidentId } : {}),
      }
    }
    case 'crossings.updated': {
      const sites = Array.isArray(p.sites) ? p.sites.filter((s): s is string => typeof s === 'string') : []
      const first = sites[0]
      return {
        ...base,
        message: 'crossingsUpdated',
        values: { count: sites.length },
        position: first ? where(first) : null,
      }
    }
    case 'surge.detected': {
      const site = prop(p.feature, 'site') ?? p.site
      const name = prop(p.feature, 'name') ?? site
      return {
        ...base,
        message: 'surgeDetected',
        values: { name: typeof name === 'string' ? name : '?' },
        position: pointOf(p.feature) ?? (typeof site === 'string' ? where(site) : null),
      }
    }
  }
}

/** The features with `feature` first, replacing the one with the same `properties.id`. */
export function upsertById<F extends { properties: { id: number } }>(features: F[], feature: F): F[] {
  return [feature, ...features.filter((f) => f.properties.id !== feature.properties.id)]
}
