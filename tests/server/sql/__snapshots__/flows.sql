-- bbox, 2026-11-01..08
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
SELECT id, name, 'flow_point' AS site_kind, kind, country, location FROM flow_points),
  counted AS (
    SELECT st.corridor_id, st.seq, coalesce(st.post_id, st.flow_point_id) AS site
    FROM corridor_stages st JOIN totals t ON t.site = coalesce(st.post_id, st.flow_point_id)
  ),
  pairs AS (
    SELECT corridor_id, site AS origin, lead(site) OVER (PARTITION BY corridor_id ORDER BY seq) AS destination
    FROM counted
  ),
  arcs AS (
    SELECT origin, destination, array_agg(DISTINCT corridor_id ORDER BY corridor_id) AS corridors
    FROM pairs WHERE destination IS NOT NULL AND destination <> origin GROUP BY origin, destination
  )
  SELECT a.origin, o.name AS "originName", a.destination, d.name AS "destinationName", a.corridors,
         round((ot.in_now + ot.out_now + dt.in_now + dt.out_now) / 2.0)::int AS volume,
         round((ot.total_before + dt.total_before) / 2.0)::int AS "volumeBefore",
         ARRAY(SELECT DISTINCT unnest(ot.sources || dt.sources)) AS sources,
         ST_AsGeoJSON(ST_MakeLine(o.location, d.location), 6)::json AS geometry
  FROM arcs a
    JOIN s o ON o.id = a.origin JOIN s d ON d.id = a.destination
    JOIN totals ot ON ot.site = a.origin JOIN totals dt ON dt.site = a.destination
  WHERE ST_MakeLine(o.location, d.location) && ST_MakeEnvelope($7::float8, $8::float8, $9::float8, $10::float8, 4326)
  ORDER BY volume DESC, a.origin, a.destination;
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
