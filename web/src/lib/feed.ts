// Live events as lines of the event feed: what happened (an i18n key and its values) and where, so a
// click on the line can fly the map there. The events are typed by the server's schemas (server/events.ts).

import { LIVE_EVENT_TYPES, type LiveEventType } from '../../../db/vocabulary.ts'
import type { SentEvent } from '../../../server/events.ts'
import { isObject } from './is-object.ts'

/** A live event as GET /api/stream sends it. */
export type LiveEvent = SentEvent
export type { LiveEventType }

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

/**
 * Parses the `data` of an SSE message; null when it is not a live event. Only the envelope is checked:
 * the payload is the server's, of the type the event names.
 */
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
      return value as LiveEvent
  } catch {
    // not JSON
  }
  return null
}

/** The point of a GeoJSON feature, if it is one. */
export function pointOf(feature: unknown): [number, number] | null {
  if (!isObject(feature) || !isObject(feature.geometry) || feature.geometry.type !== 'Point') return null
  const [lon, lat] = (feature.geometry.coordinates as unknown[]) ?? []
  return typeof lon === 'number' && typeof lat === 'number' ? [lon, lat] : null
}

/** `where(site)` and `incidentAt(id)` find positions the payload does not carry. */
export function feedItem(
  event: LiveEvent,
  where: (site: string) => [number, number] | null = () => null,
  incidentAt: (id: number) => [number, number] | null = () => null,
): FeedItem {
  const base = { id: event.id, type: event.type, at: event.createdAt }
  switch (event.type) {
    case 'incident.created':
    case 'incident.updated': {
      const { incidentId, feature } = event.payload
      return {
        ...base,
        message:
          event.type === 'incident.created' ? 'incidentCreated' : `incidentReviewed.${event.payload.action}`,
        values: { type: feature.properties.type, id: incidentId },
        position: pointOf(feature) ?? incidentAt(incidentId),
        incidentId,
      }
    }
    case 'crossings.updated': {
      const [first] = event.payload.sites
      return {
        ...base,
        message: 'crossingsUpdated',
        values: { count: event.payload.sites.length },
        position: first ? where(first) : null,
      }
    }
    case 'surge.detected': {
      const { site, feature } = event.payload
      return {
        ...base,
        message: 'surgeDetected',
        values: { name: feature.properties.name },
        position: pointOf(feature) ?? where(site),
      }
    }
  }
}

/** The features with `feature` first, replacing the one with the same `properties.id`. */
export function upsertById<F extends { properties: { id: number } }>(features: F[], feature: F): F[] {
  return [feature, ...features.filter((f) => f.properties.id !== feature.properties.id)]
}
