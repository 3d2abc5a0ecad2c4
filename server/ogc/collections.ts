// The feature collections served at /ogc (OGC API – Features): each is a table as flat GIS fields, its
// geometry, and the timestamp `datetime` filters on. The SQL of each collection lives here.
import { type SQL, sql } from 'drizzle-orm'
import type { Bbox } from '../http/params.ts'
import { visibleIncidents } from '../layers/filters.ts'

/** The `datetime` of a request: an instant is start = end; open ends are undefined. */
export interface Interval {
  start?: Date | undefined
  end?: Date | undefined
}

export interface OgcCollection {
  id: string
  title: string
  description: string
  /**
   * FROM … (with joins), aliasing the main table as `t` (whose `id` is the feature id) and its `sources`
   * row as `s`; `bbox` lets a collection filter by it itself (the incidents do, to use the index under
   * row-level security).
   */
  from: (window: Interval, bbox?: Bbox) => SQL
  geometry: SQL
  /** A jsonb object of flat properties (scalars only: GIS clients map them to fields). */
  properties: SQL
  /** The instant `datetime` filters on; collections without one ignore `datetime`. */
  temporal?: SQL
}

/** Every record says where it comes from: the same four fields on every collection. */
const provenance = sql`'dataset_id', s.id, 'dataset', s.name, 'licence', s.licence, 'modelled', s.modelled`

/** `table` as `t` with its dataset as `s`. */
const withSource = (table: string) => sql`${sql.raw(table)} t JOIN sources s ON s.id = t.source_id`

export const ogcCollections: OgcCollection[] = [
  {
    id: 'border-posts',
    title: 'Border posts, ports and airports',
    description: 'Border crossing points and ports of arrival of the central Mediterranean route.',
    from: () => withSource('border_posts'),
    geometry: sql`t.location`,
    properties: sql`jsonb_build_object('name', t.name, 'kind', t.kind, 'country', t.country,
      'counterpart', t.counterpart, 'operator', t.operator, 'status', t.status,
      'registration_system', t.registration_system, 'location_precision', t.location_precision,
      'source_ref', t.source_ref, 'source_url', t.source_url, ${provenance})`,
  },
  {
    id: 'flow-points',
    title: 'Flow-monitoring points and transit hubs',
    description: 'IOM DTM flow-monitoring points and transit towns where movements are counted.',
    from: () => withSource('flow_points'),
    geometry: sql`t.location`,
    properties: sql`jsonb_build_object('name', t.name, 'kind', t.kind, 'country', t.country,
      'location_precision', t.location_precision, 'source_ref', t.source_ref, ${provenance})`,
  },
  {
    id: 'incidents',
    title: 'Incidents',
    description:
      'Deaths and disappearances (IOM Missing Migrants Project), shipwrecks, rescues, abuse and field reports.',
    // As the caller may see them (coarsened, small counts withheld); merged and rejected reports left out.
    from: (_, bbox) => sql`(SELECT * FROM ${visibleIncidents(bbox)} vi
      WHERE vi.verification NOT IN ('rejected', 'duplicate')) t JOIN sources s ON s.id = t.source_id
      LEFT JOIN agencies ag ON ag.id = t.agency_id`,
    geometry: sql`t.location`,
    properties: sql`jsonb_build_object('type', t.type, 'severity', t.severity, 'access', t.access,
      'withheld', array_to_string(t.withheld, ','), 'agency', ag.code,
      'occurred_at', to_char(t.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
      'occurred_precision', t.occurred_precision, 'dead', t.dead, 'missing', t.missing,
      'injured', t.injured, 'survivors', t.survivors, 'children', t.children, 'cause', t.cause,
      'country', t.country, 'route', t.route, 'verification', t.verification,
      'external_id', t.external_id, 'source_url', t.source_url, 'description', t.description, ${provenance})`,
    temporal: sql`t.occurred_at`,
  },
  {
    id: 'corridors',
    title: 'Corridors',
    description: 'Named routes drawn through the towns, posts and flow points of their stages.',
    from: () => withSource('corridors'),
    geometry: sql`t.geometry`,
    properties: sql`jsonb_build_object('name', t.name, 'mode', t.mode,
      'stages', (SELECT string_agg(st.name, ' – ' ORDER BY st.seq) FROM corridor_stages st WHERE st.corridor_id = t.id),
      'notes', t.notes, 'source_ref', t.source_ref, ${provenance})`,
  },
  {
    id: 'admin-areas',
    title: 'Admin areas with displacement',
    description:
      'Admin-1 areas of the route’s countries with their latest displacement figures (as of the end of `datetime`, when given); the figures’ own dataset is in displacement_dataset and displacement_modelled.',
    from: ({ end }) => sql`${withSource('admin_areas')}
      LEFT JOIN LATERAL (
        SELECT d.date, d.internally_displaced, d.returnees, d.people_in_sites, ds.id AS source_id, ds.modelled
        FROM displacement_counts d JOIN sources ds ON ds.id = d.source_id
        WHERE d.area_id = t.id ${end ? sql`AND d.date <= ${end.toISOString()}::timestamptz` : sql``}
        ORDER BY d.date DESC LIMIT 1) dc ON true`,
    geometry: sql`t.geometry`,
    properties: sql`jsonb_build_object('name', t.name, 'country', t.country, 'pcode', t.pcode,
      'level', t.level, 'displacement_date', dc.date::text, 'internally_displaced', dc.internally_displaced,
      'returnees', dc.returnees, 'people_in_sites', dc.people_in_sites,
      'displacement_dataset', dc.source_id, 'displacement_modelled', dc.modelled, ${provenance})`,
  },
  {
    id: 'resources',
    title: 'Resources',
    description: 'Camps, shelters, health posts, water points, transit and reception centres with capacity.',
    from: () => sql`${withSource('resources')} LEFT JOIN sources cs ON cs.id = t.capacity_source_id`,
    geometry: sql`t.location`,
    properties: sql`jsonb_build_object('name', t.name, 'kind', t.kind, 'country', t.country,
      'operator', t.operator, 'capacity', t.capacity, 'occupancy', t.occupancy,
      'capacity_dataset', cs.id, 'capacity_modelled', coalesce(cs.modelled, s.modelled),
      'source_ref', t.source_ref, ${provenance})`,
  },
]

export const collectionsById = new Map(ogcCollections.map((c) => [c.id, c]))
