-- bbox 11,32,16,36
SELECT p.id, p.name, p.kind, p.country, p.counterpart, p.operator,
       p.location_precision AS "locationPrecision", p.source_ref AS source, p.source_url AS "sourceUrl",
       s.id AS "datasetId", s.name AS "datasetName", s.licence AS "datasetLicence",
         s.modelled AS "datasetModelled", s.citation AS "datasetCitation", ST_AsGeoJSON(p.location, 6)::json AS geometry
FROM border_posts p JOIN sources s ON s.id = p.source_id
WHERE p.location && ST_MakeEnvelope($1::float8, $2::float8, $3::float8, $4::float8, 4326)
ORDER BY p.id;
-- parameters:
--   $1 = 11
--   $2 = 32
--   $3 = 16
--   $4 = 36
