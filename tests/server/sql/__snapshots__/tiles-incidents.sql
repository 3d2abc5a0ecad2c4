-- tile 6/34/25, no filter: clustered
WITH t AS (
  SELECT i.id, i.type, i.severity, i.verification, i.access, i.occurred_at, i.source_id,
    i.verification::text = ANY($1::text[]) AS closed,
    least($2, greatest(0, floor((ST_X(i.location) - $3::float8) * $4::float8)))::int AS px,
    least($5, greatest(0, floor(($6::float8
      - ln(tan(pi() / 4 + radians(ST_Y(i.location)) / 2))) * $7::float8)))::int AS py
  FROM visible_incidents(ST_MakeEnvelope($8::float8, $9::float8, $10::float8, $11::float8, 4326)) i
  WHERE i.verification::text = ANY($12::text[]) AND ST_X(i.location) >= $13::float8 AND ST_X(i.location) < $14::float8 AND ST_Y(i.location) > $15::float8 AND ST_Y(i.location) <= $16::float8
), p AS (
  SELECT t.*, t.px / $17::int AS gx, t.py / $18::int AS gy, 0::bigint AS one
  FROM t)
SELECT count(*)::int AS count, round(avg(p.px))::int AS x, round(avg(p.py))::int AS y,
  min(p.id)::int AS id, mode() WITHIN GROUP (ORDER BY p.type)::text AS type,
  max(p.severity)::text AS severity, min(p.verification::text) AS verification, p.closed,
  bool_and(p.access = 'shared') AS shared, count(*) FILTER (WHERE p.severity::text = $19)::int AS "low", count(*) FILTER (WHERE p.severity::text = $20)::int AS "moderate", count(*) FILTER (WHERE p.severity::text = $21)::int AS "high", count(*) FILTER (WHERE p.severity::text = $22)::int AS "critical", count(*) FILTER (WHERE p.type::text = $23)::int AS "death_or_disappearance", count(*) FILTER (WHERE p.type::text = $24)::int AS "shipwreck", count(*) FILTER (WHERE p.type::text = $25)::int AS "interception_or_rescue", count(*) FILTER (WHERE p.type::text = $26)::int AS "violence_or_abuse", count(*) FILTER (WHERE p.type::text = $27)::int AS "trafficking", count(*) FILTER (WHERE p.type::text = $28)::int AS "smuggling", count(*) FILTER (WHERE p.type::text = $29)::int AS "forged_document", count(*) FILTER (WHERE p.type::text = $30)::int AS "medical_emergency", count(*) FILTER (WHERE p.type::text = $31)::int AS "stranded_group", count(*) FILTER (WHERE p.type::text = $32)::int AS "expulsion_or_pushback", count(*) FILTER (WHERE p.type::text = $33)::int AS "natural_hazard", count(*) FILTER (WHERE p.type::text = $34)::int AS "other",
  string_agg(DISTINCT p.source_id COLLATE "C", ';' ORDER BY p.source_id COLLATE "C") AS sources,
  to_char(max(p.occurred_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "occurredAt"
FROM p
GROUP BY p.gy, p.gx, p.closed, p.one
ORDER BY p.gy, p.gx, p.closed, p.one;
-- parameters:
--   $1 = "{\"rejected\",\"duplicate\"}"
--   $2 = 4095
--   $3 = 11.25
--   $4 = 728.1777777777778
--   $5 = 4095
--   $6 = 0.6872233929727672
--   $7 = 41721.51340188181
--   $8 = 11.25
--   $9 = 31.952162238024968
--   $10 = 16.875
--   $11 = 36.59788913307021
--   $12 = "{\"unverified\",\"verified\"}"
--   $13 = 11.25
--   $14 = 16.875
--   $15 = 31.952162238024968
--   $16 = 36.59788913307021
--   $17 = 128
--   $18 = 128
--   $19 = "low"
--   $20 = "moderate"
--   $21 = "high"
--   $22 = "critical"
--   $23 = "death_or_disappearance"
--   $24 = "shipwreck"
--   $25 = "interception_or_rescue"
--   $26 = "violence_or_abuse"
--   $27 = "trafficking"
--   $28 = "smuggling"
--   $29 = "forged_document"
--   $30 = "medical_emergency"
--   $31 = "stranded_group"
--   $32 = "expulsion_or_pushback"
--   $33 = "natural_hazard"
--   $34 = "other"

-- tile 14/8751/6486, 2026-11-01..08, severity high,critical: every incident its own
WITH t AS (
  SELECT i.id, i.type, i.severity, i.verification, i.access, i.occurred_at, i.source_id,
    i.verification::text = ANY($1::text[]) AS closed,
    least($2, greatest(0, floor((ST_X(i.location) - $3::float8) * $4::float8)))::int AS px,
    least($5, greatest(0, floor(($6::float8
      - ln(tan(pi() / 4 + radians(ST_Y(i.location)) / 2))) * $7::float8)))::int AS py
  FROM visible_incidents(ST_MakeEnvelope($8::float8, $9::float8, $10::float8, $11::float8, 4326)) i
  WHERE i.occurred_at >= $12::timestamptz AND i.occurred_at < $13::timestamptz AND i.severity::text = ANY($14::text[]) AND i.verification::text = ANY($15::text[]) AND ST_X(i.location) >= $16::float8 AND ST_X(i.location) < $17::float8 AND ST_Y(i.location) > $18::float8 AND ST_Y(i.location) <= $19::float8
), p AS (
  SELECT t.*, t.px / $20::int AS gx, t.py / $21::int AS gy, t.id AS one
  FROM t)
SELECT count(*)::int AS count, round(avg(p.px))::int AS x, round(avg(p.py))::int AS y,
  min(p.id)::int AS id, mode() WITHIN GROUP (ORDER BY p.type)::text AS type,
  max(p.severity)::text AS severity, min(p.verification::text) AS verification, p.closed,
  bool_and(p.access = 'shared') AS shared, count(*) FILTER (WHERE p.severity::text = $22)::int AS "low", count(*) FILTER (WHERE p.severity::text = $23)::int AS "moderate", count(*) FILTER (WHERE p.severity::text = $24)::int AS "high", count(*) FILTER (WHERE p.severity::text = $25)::int AS "critical", count(*) FILTER (WHERE p.type::text = $26)::int AS "death_or_disappearance", count(*) FILTER (WHERE p.type::text = $27)::int AS "shipwreck", count(*) FILTER (WHERE p.type::text = $28)::int AS "interception_or_rescue", count(*) FILTER (WHERE p.type::text = $29)::int AS "violence_or_abuse", count(*) FILTER (WHERE p.type::text = $30)::int AS "trafficking", count(*) FILTER (WHERE p.type::text = $31)::int AS "smuggling", count(*) FILTER (WHERE p.type::text = $32)::int AS "forged_document", count(*) FILTER (WHERE p.type::text = $33)::int AS "medical_emergency", count(*) FILTER (WHERE p.type::text = $34)::int AS "stranded_group", count(*) FILTER (WHERE p.type::text = $35)::int AS "expulsion_or_pushback", count(*) FILTER (WHERE p.type::text = $36)::int AS "natural_hazard", count(*) FILTER (WHERE p.type::text = $37)::int AS "other",
  string_agg(DISTINCT p.source_id COLLATE "C", ';' ORDER BY p.source_id COLLATE "C") AS sources,
  to_char(max(p.occurred_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "occurredAt"
FROM p
GROUP BY p.gy, p.gx, p.closed, p.one
ORDER BY p.gy, p.gx, p.closed, p.one;
-- parameters:
--   $1 = "{\"rejected\",\"duplicate\"}"
--   $2 = 4095
--   $3 = 12.28271484375
--   $4 = 186413.51111111112
--   $5 = 4095
--   $6 = 0.6542428060332259
--   $7 = 10680707.430883713
--   $8 = 12.28271484375
--   $9 = 35.04798673426733
--   $10 = 12.3046875
--   $11 = 35.06597313798418
--   $12 = "2026-11-01T00:00:00.000Z"
--   $13 = "2026-11-08T00:00:00.000Z"
--   $14 = "{\"high\",\"critical\"}"
--   $15 = "{\"unverified\",\"verified\"}"
--   $16 = 12.28271484375
--   $17 = 12.3046875
--   $18 = 35.04798673426733
--   $19 = 35.06597313798418
--   $20 = 1
--   $21 = 1
--   $22 = "low"
--   $23 = "moderate"
--   $24 = "high"
--   $25 = "critical"
--   $26 = "death_or_disappearance"
--   $27 = "shipwreck"
--   $28 = "interception_or_rescue"
--   $29 = "violence_or_abuse"
--   $30 = "trafficking"
--   $31 = "smuggling"
--   $32 = "forged_document"
--   $33 = "medical_emergency"
--   $34 = "stranded_group"
--   $35 = "expulsion_or_pushback"
--   $36 = "natural_hazard"
--   $37 = "other"
