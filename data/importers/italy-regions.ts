// Italy's 20 regions: the ISTAT code the Ministry's files carry (CodiceRegione), the ISO 3166-2 code
// Crosswatch stores as the scope, the name, and the admin area that is the same territory where there is
// one (admin_areas holds Italy's provinces; only Valle d'Aosta is one province).
import { looseName } from './names.ts'

export interface ItalianRegion {
  istat: string
  iso: string
  name: string
  /** Other spellings found in sources. */
  aliases?: string[]
  areaId?: string
}

export const ITALIAN_REGIONS: readonly ItalianRegion[] = [
  { istat: '01', iso: 'IT-21', name: 'Piemonte' },
  {
    istat: '02',
    iso: 'IT-23',
    name: "Valle d'Aosta",
    aliases: ["Valle d'Aosta/Vallée d'Aoste"],
    areaId: 'it-aoste',
  },
  { istat: '03', iso: 'IT-25', name: 'Lombardia' },
  { istat: '04', iso: 'IT-32', name: 'Trentino-Alto Adige', aliases: ['Trentino-Alto Adige/Südtirol'] },
  { istat: '05', iso: 'IT-34', name: 'Veneto' },
  { istat: '06', iso: 'IT-36', name: 'Friuli-Venezia Giulia' },
  { istat: '07', iso: 'IT-42', name: 'Liguria' },
  { istat: '08', iso: 'IT-45', name: 'Emilia-Romagna' },
  { istat: '09', iso: 'IT-52', name: 'Toscana' },
  { istat: '10', iso: 'IT-55', name: 'Umbria' },
  { istat: '11', iso: 'IT-57', name: 'Marche' },
  { istat: '12', iso: 'IT-62', name: 'Lazio' },
  { istat: '13', iso: 'IT-65', name: 'Abruzzo' },
  { istat: '14', iso: 'IT-67', name: 'Molise' },
  { istat: '15', iso: 'IT-72', name: 'Campania' },
  { istat: '16', iso: 'IT-75', name: 'Puglia' },
  { istat: '17', iso: 'IT-77', name: 'Basilicata' },
  { istat: '18', iso: 'IT-78', name: 'Calabria' },
  { istat: '19', iso: 'IT-82', name: 'Sicilia' },
  { istat: '20', iso: 'IT-88', name: 'Sardegna' },
]

const byName = new Map<string, ItalianRegion>()
for (const region of ITALIAN_REGIONS) {
  for (const name of [region.name, ...(region.aliases ?? [])]) byName.set(looseName(name), region)
}

/** The region of a name (accents, case and punctuation aside: "Friuli Venezia Giulia"), or undefined. */
export function regionByName(name: string): ItalianRegion | undefined {
  return byName.get(looseName(name))
}

/** The region of an ISTAT code (`19`, or `9` for `09`), or undefined. */
export function regionByIstat(code: string): ItalianRegion | undefined {
  const two = code.trim().padStart(2, '0')
  return ITALIAN_REGIONS.find((r) => r.istat === two)
}
