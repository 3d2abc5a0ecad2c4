// Every vocabulary of the project, with no dependency: the database enums (schema.ts), the API and both web
// pages take it from here, so a type added once is a type everywhere.

/** Incident types, snake_case, in the order forms offer them. */
export const INCIDENT_TYPES = [
  'death_or_disappearance',
  'shipwreck',
  'interception_or_rescue',
  'violence_or_abuse',
  'trafficking',
  'smuggling',
  'forged_document',
  'medical_emergency',
  'stranded_group',
  'expulsion_or_pushback',
  'natural_hazard',
  'other',
] as const
export type IncidentType = (typeof INCIDENT_TYPES)[number]

export const SEVERITIES = ['low', 'moderate', 'high', 'critical'] as const
export type Severity = (typeof SEVERITIES)[number]

/** Where a report stands in review; `rejected` and `duplicate` (merged) are off the map by default. */
export const VERIFICATIONS = ['unverified', 'verified', 'rejected', 'duplicate'] as const
export type Verification = (typeof VERIFICATIONS)[number]
/** On the map by default; the others are shown only when asked for and never counted as events. */
export const OPEN_VERIFICATIONS = ['unverified', 'verified'] as const satisfies readonly Verification[]
export const CLOSED_VERIFICATIONS = ['rejected', 'duplicate'] as const satisfies readonly Verification[]

/** The people counts of an incident, in the API's order. */
export const COUNT_KEYS = ['dead', 'missing', 'injured', 'survivors', 'children'] as const
export type CountKey = (typeof COUNT_KEYS)[number]

/** The four roles, ranked: each may do what the ones below it may (server/auth/roles.ts). */
export const ROLES = ['reporter', 'viewer', 'coordinator', 'admin'] as const
export type Role = (typeof ROLES)[number]

export function atLeast(role: Role, minimum: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(minimum)
}

/**
 * Where a report stands in review: `resolved` once its response is closed, else its verification. In the
 * order the review queue's tabs offer them.
 */
export const REVIEW_STATUSES = ['unverified', 'verified', 'resolved', 'duplicate', 'rejected'] as const
export type ReviewStatus = (typeof REVIEW_STATUSES)[number]

/** What a review did, as its audit entry and its incident.updated event name it. */
export const REVIEW_AUDIT_ACTIONS = [
  'verified',
  'rejected',
  'merged',
  'severity',
  'assigned',
  'shared',
  'resolved',
  'reopened',
] as const
export type ReviewAuditAction = (typeof REVIEW_AUDIT_ACTIONS)[number]

/** How a border post is crossed. */
export const POST_KINDS = ['land', 'sea', 'air'] as const

export const POST_STATUSES = ['open', 'restricted', 'closed'] as const

/** A migration corridor's mode: by land, by sea, or both along its legs. */
export const CORRIDOR_MODES = ['land', 'sea', 'mixed'] as const
export type CorridorMode = (typeof CORRIDOR_MODES)[number]

/** The periods a crossing count covers, and its direction across the border or point. */
export const COUNT_PERIODS = ['hour', 'day', 'month'] as const
export type CountPeriod = (typeof COUNT_PERIODS)[number]
export const COUNT_DIRECTIONS = ['in', 'out'] as const
export type CountDirection = (typeof COUNT_DIRECTIONS)[number]

/** The live events of GET /api/stream (server/events.ts), each also its SSE event type. */
export const LIVE_EVENT_TYPES = [
  'incident.created',
  'incident.updated',
  'crossings.updated',
  'surge.detected',
] as const
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number]
