// Rebuilds the route's MMP files in data/mmp/ from the full copies in ../shared/data/mmp, each in its own
// layout (CSV lines verbatim, JSON records value for value), without the same Main ID twice. The filter: data/mmp/README.md.
// Run: node --import tsx data/mmp/extract.ts [../shared/data/mmp]
import { createReadStream, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ROUTE_COUNTRIES } from '../importers/country-codes.ts'
import { type CsvRecord, readCsv } from '../importers/csv.ts'
import { countryInText, countryOfName } from '../importers/mmp-values.ts'

const here = fileURLToPath(new URL('.', import.meta.url))
const shared = process.argv[2] ?? join(here, '../../../shared/data/mmp')

/** On the route: an incident in one of the route's countries, or anywhere on the Central Mediterranean route. */
export function onRoute(country: string | null, route: string): boolean {
  return (
    (country !== null && (ROUTE_COUNTRIES as readonly string[]).includes(country)) ||
    route.trim() === 'Central Mediterranean'
  )
}

type Record_ = Map<string, string> & { raw: string }

async function readTable(file: string): Promise<{ header: CsvRecord; records: Record_[] }> {
  const all: CsvRecord[] = []
  for await (const record of readCsv(createReadStream(file))) all.push(record)
  const [header, ...rest] = all as [CsvRecord, ...CsvRecord[]]
  const names = header.fields.map((f) => f.trim())
  const records = rest.map((r) =>
    Object.assign(new Map(names.map((n, i) => [n, r.fields[i] ?? ''])), { raw: r.raw }),
  )
  return { header, records }
}

const text = (v: string | undefined) => (v === undefined || v.trim() === 'NA' ? '' : v.trim())

async function main() {
  // 1. HDX API JSON, 2014–2023: every record on the route.
  const hdx: { year: number; record: Record<string, string> }[] = []
  for (const file of readdirSync(join(shared, 'hdx_iom_api_by_year')).sort()) {
    const year = Number(file.slice(0, 4))
    const records = JSON.parse(readFileSync(join(shared, 'hdx_iom_api_by_year', file), 'utf8')) as Record<
      string,
      string
    >[]
    for (const record of records) hdx.push({ year, record })
  }
  // Records, not whole incidents: IOM gives 2020.MMP00507 both to a boat off Libya and a death in Arizona.
  const hdxOnRoute = (keep: (h: (typeof hdx)[number]) => boolean) =>
    hdx.filter(
      (h) =>
        keep(h) && onRoute(countryOfName(text(h.record.country_of_incident)), text(h.record.migration_route)),
    )
  const early = hdxOnRoute((h) => h.year <= 2023)
  const earlyIds = new Set(early.map((h) => h.record.web_id))

  // 2. giocopp's curated CSV, incidents from 2024 on.
  const giocopp = await readTable(join(shared, 'iom_europe.csv'))
  const recent = giocopp.records.filter((r) => text(r.get('Incident date')) >= '2024-01-01')
  const recentIds = new Set(recent.map((r) => text(r.get('Main ID'))))
  const giocoppRows = recent.filter(
    (r) =>
      !earlyIds.has(text(r.get('Main ID'))) &&
      onRoute(countryOfName(text(r.get('Country of Incident'))), text(r.get('Route'))),
  )

  // 3. HDX 2024–2025 records with no route: giocopp's filter drops them, so they are not double.
  const late = hdxOnRoute(
    (h) => h.year >= 2024 && !text(h.record.migration_route) && !recentIds.has(h.record.web_id ?? ''),
  )
  const hdxRows = [...early, ...late].map((h) => h.record)
  const hdxIds = new Set(hdxRows.map((r) => r.web_id))

  // 4. The 2026 export: incidents giocopp does not have (no route), on the route.
  const exported = await readTable(join(shared, 'MissingMigrants-Global-2026-05-06--19_42_11.csv'))
  const exportRows = exported.records.filter(
    (r) =>
      !recentIds.has(text(r.get('Main ID'))) &&
      !hdxIds.has(text(r.get('Main ID'))) &&
      onRoute(countryInText(text(r.get('Location of death'))), text(r.get('Migration route'))),
  )

  writeFileSync(
    join(here, 'mmp-hdx-route.json'),
    `[\n${hdxRows.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`,
  )
  const csv = (header: CsvRecord, rows: { raw: string }[]) =>
    `${[header.raw, ...rows.map((r) => r.raw)].join('\n')}\n`
  writeFileSync(join(here, 'mmp-giocopp-route.csv'), csv(giocopp.header, giocoppRows))
  writeFileSync(join(here, 'mmp-export-route.csv'), csv(exported.header, exportRows))
  console.log(
    `mmp-hdx-route.json ${hdxRows.length} (2014–2023: ${early.length}, 2024–2025 without route: ${late.length}); ` +
      `mmp-giocopp-route.csv ${giocoppRows.length}; mmp-export-route.csv ${exportRows.length}`,
  )
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main()
