-- site ne-assamaka, 2026-11-01..08: per day
WITH d AS (
SELECT generate_series($1::timestamptz, $2::timestamptz - interval '1 day', interval '1 day') AS day),
  c AS (
    SELECT date_trunc('day', period_start AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS day,
           sum(count) FILTER (WHERE direction = 'in') AS n_in,
           sum(count) FILTER (WHERE direction = 'out') AS n_out
    FROM crossing_counts
    WHERE (post_id = $3 OR flow_point_id = $4) AND period <> 'month'
      AND period_start >= $5::timestamptz AND period_start < $6::timestamptz
    GROUP BY 1
  )
  SELECT to_char(d.day AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, coalesce(c.n_in, 0)::int AS in, coalesce(c.n_out, 0)::int AS out
  FROM d LEFT JOIN c ON c.day = d.day ORDER BY d.day;
-- parameters:
--   $1 = "2026-11-01T00:00:00.000Z"
--   $2 = "2026-11-08T00:00:00.000Z"
--   $3 = "ne-assamaka"
--   $4 = "ne-assamaka"
--   $5 = "2026-11-01T00:00:00.000Z"
--   $6 = "2026-11-08T00:00:00.000Z"

-- site ne-assamaka, 2026-11-01..08: its name and datasets
SELECT coalesce((SELECT name FROM border_posts WHERE id = $1), (SELECT name FROM flow_points WHERE id = $2)) AS name,
(SELECT array_agg(DISTINCT source_id) FROM crossing_counts
  WHERE (post_id = $3 OR flow_point_id = $4)
    AND period_start >= $5::timestamptz AND period_start < $6::timestamptz) AS sources;
-- parameters:
--   $1 = "ne-assamaka"
--   $2 = "ne-assamaka"
--   $3 = "ne-assamaka"
--   $4 = "ne-assamaka"
--   $5 = "2026-11-01T00:00:00.000Z"
--   $6 = "2026-11-08T00:00:00.000Z"
