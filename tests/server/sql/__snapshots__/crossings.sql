-- bbox, 2026-11-01..08, country NE,LY
WITH totals AS (
  SELECT coalesce(c.post_id, c.flow_point_id) AS site,
         coalesce(sum(c.count) FILTER (WHERE c.direction = 'in' AND c.period_start >= $1::timestamptz), 0)::int AS in_now,
         coalesce(sum(c.count) FILTER (WHERE c.direction = 'out' AND c.period_start >= $2::timestamptz), 0)::int AS out_now,
         coalesce(sum(c.count) FILTER (WHERE c.period_start < $3::timestamptz), 0)::int AS total_before,
         array_remove(array_agg(DISTINCT c.source_id) FILTER (WHERE c.period_start >= $4::timestamptz), NULL) AS sources
  FROM crossing_counts c
  WHERE c.period_start >= $5::timestamptz
    AND c.period_start < $6::timestamptz
  GROUP BY 1), s AS (
SELECT id, name, 'post' AS site_kind, kind::text AS kind, country, location FROM border_posts
UNION ALL
SELECT id, name, 'flow_point' AS site_kind, kind, country, location FROM flow_points)
  SELECT s.id AS site, s.name, s.site_kind AS "siteKind", s.kind, s.country::text AS country,
         t.in_now AS "inNow", t.out_now AS "outNow", t.total_before AS "totalBefore", t.sources,
         ST_AsGeoJSON(s.location, 6)::json AS geometry
  FROM s JOIN totals t ON t.site = s.id
  WHERE s.location && ST_MakeEnvelope($7::float8, $8::float8, $9::float8, $10::float8, 4326) AND s.country::text = ANY($11::text[])
  ORDER BY t.in_now + t.out_now DESC, s.id;
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
--   $11 = "{\"NE\",\"LY\"}"
