-- PostGIS first: every later migration has geometry columns.
CREATE EXTENSION IF NOT EXISTS postgis;
