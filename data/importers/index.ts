// Every import format by its CLI name (`npm run import -- <format> <file>`); adding a format is one line.
import { crossings } from './crossings.ts'
import { dtm } from './dtm.ts'
import { frontex } from './frontex.ts'
import { geojsonImporter as geojson } from './geojson.ts'
import { hxl } from './hxl.ts'
import { italy } from './italy.ts'
import { mmp } from './mmp.ts'
import { routes } from './routes.ts'
import { topojson } from './topojson.ts'
import type { Importer } from './types.ts'
import { unhcrSites } from './unhcr-sites.ts'

export const importers: Record<string, Importer<unknown>> = {
  crossings,
  dtm,
  frontex,
  geojson,
  hxl,
  italy,
  mmp,
  routes,
  topojson,
  'unhcr-sites': unhcrSites,
}
