-- sites: bbox, 2026-11-07..08 against 28 days, country NE
WITH daily AS (
    SELECT coalesce(post_id, flow_point_id) AS site, date_trunc('day', period_start) AS day, sum(count) AS n
    FROM crossing_counts
    WHERE period_start >= $1::timestamptz AND period_start < $2::timestamptz
      AND period <> 'month'
    GROUP BY 1, 2
  ),
  baseline AS (
    SELECT site, avg(n)::float8 AS mean, coalesce(stddev_samp(n), 0)::float8 AS sd, count(*)::int AS days
    FROM daily GROUP BY site
  ),
  observed AS (
    SELECT coalesce(post_id, flow_point_id) AS site, sum(count)::int AS n,
           array_agg(DISTINCT source_id) AS sources
    FROM crossing_counts
    WHERE period_start >= $3::timestamptz AND period_start < $4::timestamptz
      AND period <> 'month'
    GROUP BY 1
  ),
  s AS (
SELECT id, name, 'post' AS site_kind, kind::text AS kind, country, location FROM border_posts
UNION ALL
SELECT id, name, 'flow_point' AS site_kind, kind, country, location FROM flow_points)
  SELECT s.id AS site, s.name, s.site_kind AS "siteKind", s.country::text AS country,
         o.n AS observed, b.mean * $5::float8 AS expected,
         b.sd * sqrt($6::float8) AS sigma, b.days AS "baselineDays", o.sources,
         ST_AsGeoJSON(s.location, 6)::json AS geometry
  FROM observed o JOIN baseline b ON b.site = o.site JOIN s ON s.id = o.site
  WHERE b.days >= $7::int AND b.mean > 0
  AND s.location && ST_MakeEnvelope($8::float8, $9::float8, $10::float8, $11::float8, 4326) AND s.country::text = ANY($12::text[]);
-- parameters:
--   $1 = "2026-10-10T00:00:00.000Z"
--   $2 = "2026-11-07T00:00:00.000Z"
--   $3 = "2026-11-07T00:00:00.000Z"
--   $4 = "2026-11-08T00:00:00.000Z"
--   $5 = 1
--   $6 = 1
--   $7 = 14
--   $8 = 11
--   $9 = 32
--   $10 = 16
--   $11 = 36
--   $12 = "{\"NE\"}"

-- areas: bbox, 2026-11-07..08 against 28 days, country NE
WITH series AS (
  SELECT area_id, source_id, date, internally_displaced AS x,
         internally_displaced - lag(internally_displaced) OVER (PARTITION BY area_id, source_id ORDER BY date) AS d
  FROM displacement_counts
  WHERE internally_displaced IS NOT NULL
    AND date >= ($1::timestamptz - interval '1 day')::date
    AND date < $2::timestamptz
),
baseline AS (
  SELECT area_id, source_id, avg(d)::float8 AS mean, coalesce(stddev_samp(d), 0)::float8 AS sd, count(d)::int AS days
  FROM series WHERE date < $3::timestamptz AND d IS NOT NULL GROUP BY 1, 2
),
observed AS (
  SELECT area_id, source_id, sum(d)::int AS change, (array_agg(x ORDER BY date DESC))[1] - sum(d)::int AS before
  FROM series WHERE date >= $4::timestamptz AND d IS NOT NULL GROUP BY 1, 2
)
SELECT a.id AS area, a.name, a.country::text AS country, o.change, o.before, b.mean, b.sd, b.days,
       o.source_id AS "sourceId", ST_AsGeoJSON(ST_PointOnSurface(a.geometry), 5)::json AS geometry
FROM observed o JOIN baseline b USING (area_id, source_id) JOIN admin_areas a ON a.id = o.area_id
WHERE b.days >= $5::int AND o.change > 0
AND a.geometry && ST_MakeEnvelope($6::float8, $7::float8, $8::float8, $9::float8, 4326) AND a.country::text = ANY($10::text[]);
-- parameters:
--   $1 = "2026-10-10T00:00:00.000Z"
--   $2 = "2026-11-08T00:00:00.000Z"
--   $3 = "2026-11-07T00:00:00.000Z"
--   $4 = "2026-11-07T00:00:00.000Z"
--   $5 = 14
--   $6 = 11
--   $7 = 32
--   $8 = 16
--   $9 = 36
--   $10 = "{\"NE\"}"
