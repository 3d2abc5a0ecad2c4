// Every table of Crosswatch. Geometry is WGS 84 (SRID 4326); each spatial column has a GiST index.
import { sql } from 'drizzle-orm'
import {
  bigserial,
  boolean,
  char,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
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
  /** How to credit the dataset, e.g. "Source: IOM Missing Migrants Project". */
  citation: text('citation'),
  notes: text('notes'),
})

const sourceRef = () =>
  text('source_id')
    .notNull()
    .references(() => sources.id)

export const postKind = pgEnum('post_kind', ['land', 'sea', 'air'])
export const locationPrecision = pgEnum('location_precision', ['site', 'town'])
export const postStatus = pgEnum('post_status', ['open', 'restricted', 'closed'])

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
    /** Null when no source we hold says whether the post is open. */
    status: postStatus('status'),
    statusNote: text('status_note'),
    /** Traveller-registration system run at the post, e.g. MIDAS; null when not known to run one. */
    registrationSystem: text('registration_system'),
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

/** Flow-monitoring points and transit hubs where movements are counted (Agadez, Séguédine, Sebha…). */
export const flowPoints = pgTable(
  'flow_points',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    country: char('country', { length: 2 }).notNull(),
    /** `fmp` (a flow-monitoring point) or `hub` (a transit town). */
    kind: text('kind').notNull(),
    location: geometry('location', 'Point').notNull(),
    locationPrecision: locationPrecision('location_precision').notNull(),
    sourceId: sourceRef(),
    sourceRef: text('source_ref').notNull(),
    sourceUrl: text('source_url'),
    notes: text('notes'),
  },
  (t) => [
    index('flow_points_location_idx').using('gist', t.location),
    check('flow_points_kind', sql`${t.kind} IN ('fmp', 'hub')`),
  ],
)

export const countPeriod = pgEnum('count_period', ['hour', 'day', 'month'])
export const countDirection = pgEnum('count_direction', ['in', 'out'])

/**
 * Crossings counted at a post or a flow point over one hour, day or month (DTM publishes monthly), in one
 * direction. Keyed by its natural key (no surrogate id), led by site and time so that a site's series is one
 * index range; a BRIN index serves windows over all sites. No other index: each one costs every inserted
 * row (docs/import.md#speed).
 */
export const crossingCounts = pgTable(
  'crossing_counts',
  {
    postId: text('post_id').references(() => borderPosts.id, { onDelete: 'cascade' }),
    flowPointId: text('flow_point_id').references(() => flowPoints.id, { onDelete: 'cascade' }),
    /** The post or the flow point, whichever is set. */
    siteId: text('site_id').notNull().generatedAlwaysAs(sql`coalesce(post_id, flow_point_id)`),
    periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
    period: countPeriod('period').notNull(),
    direction: countDirection('direction').notNull(),
    count: integer('count').notNull(),
    /** Optional breakdowns: {"nationality": {"NGA": 12}, "sex": {"f": 3}, "ageGroup": {...}, "purpose": {...}}. */
    breakdown: jsonb('breakdown'),
    sourceId: sourceRef(),
  },
  (t) => [
    // The key, unique over NOT NULL columns. Not declared as the PRIMARY KEY: drizzle-kit would add that
    // constraint before the generated column it needs (and while the old `id` key still holds the name).
    uniqueIndex('crossing_counts_natural_key').on(t.siteId, t.periodStart, t.period, t.direction, t.sourceId),
    check('crossing_counts_one_site', sql`num_nonnulls(${t.postId}, ${t.flowPointId}) = 1`),
    check('crossing_counts_count', sql`${t.count} >= 0`),
    index('crossing_counts_time_brin').using('brin', t.periodStart),
  ],
)

export const corridorMode = pgEnum('corridor_mode', ['land', 'sea', 'mixed'])

/** A named route, drawn as a line through real towns and posts. */
export const corridors = pgTable(
  'corridors',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    mode: corridorMode('mode').notNull(),
    geometry: geometry('geometry', 'LineString').notNull(),
    sourceId: sourceRef(),
    sourceRef: text('source_ref').notNull(),
    notes: text('notes'),
  },
  (t) => [index('corridors_geometry_idx').using('gist', t.geometry)],
)

/** The stages of a corridor in order; each is a post, a flow point, or a named place. */
export const corridorStages = pgTable(
  'corridor_stages',
  {
    corridorId: text('corridor_id')
      .notNull()
      .references(() => corridors.id, { onDelete: 'cascade' }),
    seq: smallint('seq').notNull(),
    name: text('name').notNull(),
    postId: text('post_id').references(() => borderPosts.id),
    flowPointId: text('flow_point_id').references(() => flowPoints.id),
  },
  (t) => [
    primaryKey({ columns: [t.corridorId, t.seq] }),
    check('corridor_stages_at_most_one_site', sql`num_nonnulls(${t.postId}, ${t.flowPointId}) <= 1`),
  ],
)

export const incidentType = pgEnum('incident_type', [
  'death_or_disappearance',
  'shipwreck',
  'interception_or_rescue',
  'violence_or_abuse',
  'trafficking',
  'smuggling',
  'forged_document',
  'medical_emergency',
  'stranded_group',
  'expulsion_or_pushback',
  'natural_hazard',
  'other',
])
export const severity = pgEnum('severity', ['low', 'moderate', 'high', 'critical'])
export const verification = pgEnum('verification', ['unverified', 'verified', 'rejected', 'duplicate'])

export const incidents = pgTable(
  'incidents',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    location: geometry('location', 'Point').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    /** How precise occurred_at is: `day` or `month` for records that give no day. */
    occurredPrecision: text('occurred_precision').notNull().default('day'),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull().defaultNow(),
    type: incidentType('type').notNull(),
    severity: severity('severity').notNull(),
    dead: integer('dead').notNull().default(0),
    missing: integer('missing').notNull().default(0),
    injured: integer('injured').notNull().default(0),
    survivors: integer('survivors').notNull().default(0),
    children: integer('children').notNull().default(0),
    /** Cause as the source states it, e.g. MMP's "Drowning". */
    cause: text('cause'),
    country: char('country', { length: 2 }),
    route: text('route'),
    description: text('description').notNull().default(''),
    verification: verification('verification').notNull().default('unverified'),
    sourceId: sourceRef(),
    /** The record's id in its source (e.g. MMP's Main ID), for idempotent imports. */
    externalId: text('external_id'),
    sourceUrl: text('source_url'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('incidents_location_idx').using('gist', t.location),
    index('incidents_occurred_at_idx').on(t.occurredAt),
    uniqueIndex('incidents_source_external_id').on(t.sourceId, t.externalId),
    check(
      'incidents_counts',
      sql`${t.dead} >= 0 AND ${t.missing} >= 0 AND ${t.injured} >= 0 AND ${t.survivors} >= 0 AND ${t.children} >= 0`,
    ),
  ],
)

/** Admin-1 areas of the region's countries. */
export const adminAreas = pgTable(
  'admin_areas',
  {
    id: text('id').primaryKey(),
    /** OCHA P-code where known (e.g. NE001 for Agadez). */
    pcode: text('pcode'),
    name: text('name').notNull(),
    country: char('country', { length: 2 }).notNull(),
    level: smallint('level').notNull().default(1),
    geometry: geometry('geometry', 'MultiPolygon').notNull(),
    sourceId: sourceRef(),
  },
  (t) => [
    index('admin_areas_geometry_idx').using('gist', t.geometry),
    uniqueIndex('admin_areas_pcode').on(t.pcode),
  ],
)

export const displacementCounts = pgTable(
  'displacement_counts',
  {
    areaId: text('area_id')
      .notNull()
      .references(() => adminAreas.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    internallyDisplaced: integer('internally_displaced'),
    returnees: integer('returnees'),
    peopleInSites: integer('people_in_sites'),
    sourceId: sourceRef(),
  },
  (t) => [primaryKey({ columns: [t.areaId, t.date, t.sourceId] })],
)

export const resourceKind = pgEnum('resource_kind', [
  'shelter',
  'health_post',
  'water_point',
  'transit_centre',
  'reception_centre',
  'camp',
])

/** Places that can take people in: shelters, health posts, water points, transit and reception centres. */
export const resources = pgTable(
  'resources',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    kind: resourceKind('kind').notNull(),
    country: char('country', { length: 2 }).notNull(),
    location: geometry('location', 'Point').notNull(),
    operator: text('operator'),
    capacity: integer('capacity'),
    occupancy: integer('occupancy'),
    /** Where capacity and occupancy come from, when not from the record's own source (often modelled). */
    capacitySourceId: text('capacity_source_id').references(() => sources.id),
    sourceId: sourceRef(),
    sourceRef: text('source_ref'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('resources_location_idx').using('gist', t.location),
    check('resources_capacity', sql`${t.capacity} IS NULL OR ${t.capacity} >= 0`),
    check('resources_occupancy', sql`${t.occupancy} IS NULL OR ${t.occupancy} >= 0`),
  ],
)
