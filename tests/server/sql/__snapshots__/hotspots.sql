-- bbox, 2026-11-01..08, cell 100 km
WITH points AS (
  SELECT i.severity, i.dead, i.missing, radians(ST_X(i.location)) * $1::float8 AS u,
         ln(tan(pi() / 4 + radians(greatest($2::float8, least($3::float8, ST_Y(i.location)))) / 2))
           * $4::float8 AS v
  FROM visible_incidents(ST_MakeEnvelope($5::float8, $6::float8, $7::float8, $8::float8, 4326)) i
  WHERE i.occurred_at >= $9::timestamptz AND i.occurred_at < $10::timestamptz AND i.verification::text = ANY($11::text[])
  OFFSET 0
),
cells AS (
  SELECT ci, cj, count(*)::int AS incidents, coalesce(sum(dead), 0)::int AS dead, coalesce(sum(missing), 0)::int AS missing,
         count(*) FILTER (WHERE severity = 'low')::int AS low,
         count(*) FILTER (WHERE severity = 'moderate')::int AS moderate,
         count(*) FILTER (WHERE severity = 'high')::int AS high,
         count(*) FILTER (WHERE severity = 'critical')::int AS critical
  FROM points,
       LATERAL (SELECT 3 * abs(u - round(u)) + abs(v - round(v)) <= 1 AS even) AS e,
       LATERAL (SELECT CASE WHEN even THEN 2 * round(u) ELSE 2 * round(u - 0.5) + 1 END::int AS ci,
                       CASE WHEN even THEN round(v) ELSE round(v - 0.5) END::int AS cj) AS c
  GROUP BY ci, cj
)
SELECT (low * $12::int + moderate * $13::int + high * $14::int + critical * $15::int)::int AS score, incidents, dead, missing, low, moderate, high, critical,
       ST_AsGeoJSON(ST_Transform(ST_Hexagon($16::float8, ci, cj, ST_SetSRID(ST_MakePoint(0, 0), 3857)), 4326), 5)::json AS geometry
FROM cells
ORDER BY score DESC, incidents DESC, ci, cj;
-- parameters:
--   $1 = 36.82419113878312
--   $2 = -85.0511287798066
--   $3 = 85.0511287798066
--   $4 = 63.78137
--   $5 = 11
--   $6 = 32
--   $7 = 16
--   $8 = 36
--   $9 = "2026-11-01T00:00:00.000Z"
--   $10 = "2026-11-08T00:00:00.000Z"
--   $11 = "{\"unverified\",\"verified\"}"
--   $12 = 1
--   $13 = 2
--   $14 = 4
--   $15 = 8
--   $16 = 57735.02691896258
