-- bbox, 2026-11-01..08, country LY
WITH latest AS (
  SELECT DISTINCT ON (d.area_id) d.area_id, d.source_id, d.date, d.internally_displaced,
         d.returnees, d.people_in_sites
  FROM displacement_counts d
  WHERE d.date >= $1::date AND d.date < $2::timestamptz
  ORDER BY d.area_id, d.date DESC, d.source_id
),
before AS (
  SELECT DISTINCT ON (d.area_id) d.area_id, d.date, d.internally_displaced
  FROM displacement_counts d JOIN latest l ON l.area_id = d.area_id AND l.source_id = d.source_id
  WHERE d.date < $3::date
  ORDER BY d.area_id, d.date DESC
)
SELECT a.id, a.name, a.country::text AS country, a.pcode, l.date::text AS date,
       l.internally_displaced AS idps, l.returnees, l.people_in_sites AS "inSites",
       b.date::text AS "dateBefore", b.internally_displaced AS "idpsBefore", l.source_id AS "sourceId",
       ST_AsGeoJSON(a.geometry, 4)::json AS geometry
FROM latest l JOIN admin_areas a ON a.id = l.area_id LEFT JOIN before b ON b.area_id = l.area_id
WHERE a.geometry && ST_MakeEnvelope($4::float8, $5::float8, $6::float8, $7::float8, 4326) AND a.country::text = ANY($8::text[])
ORDER BY a.id;
-- parameters:
--   $1 = "2026-11-01"
--   $2 = "2026-11-08T00:00:00.000Z"
--   $3 = "2026-11-01"
--   $4 = 11
--   $5 = 32
--   $6 = 16
--   $7 = 36
--   $8 = "{\"LY\"}"
