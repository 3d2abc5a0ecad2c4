-- bbox, 2026-11-01..08: per day
WITH d AS (
SELECT generate_series($1::timestamptz, $2::timestamptz - interval '1 day', interval '1 day') AS day),
  i AS (
    SELECT date_trunc('day', occurred_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS day,
           count(*) AS n, sum(dead) AS dead, sum(missing) AS missing
    FROM visible_incidents(ST_MakeEnvelope($3::float8, $4::float8, $5::float8, $6::float8, 4326)) vi
    WHERE verification::text = ANY($7::text[])
      AND occurred_at >= $8::timestamptz AND occurred_at < $9::timestamptz
    GROUP BY 1
  )
  SELECT to_char(d.day AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, coalesce(i.n, 0)::int AS incidents, coalesce(i.dead, 0)::int AS dead,
         coalesce(i.missing, 0)::int AS missing
  FROM d LEFT JOIN i ON i.day = d.day ORDER BY d.day;
-- parameters:
--   $1 = "2026-11-01T00:00:00.000Z"
--   $2 = "2026-11-08T00:00:00.000Z"
--   $3 = 11
--   $4 = 32
--   $5 = 16
--   $6 = 36
--   $7 = "{\"unverified\",\"verified\"}"
--   $8 = "2026-11-01T00:00:00.000Z"
--   $9 = "2026-11-08T00:00:00.000Z"
