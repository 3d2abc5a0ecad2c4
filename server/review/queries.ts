// The SQL of field reports and their review: storing a report, reading it with its review state and audit
// trail, the review queue, and a reviewed change with its audit row. Likely duplicates are in duplicates.ts.
import { type SQL, sql } from 'drizzle-orm'
import { arrayLiteral } from '../../db/arrays.ts'
import type { Tx } from '../../db/client.ts'
import { txRows } from '../../db/rows.ts'
import { severityOf } from '../../db/severity.ts'
import type { Role } from '../auth/roles.ts'
import type { Reader } from '../layers/incidents.ts'
import { sourceFor, WRITE_SOURCES } from '../writes/origin.ts'
import type { Owned } from './access.ts'
import type { ReviewFields, ReviewState } from './actions.ts'
import {
  type AuditEntry,
  DB_TYPE,
  photoUrl,
  type Report,
  type ReportInput,
  type ReportView,
  type Status,
} from './report.ts'

const ISO = sql.raw(`'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`)
export const iso = (column: SQL) => sql`to_char(${column} AT TIME ZONE 'UTC', ${ISO})`

/** The sources reports are filed under: only their incidents are reports (an MMP record is not). */
const REPORT_SOURCES = sql.raw(`('${WRITE_SOURCES.reports.id}', '${WRITE_SOURCES.simulator.id}')`)

export const readerOf = (tx: Tx): Reader => ({ rows: (query) => txRows(tx, query) })

/** Stores one report as an incident, with its `reported` audit row, in the caller's transaction. */
export async function insertReport(
  tx: Tx,
  input: ReportInput,
  filed: { key: string; simulated: boolean; reportedBy: number | null; agencyId: number | null },
): Promise<Report> {
  const source = sourceFor('reports', filed.simulated)
  const { dead, missing, injured, survivors, children } = input.counts
  const [lon, lat] = input.location.coordinates
  const photo = input.photo?.name ?? null
  const [row] = await txRows<{ id: string | number; occurredAt: string; reportedAt: string } & Stored>(
    tx,
    sql`WITH p AS (SELECT ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326) AS g)
        INSERT INTO incidents (location, occurred_at, occurred_precision, type, severity, accuracy_m, dead,
                               missing, injured, survivors, children, country, description, verification,
                               source_id, external_id, reported_by, agency_id, photo)
        SELECT p.g, ${input.occurredAt}::timestamptz, 'time', ${DB_TYPE[input.type]}::incident_type,
               ${input.severity ?? severityOf(dead + missing)}::severity, ${input.accuracyM ?? null}::int,
               ${dead}::int, ${missing}::int, ${injured}::int, ${survivors}::int, ${children}::int,
               (SELECT a.country FROM admin_areas a WHERE ST_Covers(a.geometry, p.g) ORDER BY a.id LIMIT 1),
               ${input.description}, 'unverified', ${source.id}, ${filed.key}, ${filed.reportedBy}::int,
               ${filed.agencyId}::int, ${photo}::text
        FROM p
        RETURNING id, severity, ST_AsGeoJSON(location)::json AS location, country,
                  ${iso(sql`occurred_at`)} AS "occurredAt", ${iso(sql`reported_at`)} AS "reportedAt"`,
  )
  if (!row) throw new Error('the report was not stored')
  const id = Number(row.id)
  const report: Report = {
    id,
    type: input.type,
    occurredAt: row.occurredAt,
    location: { type: 'Point', coordinates: row.location.coordinates },
    accuracyM: input.accuracyM ?? null,
    counts: input.counts,
    description: input.description,
    severity: row.severity,
    verification: 'unverified',
    reportedAt: row.reportedAt,
    source: { id: source.id, name: source.name, modelled: source.modelled, citation: source.citation },
    simulated: filed.simulated,
    photoUrl: photoUrl(id, photo),
  }
  await appendAudit(tx, id, filed.reportedBy, 'reported', null, {
    type: report.type,
    occurredAt: report.occurredAt,
    location: report.location,
    accuracyM: report.accuracyM,
    counts: report.counts,
    description: report.description,
    severity: report.severity,
    verification: report.verification,
    country: row.country,
    sourceId: source.id,
    reportedBy: filed.reportedBy,
    agencyId: filed.agencyId,
    photo,
  })
  return report
}

type Stored = {
  severity: Report['severity']
  location: Report['location']
  country: string | null
}

const VIEW_COLUMNS = sql`
  i.id::int AS id, i.type, ${iso(sql`i.occurred_at`)} AS "occurredAt",
  ST_AsGeoJSON(i.location)::json AS location, i.accuracy_m AS "accuracyM",
  json_build_object('dead', i.dead, 'missing', i.missing, 'injured', i.injured, 'survivors', i.survivors,
                    'children', i.children) AS counts,
  i.description, i.severity, i.verification, ${iso(sql`i.reported_at`)} AS "reportedAt",
  json_build_object('id', s.id, 'name', s.name, 'modelled', s.modelled, 'citation', s.citation) AS source,
  i.source_id = ${WRITE_SOURCES.simulator.id} AS simulated, i.photo,
  CASE WHEN i.resolved_at IS NOT NULL THEN 'resolved' ELSE i.verification::text END AS status,
  CASE WHEN r.id IS NOT NULL THEN json_build_object('id', r.id, 'name', r.name, 'email', r.email) END AS reporter,
  CASE WHEN a.id IS NOT NULL THEN json_build_object('id', a.id, 'code', a.code, 'name', a.name) END AS agency,
  CASE WHEN o.id IS NOT NULL THEN json_build_object('id', o.id, 'name', o.name) END AS owner,
  i.rejection_reason AS "rejectionReason", i.duplicate_of::int AS "duplicateOf",
  ${iso(sql`i.resolved_at`)} AS "resolvedAt", i.version, i.shareable`

// Through visible_incidents: a report reads as the caller may see it (row-level security and coarsening).
const VIEW_FROM = sql`
  FROM visible_incidents() i JOIN sources s ON s.id = i.source_id
  LEFT JOIN users r ON r.id = i.reported_by
  LEFT JOIN agencies a ON a.id = i.agency_id
  LEFT JOIN users o ON o.id = i.owner_id`

type ViewRow = Omit<ReportView, 'photoUrl'> & { photo: string | null } & Record<string, unknown>

const toView = ({ photo, ...row }: ViewRow): ReportView => ({ ...row, photoUrl: photoUrl(row.id, photo) })

/** A report with its review state and audit trail (oldest first), its photo's file name, and who holds it. */
export async function findReport(
  reader: Reader,
  id: number,
): Promise<(ReportView & Owned & { photo: string | null; audit: AuditEntry[] }) | null> {
  const [row] = await reader.rows<ViewRow & Owned & { audit: AuditEntry[] } & Record<string, unknown>>(sql`
    SELECT ${VIEW_COLUMNS}, i.reported_by AS "reportedBy", i.agency_id AS "agencyId",
      (SELECT coalesce(json_agg(json_build_object(
                'at', ${iso(sql`au.at`)},
                'user', CASE WHEN u.id IS NOT NULL THEN json_build_object('id', u.id, 'name', u.name, 'email', u.email) END,
                'action', au.action, 'before', au.before, 'after', au.after) ORDER BY au.id), '[]'::json)
       FROM incident_audit au LEFT JOIN users u ON u.id = au.user_id WHERE au.incident_id = i.id) AS audit
    ${VIEW_FROM}
    WHERE i.id = ${id} AND i.source_id IN ${REPORT_SOURCES}`)
  if (!row) return null
  const { reportedBy, agencyId, audit, ...view } = row
  return { ...toView(view), photo: view.photo, reportedBy, agencyId, audit }
}

export interface ReportFilter {
  /** Whose reports: a reporter's own (`null`: those filed with the local token), or an agency's. */
  scope: { reportedBy: number | null } | { agencyId: number | null; orphans: boolean } | 'all'
  statuses: Status[]
  limit: number
  /** Only reports older than this one (the previous page's last). */
  before?: number | undefined
}

/** Reports newest first (by id, the order they arrived in). */
export async function listReports(reader: Reader, filter: ReportFilter): Promise<ReportView[]> {
  const where: SQL[] = [sql`i.source_id IN ${REPORT_SOURCES}`]
  const { scope } = filter
  if (scope !== 'all' && 'reportedBy' in scope)
    where.push(
      scope.reportedBy === null
        ? sql`i.reported_by IS NULL AND i.agency_id IS NULL`
        : sql`i.reported_by = ${scope.reportedBy}::int`,
    )
  else if (scope !== 'all')
    where.push(
      scope.orphans
        ? sql`(i.agency_id = ${scope.agencyId}::int OR i.agency_id IS NULL)`
        : sql`i.agency_id = ${scope.agencyId}::int`,
    )
  where.push(
    sql`(CASE WHEN i.resolved_at IS NOT NULL THEN 'resolved' ELSE i.verification::text END)
          = ANY(${arrayLiteral(filter.statuses)}::text[])`,
  )
  if (filter.before !== undefined) where.push(sql`i.id < ${filter.before}::bigint`)
  const rows = await reader.rows<ViewRow>(sql`
    SELECT ${VIEW_COLUMNS} ${VIEW_FROM}
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY i.id DESC LIMIT ${filter.limit}::int`)
  return rows.map(toView)
}

/** A report's review state, locked until the transaction ends so that reviews of it take turns. */
export async function lockReport(
  tx: Tx,
  id: number,
): Promise<(ReviewState & Owned & { version: number }) | null> {
  const [row] = await txRows<ReviewState & Owned & { version: number } & Record<string, unknown>>(
    tx,
    sql`SELECT id::int AS id, verification, severity, owner_id AS "ownerId",
               rejection_reason AS "rejectionReason", duplicate_of::int AS "duplicateOf",
               ${iso(sql`resolved_at`)} AS "resolvedAt", version, shareable,
               reported_by AS "reportedBy", agency_id AS "agencyId"
        FROM incidents WHERE id = ${id} AND source_id IN ${REPORT_SOURCES}
        FOR UPDATE`,
  )
  return row ?? null
}

/** Who holds a report and its photo's file name. */
export async function findPhoto(
  reader: Reader,
  id: number,
): Promise<(Owned & { photo: string | null }) | null> {
  const [row] = await reader.rows<Owned & { photo: string | null } & Record<string, unknown>>(
    sql`SELECT reported_by AS "reportedBy", agency_id AS "agencyId", photo
        FROM visible_incidents() WHERE id = ${id} AND source_id IN ${REPORT_SOURCES}`,
  )
  return row ?? null
}

/** The incident a report would be merged into, if it exists. */
export async function mergeTarget(
  tx: Tx,
  id: number,
): Promise<{ id: number; verification: string; duplicateOf: number | null } | null> {
  const [row] = await txRows<{ id: number; verification: string; duplicateOf: number | null }>(
    tx,
    sql`SELECT id::int AS id, verification, duplicate_of::int AS "duplicateOf" FROM incidents WHERE id = ${id}`,
  )
  return row ?? null
}

/** A user who might own a report's response. */
export async function ownerCandidate(
  tx: Tx,
  id: number,
): Promise<{ id: number; agencyId: number; role: Role; disabled: boolean } | null> {
  const [row] = await txRows<{ id: number; agencyId: number; role: Role; disabled: boolean }>(
    tx,
    sql`SELECT id, agency_id AS "agencyId", role, disabled_at IS NOT NULL AS disabled FROM users WHERE id = ${id}`,
  )
  return row ?? null
}

const COLUMN: Record<keyof ReviewFields, (value: unknown) => SQL> = {
  verification: (v) => sql`verification = ${v}::verification`,
  severity: (v) => sql`severity = ${v}::severity`,
  ownerId: (v) => sql`owner_id = ${v}::int`,
  rejectionReason: (v) => sql`rejection_reason = ${v}::text`,
  duplicateOf: (v) => sql`duplicate_of = ${v}::bigint`,
  resolvedAt: (v) => sql`resolved_at = ${v}::timestamptz`,
  shareable: (v) => sql`shareable = ${v}::boolean`,
}

/** Applies a reviewed change to a locked report: its fields, version + 1, and the audit row. */
export async function saveChange(
  tx: Tx,
  id: number,
  userId: number | null,
  change: { action: string; before: Partial<ReviewFields>; after: Partial<ReviewFields> },
): Promise<void> {
  const set = Object.entries(change.after).map(([k, v]) => COLUMN[k as keyof ReviewFields](v))
  await tx.execute(
    sql`UPDATE incidents SET ${sql.join(set, sql`, `)}, version = version + 1, updated_at = now()
        WHERE id = ${id}`,
  )
  await appendAudit(tx, id, userId, change.action, change.before, change.after)
}

async function appendAudit(
  tx: Tx,
  incidentId: number,
  userId: number | null,
  action: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): Promise<void> {
  await tx.execute(
    sql`INSERT INTO incident_audit (incident_id, user_id, action, before, after)
        VALUES (${incidentId}, ${userId}::int, ${action},
                ${before === null ? null : JSON.stringify(before)}::jsonb,
                ${after === null ? null : JSON.stringify(after)}::jsonb)`,
  )
}
