// Live events: written to the `events` log and announced with NOTIFY in the transaction that makes the
// change, so they go out only once it commits, from every server process on the database.
import { z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import type { Database, Db, Tx } from '../db/client.ts'
import { txRows } from '../db/rows.ts'
import {
  LIVE_EVENT_TYPES,
  type LiveEventType,
  REVIEW_AUDIT_ACTIONS,
  SEVERITIES,
  VERIFICATIONS,
} from '../db/vocabulary.ts'
import { incidentCollection } from './layers/incidents.ts'
import { surgeCollection } from './layers/surge-schema.ts'
import { iso } from './review/queries.ts'

/** The NOTIFY channel of the events log; event-hub.ts listens on it. */
export const EVENTS_CHANNEL = 'crosswatch_events'

export const EVENT_TYPES = LIVE_EVENT_TYPES
export type EventType = LiveEventType

const incidentId = z.number().int().openapi({ description: 'the incident it is about' })
/** Kept in the log to decide who may hear of it; never sent. */
const filedBy = {
  reportedBy: z.number().int().nullable(),
  agencyId: z.number().int().nullable(),
}
const crossingsUpdated = z
  .object({
    sites: z.array(z.string()).openapi({ description: 'the border posts and flow points counted, sorted' }),
    from: z.string().openapi({ format: 'date-time', description: 'the earliest periodStart changed' }),
    to: z.string().openapi({ format: 'date-time', description: 'the latest periodStart changed' }),
    simulated: z.boolean(),
  })
  .openapi('CrossingsUpdatedPayload')
const reviewed = {
  action: z.enum(REVIEW_AUDIT_ACTIONS).openapi({ description: 'what the coordinator did' }),
  verification: z.enum(VERIFICATIONS),
  severity: z.enum(SEVERITIES),
}
const incidentFeature = incidentCollection.shape.features.element
const surgeFeature = surgeCollection.shape.features.element

/** What publish() logs for each type: the incident events name their incident and who filed it. */
export const storedPayloads = {
  'incident.created': z.object({ incidentId, ...filedBy }),
  'incident.updated': z.object({ incidentId, ...filedBy, ...reviewed }),
  'crossings.updated': crossingsUpdated,
  'surge.detected': z.object({ site: z.string(), feature: surgeFeature }),
} satisfies Record<EventType, z.ZodType>
export type StoredPayload<T extends EventType> = z.input<(typeof storedPayloads)[T]>

/**
 * An event of the stream as one caller receives it (server/stream.ts): an event about an incident
 * carries the incident as that caller may see it, and never who filed it.
 */
const sent = <T extends EventType, P extends z.ZodType>(type: T, name: string, payload: P) =>
  z
    .object({
      id: z.number().int().openapi({ description: 'also the SSE id: send it back as Last-Event-ID' }),
      type: z.literal(type),
      createdAt: z.string().openapi({ format: 'date-time' }),
      payload: payload.openapi(`${name}Payload`),
    })
    .openapi(`${name}Event`, { description: `the data of an SSE message of event type ${type}` })

export const sentEventSchemas = {
  'incident.created': sent(
    'incident.created',
    'IncidentCreated',
    z.object({ incidentId, feature: incidentFeature }),
  ),
  'incident.updated': sent(
    'incident.updated',
    'IncidentUpdated',
    z.object({ incidentId, ...reviewed, feature: incidentFeature }),
  ),
  'crossings.updated': sent('crossings.updated', 'CrossingsUpdated', crossingsUpdated),
  'surge.detected': sent(
    'surge.detected',
    'SurgeDetected',
    z.object({ site: z.string(), feature: surgeFeature }),
  ),
} satisfies Record<EventType, z.ZodType>

export const sentEventSchema = z
  .discriminatedUnion('type', [
    sentEventSchemas['incident.created'],
    sentEventSchemas['incident.updated'],
    sentEventSchemas['crossings.updated'],
    sentEventSchemas['surge.detected'],
  ])
  .openapi('LiveEvent')
/** A live event as the stream sends it: what the web's feed, map and report page read. */
export type SentEvent = z.infer<typeof sentEventSchema>
export type SentEventOf<T extends EventType> = Extract<SentEvent, { type: T }>

/** An event as the log holds it (its payload as publish() stored it), with the incident it is about. */
export type LiveEvent = {
  [T in EventType]: {
    id: number
    type: T
    payload: StoredPayload<T>
    createdAt: string
    /** The incident it is about, if any (not sent: the payload says it too). */
    incidentId: number | null
  }
}[EventType]

/** A row of the log as the database gives it: bigints may come as text. */
export type EventRow = Omit<LiveEvent, 'id' | 'incidentId'> & {
  id: string | number
  incidentId: string | number | null
}

export const toEvent = (r: EventRow): LiveEvent =>
  ({
    ...r,
    id: Number(r.id),
    incidentId: r.incidentId === null ? null : Number(r.incidentId),
  }) as LiveEvent

/**
 * Logs an event in the caller's transaction; it is announced when that transaction commits. An event about
 * an incident names it in `payload.incidentId`: it then reaches only those who may see the incident, each
 * with the incident as they may see it (stream.ts), never the payload as stored.
 */
export function publish<T extends EventType>(tx: Tx, type: T, payload: StoredPayload<T>): Promise<number> {
  return logEvent(tx, type, payload)
}

/** NOTIFY carries at most 8,000 bytes: a bigger event is announced by its id alone and read back. */
const MAX_NOTIFY_BYTES = 7900

/**
 * One statement: the row, and its NOTIFY carrying the whole event as the log gives it (SELECT_EVENTS),
 * so that no listening process has to read it back; only a large event goes by its id.
 */
async function logEvent(tx: Tx, type: EventType, payload: Record<string, unknown>): Promise<number> {
  const incidentId = typeof payload.incidentId === 'number' ? payload.incidentId : null
  const [row] = await txRows<{ id: string | number }>(
    tx,
    sql`WITH e AS (
          INSERT INTO events (type, payload, incident_id)
          VALUES (${type}, ${JSON.stringify(payload)}::jsonb, ${incidentId}::bigint)
          RETURNING id, type, payload, incident_id, created_at
        ), j AS (
          SELECT e.id, json_build_object('id', e.id, 'type', e.type, 'payload', e.payload,
            'incidentId', e.incident_id,
            'createdAt', ${iso(sql`e.created_at`)})::text AS body
          FROM e)
        SELECT j.id, pg_notify(${EVENTS_CHANNEL},
          CASE WHEN octet_length(j.body) <= ${MAX_NOTIFY_BYTES} THEN j.body ELSE j.id::text END)
        FROM j`,
  )
  return Number(row?.id)
}

/** Logs and announces an event in a transaction of its own, any payload: for tests of the hub itself. */
export function publishNow(database: Database, type: EventType, payload: Record<string, unknown>) {
  return (database.db as Db).transaction((tx) => logEvent(tx, type, payload))
}

export const SELECT_EVENTS = sql`
  SELECT id, type, payload, incident_id AS "incidentId", ${iso(sql`created_at`)} AS "createdAt"
  FROM events`

/** How many missed events a reconnecting client is sent at most. @default 1000 */
export const MAX_REPLAY = 1000
