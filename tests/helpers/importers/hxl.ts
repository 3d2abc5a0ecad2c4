// HXL files for the hxl importer's tests: the DTM API layout of HDX, cut to the columns that matter;
// lines 3+ are data.

const HEADER = [
  'operation,admin0Pcode,admin1Name,admin1Pcode,admin2Pcode,adminLevel,numPresentIdpInd,reportingDate,displacementReason,assessmentType',
  '#operation+name,#country+code,#adm1+name,#adm1+code,#adm2+code,#adm+level,#affected+idps,#date+reported,#cause+type,#assessment+type',
].join('\n')
export const line = (
  over: Partial<
    Record<'country' | 'pcode' | 'adm2' | 'level' | 'idps' | 'date' | 'reason' | 'type', string>
  > = {},
) => {
  const v = {
    country: 'TCD',
    pcode: 'TD97',
    adm2: '',
    level: '1',
    idps: '100',
    date: '2024-06-30T00:00:00',
    reason: 'Conflict',
    type: 'BA',
    ...over,
  }
  return `Lake Chad Basin Crisis,${v.country},Testarea,${v.pcode},${v.adm2},${v.level},${v.idps},${v.date},${v.reason},${v.type}`
}
export const file = (...lines: string[]) => `${HEADER}\n${lines.join('\n')}\n`
