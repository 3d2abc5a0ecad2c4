-- bbox, 2026-11-01..08, mode land,mixed
WITH totals AS (
SELECT coalesce(c.post_id, c.flow_point_id) AS site,
       coalesce(sum(c.count) FILTER (WHERE c.direction = 'in' AND c.period_start >= $1::timestamptz), 0)::int AS in_now,
       coalesce(sum(c.count) FILTER (WHERE c.direction = 'out' AND c.period_start >= $2::timestamptz), 0)::int AS out_now,
       coalesce(sum(c.count) FILTER (WHERE c.period_start < $3::timestamptz), 0)::int AS total_before,
       array_remove(array_agg(DISTINCT c.source_id) FILTER (WHERE c.period_start >= $4::timestamptz), NULL) AS sources
FROM crossing_counts c
WHERE c.period_start >= $5::timestamptz
  AND c.period_start < $6::timestamptz
GROUP BY 1),
stage_totals AS (
  SELECT st.corridor_id, st.seq, st.name, t.in_now + t.out_now AS now, t.total_before AS before, t.sources
  FROM corridor_stages st LEFT JOIN totals t ON t.site = coalesce(st.post_id, st.flow_point_id)
),
volumes AS (
  SELECT corridor_id,
         array_agg(name ORDER BY seq) AS stages,
         round(avg(now))::int AS volume,
         round(avg(before))::int AS volume_before,
         count(now)::int AS counted_stages,
         array_agg(DISTINCT src) FILTER (WHERE src IS NOT NULL) AS sources
  FROM stage_totals LEFT JOIN LATERAL unnest(sources) AS src ON true
  GROUP BY corridor_id
)
SELECT c.id, c.name, c.mode, c.notes, v.stages, v.volume, v.volume_before AS "volumeBefore",
       v.counted_stages AS "countedStages", v.sources, s.id AS "datasetId", s.name AS "datasetName", s.licence AS "datasetLicence",
         s.modelled AS "datasetModelled", s.citation AS "datasetCitation",
       ST_AsGeoJSON(c.geometry, 5)::json AS geometry
FROM corridors c JOIN volumes v ON v.corridor_id = c.id JOIN sources s ON s.id = c.source_id
WHERE c.geometry && ST_MakeEnvelope($7::float8, $8::float8, $9::float8, $10::float8, 4326) AND c.mode::text = ANY($11::text[])
ORDER BY v.volume DESC NULLS LAST, c.id;
-- parameters:
--   $1 = "2026-11-01T00:00:00.000Z"
--   $2 = "2026-11-01T00:00:00.000Z"
--   $3 = "2026-11-01T00:00:00.000Z"
--   $4 = "2026-11-01T00:00:00.000Z"
--   $5 = "2026-10-25T00:00:00.000Z"
--   $6 = "2026-11-08T00:00:00.000Z"
--   $7 = 11
--   $8 = 32
--   $9 = 16
--   $10 = 36
--   $11 = "{\"land\",\"mixed\"}"
