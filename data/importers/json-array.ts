// Streams the top-level items of a JSON array (`[{…}, {…}]`) one at a time, each with the line it starts
// on, so a large file is never held whole and a bad item can be named by its line and index.

export type JsonItem =
  | { line: number; index: number; text: string }
  | { line: number; index: number; error: string }

const SPACE = new Set([' ', '\t', '\n', '\r', '\ufeff'])

/** Yields each item's JSON text (unparsed), or one error where the text stops being an array. */
export async function* readJsonArray(chunks: AsyncIterable<string>): AsyncGenerator<JsonItem> {
  let line = 1
  let index = 0
  type State = 'before' | 'between' | 'item' | 'after'
  let state = 'before' as State
  let depth = 0
  let inString = false
  let escaped = false
  let item = ''
  let itemLine = 1
  let expectItem = true
  for await (const chunk of chunks) {
    let start = 0
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i] as string
      if (state === 'item') {
        if (inString) {
          if (escaped) escaped = false
          else if (c === '\\') escaped = true
          else if (c === '"') inString = false
          else if (c === '\n') line++
          continue
        }
        if (c === '"') inString = true
        else if (c === '{' || c === '[') depth++
        else if (c === '}' || c === ']') {
          depth--
          if (depth === 0) {
            yield { line: itemLine, index, text: item + chunk.slice(start, i + 1) }
            item = ''
            index++
            state = 'between'
            expectItem = false
          }
        } else if (c === '\n') line++
        continue
      }
      if (c === '\n') line++
      if (SPACE.has(c)) continue
      if (state === 'before') {
        if (c !== '[') return yield { line, index, error: `expected a JSON array, found ${show(c)}` }
        state = 'between'
      } else if (state === 'between') {
        if (c === ',' && !expectItem) expectItem = true
        else if (c === ']' && (!expectItem || index === 0)) state = 'after'
        else if ((c === '{' || c === '[') && expectItem) {
          state = 'item'
          depth = 1
          itemLine = line
          start = i
        } else return yield { line, index, error: `expected an item, a comma or "]", found ${show(c)}` }
      } else return yield { line, index, error: `unexpected ${show(c)} after the end of the array` }
    }
    if (state === 'item') item += chunk.slice(start)
  }
  if (state !== 'after') yield { line, index, error: 'the file ends inside the array (truncated?)' }
}

function show(c: string): string {
  return JSON.stringify(c)
}
