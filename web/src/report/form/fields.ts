// The fields of the report form, and which field a reason of the server (`invalid-params[].name`, e.g.
// `counts.dead` or `location.coordinates`) belongs next to.
import { COUNT_NAMES, type CountName } from '../report-body.ts'

export const FIELDS = ['type', 'occurredAt', 'location', ...COUNT_NAMES, 'description', 'photo'] as const
export type Field = (typeof FIELDS)[number]

/** Reasons per field; `form` holds those that belong to no one field. */
export type FieldErrors = Partial<Record<Field | 'form', string>>

const isCount = (name: string): name is CountName => (COUNT_NAMES as readonly string[]).includes(name)

export function fieldOfParam(name: string): Field | 'form' {
  const [head = '', sub = ''] = name.split(/[.[\]/]+/).filter(Boolean)
  if (head === 'counts') return isCount(sub) ? sub : 'form'
  if (head === 'location' || head === 'accuracyM') return 'location'
  if (head === 'type' || head === 'occurredAt' || head === 'description' || head === 'photo') return head
  return 'form'
}

/**
 * The server's reasons per parameter (`invalid-params` as web/src/api/http.ts problemOf reads them) as
 * reasons per field of the form; several reasons for one field are joined.
 */
export function fieldErrorsOf(params: Readonly<Record<string, string>>): FieldErrors {
  const errors: FieldErrors = {}
  for (const [name, reason] of Object.entries(params)) {
    const field = fieldOfParam(name)
    // A reason that is not next to its own field says which field it was about.
    const text = field === 'form' && name ? `${name}: ${reason}` : reason
    errors[field] = errors[field] ? `${errors[field]}; ${text}` : text
  }
  return errors
}
