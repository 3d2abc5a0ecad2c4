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

/** The four roles, ranked: each may do what the ones below it may (server/auth/roles.ts). */
export const ROLES = ['reporter', 'viewer', 'coordinator', 'admin'] as const
export type Role = (typeof ROLES)[number]

/** How a border post is crossed. */
export const POST_KINDS = ['land', 'sea', 'air'] as const
export type PostKind = (typeof POST_KINDS)[number]

export const POST_STATUSES = ['open', 'restricted', 'closed'] as const
export type PostStatus = (typeof POST_STATUSES)[number]

/** A migration corridor's mode: by land, by sea, or both along its legs. */
export const CORRIDOR_MODES = ['land', 'sea', 'mixed'] as const
export type CorridorMode = (typeof CORRIDOR_MODES)[number]
