// Every feature says which dataset it comes from, under which licence, and whether it is modelled.
import { type SQL, sql } from 'drizzle-orm'

export interface Dataset {
  id: string
  name: string
  licence: string
  modelled: boolean
  /** How to credit it, when the publisher asks for a form of words. */
  citation: string | null
}

/** The columns toDataset reads, from the `sources` row aliased as `alias`. */
export function datasetColumns(alias: SQL): SQL {
  return sql`${alias}.id AS "datasetId", ${alias}.name AS "datasetName", ${alias}.licence AS "datasetLicence",
             ${alias}.modelled AS "datasetModelled", ${alias}.citation AS "datasetCitation"`
}

export function toDataset(row: Record<string, unknown>): Dataset {
  return {
    id: row.datasetId as string,
    name: row.datasetName as string,
    licence: row.datasetLicence as string,
    modelled: row.datasetModelled as boolean,
    citation: (row.datasetCitation as string | null) ?? null,
  }
}
