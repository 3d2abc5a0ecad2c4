// Every table of Crosswatch. Geometry is WGS 84 (SRID 4326); each spatial column has a GiST index.
import { sql } from 'drizzle-orm'
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  char,
  check,
  date,
  index,
  integer,
  json,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { geometry } from './geometry.ts'
import {
  CORRIDOR_MODES,
  COUNT_DIRECTIONS,
  COUNT_PERIODS,
  INCIDENT_TYPES,
  POST_KINDS,
  POST_STATUSES,
  ROLES,
  SEVERITIES,
  VERIFICATIONS,
} from './vocabulary.ts'

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

export const postKind = pgEnum('post_kind', POST_KINDS)
export const locationPrecision = pgEnum('location_precision', ['site', 'town'])
export const postStatus = pgEnum('post_status', POST_STATUSES)

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

export const countPeriod = pgEnum('count_period', COUNT_PERIODS)
export const countDirection = pgEnum('count_direction', COUNT_DIRECTIONS)

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

export const corridorMode = pgEnum('corridor_mode', CORRIDOR_MODES)

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

export const incidentType = pgEnum('incident_type', INCIDENT_TYPES)
export const severity = pgEnum('severity', SEVERITIES)
export const verification = pgEnum('verification', VERIFICATIONS)

export const incidents = pgTable(
  'incidents',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    location: geometry('location', 'Point').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    /** How precise occurred_at is: `time` (a report's instant), `day`, or `month` for records that give no day. */
    occurredPrecision: text('occurred_precision').notNull().default('day'),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull().defaultNow(),
    type: incidentType('type').notNull(),
    severity: severity('severity').notNull(),
    /** For a report: how far the true place may be from `location`, in metres, as the reporter's device says. */
    accuracyM: integer('accuracy_m'),
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
    /** For a field report: who sent it and the agency it belongs to (null for imported records). */
    reportedBy: integer('reported_by').references(() => users.id),
    agencyId: integer('agency_id').references(() => agencies.id),
    /** The coordinator who owns the response, if one is assigned. */
    ownerId: integer('owner_id').references(() => users.id),
    /** Why a coordinator rejected the report. */
    rejectionReason: text('rejection_reason'),
    /** The incident this report duplicates, when merged into it. */
    duplicateOf: bigint('duplicate_of', { mode: 'number' }).references((): AnyPgColumn => incidents.id),
    /** When the response was closed; null while it is open. */
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    /** The photo's file name in the photo folder (content hash + extension), if the report has one. */
    photo: text('photo'),
    /**
     * Its agency lets other agencies read the description of this verified report (docs/api.md#who-sees-what);
     * without it they see the event, coarsened, and no free text.
     */
    shareable: boolean('shareable').notNull().default(false),
    /** Rises by one on each reviewed change, so two coordinators cannot overwrite each other unseen. */
    version: integer('version').notNull().default(1),
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
    index('incidents_review_idx').on(t.agencyId, t.verification).where(sql`${t.reportedBy} IS NOT NULL`),
    index('incidents_reported_by_idx').on(t.reportedBy),
    uniqueIndex('incidents_source_external_id').on(t.sourceId, t.externalId),
    check(
      'incidents_counts',
      sql`${t.dead} >= 0 AND ${t.missing} >= 0 AND ${t.injured} >= 0 AND ${t.survivors} >= 0 AND ${t.children} >= 0`,
    ),
    check('incidents_accuracy', sql`${t.accuracyM} IS NULL OR ${t.accuracyM} >= 0`),
  ],
)

/**
 * Idempotency keys of write requests (`POST /api/reports`): the client's UUID, what it asked (a hash of
 * the request) and what it was answered, so that a retry gets the same answer and stores nothing new.
 */
/** Every reviewed change of an incident: who, when, what, and its fields before and after. Append-only. */
export const incidentAudit = pgTable(
  'incident_audit',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    incidentId: bigint('incident_id', { mode: 'number' })
      .notNull()
      .references(() => incidents.id),
    /** Null when the system made the change (e.g. a report stored). */
    userId: integer('user_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** `reported`, `verified`, `rejected`, `merged`, `severity`, `assigned`, `resolved`, `reopened`. */
    action: text('action').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [index('incident_audit_incident_idx').on(t.incidentId, t.at)],
)

export const role = pgEnum('role', ROLES)

/** An organisation whose people use Crosswatch: a border police, a coast guard, IOM. */
export const agencies = pgTable('agencies', {
  id: serial('id').primaryKey(),
  /** Short id, lower case, e.g. `iom`; `npm run user -- add --agency` accepts it or the name. */
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    /** Stored lower case: one account per address. */
    email: text('email').notNull(),
    name: text('name').notNull().default(''),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    role: role('role').notNull(),
    /** argon2id, PHC string. */
    passwordHash: text('password_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** A disabled user cannot sign in and their tokens stop working. */
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('users_email').on(t.email),
    check('users_email_lower', sql`${t.email} = lower(${t.email})`),
  ],
)

export const tokenKind = pgEnum('token_kind', ['session', 'device'])

/** Sessions (from a login) and device tokens (made by an admin for a field phone); only hashes are kept. */
export const authTokens = pgTable(
  'auth_tokens',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: tokenKind('kind').notNull(),
    /** SHA-256 of the token, hex: a stolen table gives no usable token. */
    tokenHash: text('token_hash').notNull().unique(),
    /** For a device token: what the admin called it, e.g. "Agadez team phone 2". */
    label: text('label').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Sessions expire; device tokens last until revoked (null). */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('auth_tokens_user_idx').on(t.userId)],
)

/**
 * Every change of a user's account (added, role, agency, name, password, disabled, device tokens): who did
 * it, when, and the fields before and after (never a password or its hash). Append-only, like incident_audit.
 */
export const userAudit = pgTable(
  'user_audit',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The user changed. */
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    /** Who changed it; null for the machine's operator (the local token, `npm run user` on the database). */
    actorId: integer('actor_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** `added`, `changed`, `password`, `disabled`, `enabled`, `device-added`, `device-revoked`. */
    action: text('action').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [index('user_audit_user_idx').on(t.userId, t.at)],
)

/**
 * Failed sign-ins, kept in the database so that every server process on it counts the same ones
 * (server/auth/throttle.ts): per account and per source address.
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The address as typed, lower case (it may name no account). */
    email: text('email').notNull(),
    /** The client's address as the server saw it. */
    address: text('address').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('login_failures_email_idx').on(t.email, t.at),
    index('login_failures_address_idx').on(t.address, t.at),
  ],
)

export const idempotencyKeys = pgTable('idempotency_keys', {
  key: uuid('key').primaryKey(),
  /** The endpoint, e.g. `POST /api/reports`: a key is one request, not one per endpoint. */
  scope: text('scope').notNull(),
  /** SHA-256 of the request as validated (body and simulated flag): the same key with another request is refused. */
  requestHash: text('request_hash').notNull(),
  status: smallint('status').notNull(),
  /** Who sent the request (null for the local token): a key answers only its sender (row-level security). */
  userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
  /** `json`, not `jsonb`: the answer is replayed byte for byte, its keys in their order. */
  response: json('response').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

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
  /** Where internally displaced people live outside camps (UNHCR FICSS "IDP Location", "IDP Center"…). */
  'idp_site',
  /** Where refugees or asylum seekers live outside camps (UNHCR FICSS "Refugee Location", urban locations…). */
  'refugee_site',
  /** Where returnees live (UNHCR FICSS "Returnee Location"). */
  'returnee_site',
])
export const resourceStatus = pgEnum('resource_status', ['open', 'closed'])

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
    /** Null when no source we hold says whether the place is open. */
    status: resourceStatus('status'),
    /** The day the source says the place closed, when it says so. */
    closedOn: date('closed_on', { mode: 'string' }),
    sourceId: sourceRef(),
    sourceRef: text('source_ref'),
    /** What the source says of the place beyond the columns (its own type, other names, dates). */
    notes: text('notes'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('resources_location_idx').using('gist', t.location),
    check('resources_capacity', sql`${t.capacity} IS NULL OR ${t.capacity} >= 0`),
    check('resources_occupancy', sql`${t.occupancy} IS NULL OR ${t.occupancy} >= 0`),
  ],
)

/**
 * The append-only log of what changed, for live clients: each row is also announced with NOTIFY on
 * `crosswatch_events` (payload: the event as JSON, or its id when too big) when its transaction
 * commits, so every server process on the database delivers it, and a client that reconnects with
 * Last-Event-ID gets what it missed from here.
 */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** `incident.created`, `incident.updated`, `crossings.updated`, `surge.detected`, … */
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    /** The incident the event is about: a caller sees the event only if they may see the incident (RLS). */
    incidentId: bigint('incident_id', { mode: 'number' }).references(() => incidents.id, {
      onDelete: 'cascade',
    }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('events_created_at_idx').on(t.createdAt), index('events_incident_idx').on(t.incidentId)],
)

/** What a published aggregate figure counts. */
export const reportedMeasure = pgEnum('reported_measure', [
  /** People landed by sea (Italy's Ministry of the Interior). */
  'sea_arrivals',
  /** Detections of illegal border crossings (Frontex): detections, not people; one person may cross twice. */
  'illegal_border_crossings',
  /** People hosted in reception, counted on a date. */
  'people_in_reception',
])
/** The scope a figure covers: a whole country, a region of one, or a migration route. */
export const reportedScope = pgEnum('reported_scope', ['country', 'region', 'route'])
/**
 * The time a figure covers, from period_start to period_end (both included): one day, one calendar month,
 * 1 January to a report's date (year to date), or a stock counted on one date.
 */
export const reportedPeriod = pgEnum('reported_period', ['day', 'month', 'year_to_date', 'on_date'])
export const borderType = pgEnum('border_type', ['land', 'sea'])
/** Italy's reception system: hotspots, first-line centres (CAS and others), and the SIPROIMI network, renamed SAI in 2020. */
export const receptionKind = pgEnum('reception_kind', ['hotspot', 'reception_centre', 'siproimi', 'sai'])

/**
 * Totals published for a country, a region or a route (not counted at one post, so not crossing_counts):
 * daily sea arrivals to Italy, Frontex's monthly detections by route, people in reception by Italian region.
 * Null breakdown columns mean "all"; a row is identified by everything but its count (reported_counts_key,
 * ordered so that it also serves the reads of one series: measure, scope, period, start).
 */
export const reportedCounts = pgTable(
  'reported_counts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    measure: reportedMeasure('measure').notNull(),
    scopeKind: reportedScope('scope_kind').notNull(),
    /** ISO 3166-1 alpha-2 (`IT`), ISO 3166-2 (`IT-82`, Sicily) or a route slug (`central-mediterranean`). */
    scopeCode: text('scope_code').notNull(),
    scopeName: text('scope_name').notNull(),
    /** The country of a country or region scope; null for a route. */
    country: char('country', { length: 2 }),
    /** The admin area that is exactly this scope, where Crosswatch has one (Valle d'Aosta is the area of Aosta). */
    areaId: text('area_id').references(() => adminAreas.id, { onDelete: 'set null' }),
    period: reportedPeriod('period').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    /** ISO 3166-1 alpha-3 as the source gives it (Frontex adds OOO, OOS, STL, XKX), or `other`: the rest. */
    nationality: text('nationality'),
    borderType: borderType('border_type'),
    reception: receptionKind('reception'),
    count: integer('count').notNull(),
    /** The date of the report the figure was last published in; null when the source does not say. */
    reportedOn: date('reported_on', { mode: 'string' }),
    /** A caveat of this figure, e.g. a day counted to midnight where the others end at 08:00. */
    notes: text('notes'),
    sourceId: sourceRef(),
  },
  (t) => [
    unique('reported_counts_key')
      .on(
        t.measure,
        t.scopeCode,
        t.period,
        t.periodStart,
        t.periodEnd,
        t.nationality,
        t.borderType,
        t.reception,
        t.scopeKind,
        t.sourceId,
      )
      .nullsNotDistinct(),
    check('reported_counts_count', sql`${t.count} >= 0`),
    check('reported_counts_nationality', sql`${t.nationality} ~ '^([A-Z]{3}|other)$'`),
    check(
      'reported_counts_period',
      sql`${t.periodEnd} >= ${t.periodStart} AND CASE ${t.period}
        WHEN 'day' THEN ${t.periodEnd} = ${t.periodStart}
        WHEN 'on_date' THEN ${t.periodEnd} = ${t.periodStart}
        WHEN 'month' THEN extract(day FROM ${t.periodStart}) = 1
          AND ${t.periodEnd} = (${t.periodStart} + interval '1 month' - interval '1 day')::date
        WHEN 'year_to_date' THEN extract(month FROM ${t.periodStart}) = 1 AND extract(day FROM ${t.periodStart}) = 1
          AND extract(year FROM ${t.periodStart}) = extract(year FROM ${t.periodEnd}) END`,
    ),
  ],
)

/** The documents a source publishes its figures in, by date (e.g. each Cruscotto statistico PDF). */
export const sourceReports = pgTable(
  'source_reports',
  {
    sourceId: sourceRef(),
    reportedOn: date('reported_on', { mode: 'string' }).notNull(),
    url: text('url').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.reportedOn] })],
)

/** Country shapes of a UN-style basemap (IOM's world map): one row per shape, a country may have several. */
export const countries = pgTable(
  'countries',
  {
    /** A slug of the name; a name's further shapes in file order get -2, -3… (the United Kingdom has 4). */
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** ISO 3166-1 codes; null for shapes that have none (Siachen Glacier, Zanzibar…). */
    iso2: char('iso2', { length: 2 }),
    iso3: char('iso3', { length: 3 }),
    /** The country whose figures this shape counts under, as the map says (`For.data.p`: Gaza → Palestinian Territories). */
    dataCountry: text('data_country'),
    geometry: geometry('geometry', 'MultiPolygon').notNull(),
    sourceId: sourceRef(),
    sourceRef: text('source_ref').notNull(),
  },
  (t) => [
    index('countries_geometry_idx').using('gist', t.geometry),
    index('countries_iso2_idx').on(t.iso2),
    check(
      'countries_iso',
      sql`(${t.iso2} IS NULL OR ${t.iso2} ~ '^[A-Z]{2}$') AND (${t.iso3} IS NULL OR ${t.iso3} ~ '^[A-Z]{3}$')`,
    ),
  ],
)

/** Disputed or undetermined boundaries a UN-style map draws dotted over the country shapes. */
export const disputedBoundaries = pgTable(
  'disputed_boundaries',
  {
    /** `<object>-<index>` in the source file, e.g. `disputed_dotted_white-5`. */
    id: text('id').primaryKey(),
    /** The overlay it belongs to: `black` (drawn dark, on light land) or `white` (drawn light). */
    style: text('style').notNull(),
    /** The territory or country the line concerns, as the file says (e.g. Western Sahara, Abyei). */
    name: text('name'),
    geometry: geometry('geometry', 'MultiLineString').notNull(),
    sourceId: sourceRef(),
  },
  (t) => [
    index('disputed_boundaries_geometry_idx').using('gist', t.geometry),
    check('disputed_boundaries_style', sql`${t.style} IN ('black', 'white')`),
  ],
)

/**
 * IMO search-and-rescue regions: the sea area whose rescue coordination centre is responsible for a
 * distress case there. Maritime areas of responsibility, kept apart from admin areas.
 */
export const sarRegions = pgTable(
  'sar_regions',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** ISO 3166-1 alpha-2 of the state responsible for the region. */
    country: char('country', { length: 2 }).notNull(),
    /** The rescue coordination centre, when the source names one (e.g. MRCC Roma). */
    responsibleCentre: text('responsible_centre'),
    geometry: geometry('geometry', 'MultiPolygon').notNull(),
    sourceId: sourceRef(),
    sourceRef: text('source_ref'),
  },
  (t) => [
    index('sar_regions_geometry_idx').using('gist', t.geometry),
    check('sar_regions_country_iso2', sql`${t.country} ~ '^[A-Z]{2}$'`),
  ],
)
