// Every feature says which dataset it comes from, under which licence, and whether it is modelled: one
// schema, which the API documents and the web type-imports.
import { z } from '@hono/zod-openapi'
import { type SQL, sql } from 'drizzle-orm'

export const datasetSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    licence: z.string(),
    modelled: z.boolean().openapi({ description: 'figures estimated by a model, not observed' }),
    citation: z
      .string()
      .nullable()
      .openapi({ description: 'how to credit it, when the publisher asks for a form of words' }),
  })
  .openapi('Dataset')
export type Dataset = z.infer<typeof datasetSchema>

/** The columns toDataset reads, from the `sources` row aliased as `alias`. */
export function datasetColumns(alias: SQL): SQL {
  return sql`${alias}.id AS "datasetId", ${alias}.name AS "datasetName", ${alias}.licence AS "datasetLicence",
             ${alias}.modelled AS "datasetModelled", ${alias}.citation AS "datasetCitation"`
}

/** The columns datasetColumns selects, as a row type to intersect with a layer's own. */
export type DatasetColumns = {
  datasetId: string
  datasetName: string
  datasetLicence: string
  datasetModelled: boolean
  datasetCitation: string | null
}

export function toDataset(row: DatasetColumns): Dataset {
  return {
    id: row.datasetId,
    name: row.datasetName,
    licence: row.datasetLicence,
    modelled: row.datasetModelled,
    citation: row.datasetCitation ?? null,
  }
}
