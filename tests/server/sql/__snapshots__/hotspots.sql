-- bbox, 2026-11-01..08, cell 100 km
WITH chosen AS (
  SELECT i.id, ST_X(p) AS x, ST_Y(p) AS y, i.severity, i.dead, i.missing
  FROM visible_incidents(ST_MakeEnvelope($1::float8, $2::float8, $3::float8, $4::float8, 4326)) i, ST_Transform(i.location, 3857) AS p
  WHERE i.occurred_at >= $5::timestamptz AND i.occurred_at < $6::timestamptz AND i.verification::text = ANY($7::text[])
),
candidates AS (
  SELECT c.*, k.ci, round((c.y - CASE WHEN k.ci % 2 <> 0 THEN h / 2 ELSE 0 END) / h)::int AS cj, h
  FROM chosen c,
       LATERAL (SELECT $8::float8 * sqrt(3) AS h) AS hh,
       LATERAL (SELECT round(c.x / (1.5 * $9::float8))::int + d AS ci FROM generate_series(-1, 1) AS d) AS k
),
cells AS (
  SELECT DISTINCT ON (id) id, ci, cj, severity, dead, missing
  FROM candidates
  ORDER BY id, (x - ci * 1.5 * $10::float8) ^ 2
             + (y - cj * h - CASE WHEN ci % 2 <> 0 THEN h / 2 ELSE 0 END) ^ 2
)
SELECT sum(CASE severity WHEN 'low' THEN $11::int WHEN 'moderate' THEN $12::int
             WHEN 'high' THEN $13::int ELSE $14::int END)::int AS score,
       count(*)::int AS incidents, coalesce(sum(dead), 0)::int AS dead, coalesce(sum(missing), 0)::int AS missing,
       count(*) FILTER (WHERE severity = 'low')::int AS low,
       count(*) FILTER (WHERE severity = 'moderate')::int AS moderate,
       count(*) FILTER (WHERE severity = 'high')::int AS high,
       count(*) FILTER (WHERE severity = 'critical')::int AS critical,
       ST_AsGeoJSON(ST_Transform(ST_Hexagon($15::float8, ci, cj, ST_SetSRID(ST_MakePoint(0, 0), 3857)), 4326), 5)::json AS geometry
FROM cells
GROUP BY ci, cj
ORDER BY score DESC, incidents DESC;
-- parameters:
--   $1 = 11
--   $2 = 32
--   $3 = 16
--   $4 = 36
--   $5 = "2026-11-01T00:00:00.000Z"
--   $6 = "2026-11-08T00:00:00.000Z"
--   $7 = "{\"unverified\",\"verified\"}"
--   $8 = 57735.02691896258
--   $9 = 57735.02691896258
--   $10 = 57735.02691896258
--   $11 = 1
--   $12 = 2
--   $13 = 4
--   $14 = 8
--   $15 = 57735.02691896258
