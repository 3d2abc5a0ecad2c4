// A list as ONE query parameter, on either engine: a PostgreSQL array literal, cast in SQL (`::text[]`)
// or unpacked with unnest(). postgres-js under drizzle rejects a JS array as a parameter; a literal
// string is read the same way by both engines.

/**
 * `{"a","b",NULL,3}`: elements quoted and escaped, null as NULL; numbers bare. A loop, not map/join: an
 * import passes columns of 20,000 values.
 */
export function arrayLiteral(values: readonly (string | number | null)[]): string {
  let out = '{'
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (i) out += ','
    if (v === null || v === undefined) out += 'NULL'
    else if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new Error(`arrayLiteral: ${v} is not a finite number`)
      out += String(v)
    } else out += `"${v.replace(/[\\"]/g, '\\$&')}"`
  }
  return `${out}}`
}

/** Splits rows into batches of at most `size`. */
export function* batches<T>(rows: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size)
}
