// The incident vocabulary, with no dependency: the database enums (schema.ts), the API and both web
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
