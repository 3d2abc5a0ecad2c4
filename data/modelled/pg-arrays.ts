// Bulk inserts for the modelled series on either engine: each column goes as ONE parameter, a PostgreSQL
// array literal, unpacked with unnest(). (postgres-js under drizzle rejects a JS array as a parameter;
// a literal string is read the same way by both engines.)

/** `{"a","b",NULL,3}`: elements quoted and escaped, null as NULL; numbers bare. */
export function arrayLiteral(values: readonly (string | number | null)[]): string {
  const items = values.map((v) => {
    if (v === null) return 'NULL'
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new Error(`arrayLiteral: ${v} is not a finite number`)
      return String(v)
    }
    return `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`
  })
  return `{${items.join(',')}}`
}

/** Splits rows into batches of at most `size`. */
export function* batches<T>(rows: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size)
}
