// Importers of one JSON document read whole (geojson, topojson, routes): reading it, telling an object
// from other values, and finding the line a record or a syntax error is on, for error messages.
import type { Readable } from 'node:stream'

/** The whole input as UTF-8 text. */
export async function readAll(input: Readable): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of input)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer))
  return Buffer.concat(chunks).toString('utf8')
}

/** `text` without a leading byte-order mark (files saved by Windows tools start with one). */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/** A JSON object: not null, not an array. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** The line each element of a top-level array (`features` unless told) starts on (1-based), by a scan of the text. */
export function featureLines(body: string, member = 'features'): number[] {
  const lines: number[] = []
  let line = 1
  let depth = 0
  let inString = false
  let stringStart = 0
  let lastString = ''
  let inFeatures = false
  let done = false
  let expecting = false
  for (let i = 0; i < body.length; i++) {
    const c = body[i]
    if (c === '\n') line++
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') {
        inString = false
        lastString = body.slice(stringStart, i)
      }
      continue
    }
    if (expecting && depth === 2 && c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') {
      if (c === ']') expecting = false
      else {
        lines.push(line)
        expecting = false
      }
    }
    if (c === '"') {
      inString = true
      stringStart = i + 1
    } else if (c === '{' || c === '[') {
      if (c === '[' && depth === 1 && lastString === member && !done) {
        inFeatures = true
        expecting = true
      }
      depth++
    } else if (c === '}' || c === ']') {
      depth--
      if (depth === 1 && inFeatures) {
        inFeatures = false
        done = true
        expecting = false
      }
    } else if (c === ',' && depth === 2 && inFeatures) expecting = true
  }
  return lines
}

/** The line a JSON.parse error points at (V8 says a line or a position), else 1. */
export function jsonErrorLine(body: string, error: Error): number {
  const lineCol = /line (\d+)/.exec(error.message)
  if (lineCol) return Number(lineCol[1])
  const position = /position (\d+)/.exec(error.message)
  return position ? body.slice(0, Number(position[1])).split('\n').length : 1
}
