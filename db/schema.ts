// Every table of Crosswatch. Geometry is WGS 84 (SRID 4326); each spatial column has a GiST index.
import { sql } from 'drizzle-orm'
import { boolean, char, check, index, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { geometry } from './geometry.ts'

/** A dataset a record comes from: who published it, under which licence, and whether it is modelled. */
export const sources = pgTable('sources', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  publisher: text('publisher').notNull(),
  licence: text('licence').notNull(),
  url: text('url'),
  retrievedAt: timestamp('retrieved_at', { withTimezone: true }),
  /** Modelled data is labelled as such wherever a person sees it. */
  modelled: boolean('modelled').notNull().default(false),
  /** For modelled data: the published figures it was calibrated on. */
  calibratedOn: text('calibrated_on'),
})

export const postKind = pgEnum('post_kind', ['land', 'sea', 'air'])
export const locationPrecision = pgEnum('location_precision', ['site', 'town'])

/** Border crossing points, border posts and ports of arrival. */
export const borderPosts = pgTable(
  'border_posts',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    kind: postKind('kind').notNull(),
    /** ISO 3166-1 alpha-2 of the country the post stands in. */
    country: char('country', { length: 2 }).notNull(),
    /** ISO 3166-1 alpha-2 of the country it joins (across the border or the sea). */
    counterpart: char('counterpart', { length: 2 }).notNull(),
    location: geometry('location', 'Point').notNull(),
    locationPrecision: locationPrecision('location_precision').notNull(),
    operator: text('operator'),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id),
    /** The citation for this record within its dataset, e.g. the page its coordinates come from. */
    sourceRef: text('source_ref').notNull(),
    sourceUrl: text('source_url'),
    notes: text('notes'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('border_posts_location_idx').using('gist', t.location),
    check('border_posts_country_iso2', sql`${t.country} ~ '^[A-Z]{2}$' AND ${t.counterpart} ~ '^[A-Z]{2}$'`),
  ],
)
