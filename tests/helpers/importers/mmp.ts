// MMP records for the mmp importer's tests, in the HDX API JSON layout: as the API serves them, every
// value a string.

export const hdx = (over: Record<string, string> = {}) => ({
  web_id: '2099.MMP00001',
  region: 'Mediterranean',
  reported_date: '2019-05-12',
  number_dead: '3',
  number_missing: '',
  total_dead_and_missing: '3',
  number_of_survivors: '',
  number_of_female: '',
  number_of_male: '',
  number_of_children: '',
  cause_death: 'Drowning',
  country_of_incident: 'Libya',
  location_description: 'Off the coast of Zuwara, Libya\n',
  unsd_geographic_grouping: 'Uncategorized',
  location_coodinates: '32.93, 12.08',
  migration_route: 'Central Mediterranean',
  information_source: 'IOM Libya',
  url: 'http://bit.ly/abc',
  source_quality: '4',
  ...over,
})
/** One record a line, so record i is on line i + 2. */
export const hdxFile = (records: object[]) => `[\n${records.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`
