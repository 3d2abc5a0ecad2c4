// The Italian series' headers and a line of daily arrivals, for the italy importer's tests.

export const ARRIVALS = 'Data,Valore,Note,Fonte,Data_Report'
export const NOTE8 =
  '*I dati si riferiscono agli eventi di sbarco rilevati entro le ore 8:00 del giorno di riferimento'
export const NOTE24 =
  '*I dati si riferiscono agli eventi di sbarco rilevati entro le ore 24:00 del giorno di riferimento'
export const day = (data: string, value: string, report: string, note = NOTE8) =>
  `${data},${value},${note},Fonte: Dipartimento della Pubblica sicurezza.,${report}`
export const NATIONALITIES = 'Data_Report,Nazione,ISO_3166-1,Valore'
export const RECEPTION =
  'Regione,Data_Report,Migranti presenti negli hot spot,Migranti presenti nei centri di accoglienza,' +
  'Migranti presenti nei centri SIPROIMI,Migranti presenti nei centri SAI,CodiceRegione,DenominazioneRegione'
export const REPORTS = 'Data_Report,URL'
