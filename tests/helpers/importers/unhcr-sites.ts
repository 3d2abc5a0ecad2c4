// UNHCR site-list files for the unhcr-sites importer's tests, a line at a time.

const HEADER =
  '"","pcode","Country","name","name_alt","loc_type","loc_subtype","createdate","createby","closedate","updatedate","source","unhcr_assist","status","POINT_X","POINT_Y","adjusted_vars","type"'
export type Cells = Record<
  'pcode' | 'country' | 'name' | 'alt' | 'locType' | 'created' | 'closed' | 'status' | 'x' | 'y' | 'type',
  string
>
export const line = (over: Partial<Cells> = {}) => {
  const v: Cells = {
    pcode: 'NERs000901',
    country: 'Niger',
    name: 'Testsite',
    alt: 'NA',
    locType: 'IDP Location',
    created: '2/28/19',
    closed: 'NA',
    status: '1',
    x: '7.5',
    y: '16.5',
    type: 'IDP',
    ...over,
  }
  return `"1","${v.pcode}","${v.country}","${v.name}",${v.alt},"${v.locType}","N/A","${v.created}",NA,${v.closed},"11/1/19","UNHCR","Yes",${v.status},${v.x},${v.y},0,"${v.type}"`
}
export const file = (...lines: string[]) => `${HEADER}\n${lines.join('\n')}\n`
