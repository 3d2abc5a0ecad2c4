-- no filter: the open reports only
SELECT i.id::int AS id, i.type, i.severity, i.occurred_precision AS "occurredPrecision",
       to_char(i.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "occurredAt",
       to_char(i.reported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "reportedAt",
       i.dead, i.missing, i.injured, i.survivors, i.children, i.cause, i.country, i.route,
       i.withheld, i.access, CASE WHEN a.id IS NOT NULL THEN json_build_object('code', a.code, 'name', a.name) END AS agency,
       i.description, i.verification, i.external_id AS "externalId", i.source_url AS "sourceUrl",
       s.id AS "datasetId", s.name AS "datasetName", s.licence AS "datasetLicence",
         s.modelled AS "datasetModelled", s.citation AS "datasetCitation", ST_AsGeoJSON(i.location, 6)::json AS geometry
FROM visible_incidents() i JOIN sources s ON s.id = i.source_id
LEFT JOIN agencies a ON a.id = i.agency_id
WHERE i.verification::text = ANY($1::text[])
ORDER BY i.occurred_at DESC, i.id DESC;
-- parameters:
--   $1 = "{\"unverified\",\"verified\"}"

-- bbox, 2026-11-01..08, type shipwreck,trafficking, severity high,critical, verification rejected, country LY
SELECT i.id::int AS id, i.type, i.severity, i.occurred_precision AS "occurredPrecision",
       to_char(i.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "occurredAt",
       to_char(i.reported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "reportedAt",
       i.dead, i.missing, i.injured, i.survivors, i.children, i.cause, i.country, i.route,
       i.withheld, i.access, CASE WHEN a.id IS NOT NULL THEN json_build_object('code', a.code, 'name', a.name) END AS agency,
       i.description, i.verification, i.external_id AS "externalId", i.source_url AS "sourceUrl",
       s.id AS "datasetId", s.name AS "datasetName", s.licence AS "datasetLicence",
         s.modelled AS "datasetModelled", s.citation AS "datasetCitation", ST_AsGeoJSON(i.location, 6)::json AS geometry
FROM visible_incidents(ST_MakeEnvelope($1::float8, $2::float8, $3::float8, $4::float8, 4326)) i JOIN sources s ON s.id = i.source_id
LEFT JOIN agencies a ON a.id = i.agency_id
WHERE i.occurred_at >= $5::timestamptz AND i.occurred_at < $6::timestamptz AND i.type::text = ANY($7::text[]) AND i.severity::text = ANY($8::text[]) AND i.verification::text = ANY($9::text[]) AND i.country::text = ANY($10::text[])
ORDER BY i.occurred_at DESC, i.id DESC;
-- parameters:
--   $1 = 11
--   $2 = 32
--   $3 = 16
--   $4 = 36
--   $5 = "2026-11-01T00:00:00.000Z"
--   $6 = "2026-11-08T00:00:00.000Z"
--   $7 = "{\"shipwreck\",\"trafficking\"}"
--   $8 = "{\"high\",\"critical\"}"
--   $9 = "{\"rejected\"}"
--   $10 = "{\"LY\"}"

-- ids 7,9 (a live event): every verification
SELECT i.id::int AS id, i.type, i.severity, i.occurred_precision AS "occurredPrecision",
       to_char(i.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "occurredAt",
       to_char(i.reported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "reportedAt",
       i.dead, i.missing, i.injured, i.survivors, i.children, i.cause, i.country, i.route,
       i.withheld, i.access, CASE WHEN a.id IS NOT NULL THEN json_build_object('code', a.code, 'name', a.name) END AS agency,
       i.description, i.verification, i.external_id AS "externalId", i.source_url AS "sourceUrl",
       s.id AS "datasetId", s.name AS "datasetName", s.licence AS "datasetLicence",
         s.modelled AS "datasetModelled", s.citation AS "datasetCitation", ST_AsGeoJSON(i.location, 6)::json AS geometry
FROM visible_incidents() i JOIN sources s ON s.id = i.source_id
LEFT JOIN agencies a ON a.id = i.agency_id
WHERE i.id = ANY($1::bigint[])
ORDER BY i.occurred_at DESC, i.id DESC;
-- parameters:
--   $1 = "{7,9}"
