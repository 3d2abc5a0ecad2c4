CREATE TABLE "login_failures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"address" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_audit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"actor_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"action" text NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "incident_id" bigint;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD COLUMN "user_id" integer;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "shareable" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "user_audit" ADD CONSTRAINT "user_audit_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_audit" ADD CONSTRAINT "user_audit_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "login_failures_email_idx" ON "login_failures" USING btree ("email","at");--> statement-breakpoint
CREATE INDEX "login_failures_address_idx" ON "login_failures" USING btree ("address","at");--> statement-breakpoint
CREATE INDEX "user_audit_user_idx" ON "user_audit" USING btree ("user_id","at");--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "events_incident_idx" ON "events" USING btree ("incident_id");--> statement-breakpoint
UPDATE "events" e SET "incident_id" = (e.payload->>'incidentId')::bigint, "payload" = e.payload - 'feature'
  WHERE e.payload ? 'incidentId'
    AND EXISTS (SELECT 1 FROM incidents i WHERE i.id = (e.payload->>'incidentId')::bigint);--> statement-breakpoint
-- Row-level security (docs/api.md#who-sees-what). The app runs every request's queries as crosswatch_app,
-- which does not bypass RLS, with the caller in three settings of the transaction (db/scope.ts):
-- crosswatch.role (none, reporter, viewer, coordinator, admin, local, system), crosswatch.user_id and
-- crosswatch.agency_id. Without them a query sees only the public datasets.
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'crosswatch_app') THEN
    CREATE ROLE crosswatch_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
  END IF;
END $$;--> statement-breakpoint
DO $$ BEGIN
  EXECUTE format('GRANT crosswatch_app TO %I', current_user);
EXCEPTION WHEN insufficient_privilege OR invalid_grant_operation THEN
  RAISE NOTICE 'crosswatch: cannot grant crosswatch_app to %: a superuser must, for the app to SET ROLE to it', current_user;
END $$;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO crosswatch_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO crosswatch_app;--> statement-breakpoint
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO crosswatch_app;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO crosswatch_app;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO crosswatch_app;--> statement-breakpoint
-- A bbox filter under RLS may use the GiST index only if && (and ST_Expand, for a box from a join) is
-- leakproof, which they are in effect (&& compares two boxes; its one error names mixed SRIDs, not a
-- value). Needs a superuser, as PostGIS does.
DO $$ BEGIN
  ALTER FUNCTION geometry_overlaps(geometry, geometry) LEAKPROOF;
  -- ST_Expand widens a box by a number; it raises no error that could tell a value.
  ALTER FUNCTION st_expand(geometry, double precision) LEAKPROOF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'crosswatch: not a superuser, so && is not marked LEAKPROOF: bbox reads of incidents will not use their index';
END $$;--> statement-breakpoint
CREATE FUNCTION cw_role() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS
  $$ SELECT coalesce(nullif(current_setting('crosswatch.role', true), ''), 'none') $$;--> statement-breakpoint
CREATE FUNCTION cw_user() RETURNS integer LANGUAGE sql STABLE PARALLEL SAFE AS
  $$ SELECT nullif(current_setting('crosswatch.user_id', true), '')::integer $$;--> statement-breakpoint
CREATE FUNCTION cw_agency() RETURNS integer LANGUAGE sql STABLE PARALLEL SAFE AS
  $$ SELECT nullif(current_setting('crosswatch.agency_id', true), '')::integer $$;--> statement-breakpoint
-- How much of an incident the caller sees: 'public' (a published dataset, to everyone), 'full' (its
-- reporter; coordinators and admins of its agency; admins for reports of no agency; the operator),
-- 'agency' (viewers of its agency: no reporter, no photo), 'shared' (other agencies' viewers and above,
-- once verified: coarsened), or null (hidden). The one statement of the rule; docs/api.md mirrors it.
CREATE FUNCTION cw_access(source_id text, agency_id integer, reported_by integer, verification verification)
  RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN source_id NOT IN ('crosswatch-field-reports', 'crosswatch-simulator') THEN 'public'
    WHEN cw_role() IN ('local', 'system') THEN 'full'
    WHEN reported_by IS NOT NULL AND reported_by = cw_user() THEN 'full'
    WHEN agency_id IS NOT NULL AND agency_id = cw_agency() AND cw_role() IN ('coordinator', 'admin') THEN 'full'
    WHEN agency_id IS NULL AND cw_role() = 'admin' THEN 'full'
    WHEN agency_id IS NOT NULL AND agency_id = cw_agency() AND cw_role() = 'viewer' THEN 'agency'
    WHEN verification = 'verified' AND cw_role() IN ('viewer', 'coordinator', 'admin') THEN 'shared'
  END $$;--> statement-breakpoint
ALTER TABLE incidents ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY incidents_read ON incidents FOR SELECT TO crosswatch_app
  USING (cw_access(source_id, agency_id, reported_by, verification) IS NOT NULL);--> statement-breakpoint
-- Writes: a report is filed by its sender into their own agency; a reviewed change needs full access and a
-- coordinator; published datasets change only by an import (the operator or the server itself).
CREATE POLICY incidents_file ON incidents FOR INSERT TO crosswatch_app
  WITH CHECK (cw_role() IN ('local', 'system')
    OR (cw_role() <> 'none' AND source_id IN ('crosswatch-field-reports', 'crosswatch-simulator')
        AND reported_by IS NOT DISTINCT FROM cw_user() AND agency_id IS NOT DISTINCT FROM cw_agency()));--> statement-breakpoint
CREATE POLICY incidents_review ON incidents FOR UPDATE TO crosswatch_app
  USING (cw_role() IN ('local', 'system')
    OR (cw_role() IN ('coordinator', 'admin') AND cw_access(source_id, agency_id, reported_by, verification) IN ('full', 'public')))
  WITH CHECK (cw_role() IN ('local', 'system')
    OR (cw_role() IN ('coordinator', 'admin') AND cw_access(source_id, agency_id, reported_by, verification) IN ('full', 'public')));--> statement-breakpoint
CREATE POLICY incidents_delete ON incidents FOR DELETE TO crosswatch_app
  USING (cw_role() IN ('local', 'system'));--> statement-breakpoint
-- Incidents as the caller may see them, coarsened and suppressed in this one place. `box` (WGS 84) keeps
-- what the caller sees inside it, using the GiST index on the exact position (the coarse one is within
-- 0.05° of it). Outside the agency a verified report is rounded to 0.1° (~11 km) and to the hour, keeps no
-- free text unless marked shareable, names no reporter and no owner, and shows counts of 1-4 as null,
-- named in `withheld` ("fewer than 5", as HDX and DTM publish small cells).
CREATE FUNCTION visible_incidents(box geometry DEFAULT NULL)
  RETURNS TABLE (id bigint, access text, location geometry, occurred_at timestamptz, occurred_precision text,
    reported_at timestamptz, type incident_type, severity severity, accuracy_m integer, dead integer,
    missing integer, injured integer, survivors integer, children integer, withheld text[], cause text,
    country char(2), route text, description text, verification verification, reported_by integer,
    agency_id integer, owner_id integer, rejection_reason text, duplicate_of bigint, resolved_at timestamptz,
    photo text, shareable boolean, version integer, source_id text, external_id text, source_url text,
    created_at timestamptz, updated_at timestamptz)
  LANGUAGE sql STABLE AS $$
  SELECT v.* FROM (
    SELECT i.id, a.access,
      CASE WHEN a.access = 'shared'
        THEN ST_SetSRID(ST_MakePoint(round(ST_X(i.location)::numeric, 1)::float8, round(ST_Y(i.location)::numeric, 1)::float8), 4326)
        ELSE i.location END,
      CASE WHEN a.access = 'shared' THEN date_trunc('hour', i.occurred_at) ELSE i.occurred_at END,
      CASE WHEN a.access = 'shared' AND i.occurred_precision = 'time' THEN 'hour' ELSE i.occurred_precision END,
      CASE WHEN a.access = 'shared' THEN date_trunc('hour', i.reported_at) ELSE i.reported_at END,
      i.type, i.severity,
      CASE WHEN a.access = 'shared' THEN greatest(coalesce(i.accuracy_m, 0), 8000) ELSE i.accuracy_m END,
      CASE WHEN s.small AND i.dead BETWEEN 1 AND 4 THEN NULL ELSE i.dead END,
      CASE WHEN s.small AND i.missing BETWEEN 1 AND 4 THEN NULL ELSE i.missing END,
      CASE WHEN s.small AND i.injured BETWEEN 1 AND 4 THEN NULL ELSE i.injured END,
      CASE WHEN s.small AND i.survivors BETWEEN 1 AND 4 THEN NULL ELSE i.survivors END,
      CASE WHEN s.small AND i.children BETWEEN 1 AND 4 THEN NULL ELSE i.children END,
      CASE WHEN s.small THEN array_remove(ARRAY[
        CASE WHEN i.dead BETWEEN 1 AND 4 THEN 'dead' END, CASE WHEN i.missing BETWEEN 1 AND 4 THEN 'missing' END,
        CASE WHEN i.injured BETWEEN 1 AND 4 THEN 'injured' END, CASE WHEN i.survivors BETWEEN 1 AND 4 THEN 'survivors' END,
        CASE WHEN i.children BETWEEN 1 AND 4 THEN 'children' END], NULL) ELSE '{}'::text[] END,
      i.cause, i.country, i.route,
      CASE WHEN a.access = 'shared' AND NOT i.shareable THEN '' ELSE i.description END,
      i.verification,
      CASE WHEN a.access = 'full' THEN i.reported_by END,
      i.agency_id,
      CASE WHEN a.access IN ('full', 'agency', 'public') THEN i.owner_id END,
      CASE WHEN a.access IN ('full', 'agency', 'public') THEN i.rejection_reason END,
      i.duplicate_of, i.resolved_at,
      CASE WHEN a.access IN ('full', 'public') THEN i.photo END,
      i.shareable, i.version, i.source_id,
      CASE WHEN a.access IN ('full', 'agency', 'public') THEN i.external_id END,
      i.source_url, i.created_at, i.updated_at
    FROM incidents i,
      LATERAL (SELECT cw_access(i.source_id, i.agency_id, i.reported_by, i.verification) AS access) a,
      LATERAL (SELECT a.access = 'shared' AS small) s
    -- A constant box folds this to a plain && on the index (and NULL to no filter at all). A box from a
    -- join does not fold: such a caller prefilters on incidents' own index first (review/queries.ts).
    WHERE box IS NULL OR i.location && ST_Expand(box, 0.05)
  ) v
  WHERE box IS NULL OR v.location && box $$;--> statement-breakpoint
-- The review history of an incident: only to those with full access to it.
ALTER TABLE incident_audit ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY incident_audit_read ON incident_audit FOR SELECT TO crosswatch_app
  USING (EXISTS (SELECT 1 FROM incidents i WHERE i.id = incident_audit.incident_id
                 AND cw_access(i.source_id, i.agency_id, i.reported_by, i.verification) = 'full'));--> statement-breakpoint
CREATE POLICY incident_audit_append ON incident_audit FOR INSERT TO crosswatch_app
  WITH CHECK (cw_role() IN ('local', 'system') OR EXISTS (SELECT 1 FROM incidents i WHERE i.id = incident_audit.incident_id
                 AND cw_access(i.source_id, i.agency_id, i.reported_by, i.verification) = 'full'));--> statement-breakpoint
-- An event about an incident reaches only those who may see the incident (its RLS applies in the subquery).
ALTER TABLE events ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY events_read ON events FOR SELECT TO crosswatch_app
  USING (incident_id IS NULL OR EXISTS (SELECT 1 FROM incidents i WHERE i.id = events.incident_id));--> statement-breakpoint
CREATE POLICY events_publish ON events FOR INSERT TO crosswatch_app
  WITH CHECK (cw_role() <> 'none');--> statement-breakpoint
-- An idempotency key answers only the one who sent it.
ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY idempotency_keys_own ON idempotency_keys FOR ALL TO crosswatch_app
  USING (cw_role() IN ('local', 'system') OR (user_id IS NOT NULL AND user_id = cw_user()))
  WITH CHECK (cw_role() IN ('local', 'system') OR (user_id IS NOT NULL AND user_id = cw_user()));--> statement-breakpoint
-- The account history is append-only: a change to it, even by a bug in the app, fails.
CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END $$;--> statement-breakpoint
CREATE TRIGGER user_audit_append_only BEFORE UPDATE OR DELETE ON user_audit
  FOR EACH ROW EXECUTE FUNCTION append_only();
