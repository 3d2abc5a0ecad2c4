// The one check the web's parsers of server answers start with (problems, live events, outbox answers).

/** A JSON object: not null, not an array, so its fields can be read. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
