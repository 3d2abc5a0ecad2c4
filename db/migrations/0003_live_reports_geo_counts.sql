CREATE TYPE "public"."border_type" AS ENUM('land', 'sea');--> statement-breakpoint
CREATE TYPE "public"."reception_kind" AS ENUM('hotspot', 'reception_centre', 'siproimi', 'sai');--> statement-breakpoint
CREATE TYPE "public"."reported_measure" AS ENUM('sea_arrivals', 'illegal_border_crossings', 'people_in_reception');--> statement-breakpoint
CREATE TYPE "public"."reported_period" AS ENUM('day', 'month', 'year_to_date', 'on_date');--> statement-breakpoint
CREATE TYPE "public"."reported_scope" AS ENUM('country', 'region', 'route');--> statement-breakpoint
CREATE TYPE "public"."resource_status" AS ENUM('open', 'closed');--> statement-breakpoint
ALTER TYPE "public"."resource_kind" ADD VALUE 'idp_site';--> statement-breakpoint
ALTER TYPE "public"."resource_kind" ADD VALUE 'refugee_site';--> statement-breakpoint
ALTER TYPE "public"."resource_kind" ADD VALUE 'returnee_site';--> statement-breakpoint
CREATE TABLE "countries" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"iso2" char(2),
	"iso3" char(3),
	"data_country" text,
	"geometry" geometry(MultiPolygon,4326) NOT NULL,
	"source_id" text NOT NULL,
	"source_ref" text NOT NULL,
	CONSTRAINT "countries_iso" CHECK (("countries"."iso2" IS NULL OR "countries"."iso2" ~ '^[A-Z]{2}$') AND ("countries"."iso3" IS NULL OR "countries"."iso3" ~ '^[A-Z]{3}$'))
);
--> statement-breakpoint
CREATE TABLE "disputed_boundaries" (
	"id" text PRIMARY KEY NOT NULL,
	"style" text NOT NULL,
	"name" text,
	"geometry" geometry(MultiLineString,4326) NOT NULL,
	"source_id" text NOT NULL,
	CONSTRAINT "disputed_boundaries_style" CHECK ("disputed_boundaries"."style" IN ('black', 'white'))
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"key" uuid PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" smallint NOT NULL,
	"response" json NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reported_counts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"measure" "reported_measure" NOT NULL,
	"scope_kind" "reported_scope" NOT NULL,
	"scope_code" text NOT NULL,
	"scope_name" text NOT NULL,
	"country" char(2),
	"area_id" text,
	"period" "reported_period" NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"nationality" text,
	"border_type" "border_type",
	"reception" "reception_kind",
	"count" integer NOT NULL,
	"reported_on" date,
	"notes" text,
	"source_id" text NOT NULL,
	CONSTRAINT "reported_counts_key" UNIQUE NULLS NOT DISTINCT("measure","scope_code","period","period_start","period_end","nationality","border_type","reception","scope_kind","source_id"),
	CONSTRAINT "reported_counts_count" CHECK ("reported_counts"."count" >= 0),
	CONSTRAINT "reported_counts_nationality" CHECK ("reported_counts"."nationality" ~ '^([A-Z]{3}|other)$'),
	CONSTRAINT "reported_counts_period" CHECK ("reported_counts"."period_end" >= "reported_counts"."period_start" AND CASE "reported_counts"."period"
        WHEN 'day' THEN "reported_counts"."period_end" = "reported_counts"."period_start"
        WHEN 'on_date' THEN "reported_counts"."period_end" = "reported_counts"."period_start"
        WHEN 'month' THEN extract(day FROM "reported_counts"."period_start") = 1
          AND "reported_counts"."period_end" = ("reported_counts"."period_start" + interval '1 month' - interval '1 day')::date
        WHEN 'year_to_date' THEN extract(month FROM "reported_counts"."period_start") = 1 AND extract(day FROM "reported_counts"."period_start") = 1
          AND extract(year FROM "reported_counts"."period_start") = extract(year FROM "reported_counts"."period_end") END)
);
--> statement-breakpoint
CREATE TABLE "sar_regions" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"country" char(2) NOT NULL,
	"responsible_centre" text,
	"geometry" geometry(MultiPolygon,4326) NOT NULL,
	"source_id" text NOT NULL,
	"source_ref" text,
	CONSTRAINT "sar_regions_country_iso2" CHECK ("sar_regions"."country" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
CREATE TABLE "source_reports" (
	"source_id" text NOT NULL,
	"reported_on" date NOT NULL,
	"url" text NOT NULL,
	CONSTRAINT "source_reports_source_id_reported_on_pk" PRIMARY KEY("source_id","reported_on")
);
--> statement-breakpoint
DROP INDEX "crossing_counts_post_time_idx";--> statement-breakpoint
DROP INDEX "crossing_counts_flow_point_time_idx";--> statement-breakpoint
DROP INDEX "crossing_counts_time_idx";--> statement-breakpoint
DROP INDEX "crossing_counts_natural_key";--> statement-breakpoint
ALTER TABLE "crossing_counts" ADD COLUMN "site_id" text GENERATED ALWAYS AS (coalesce(post_id, flow_point_id)) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "accuracy_m" integer;--> statement-breakpoint
ALTER TABLE "resources" ADD COLUMN "status" "resource_status";--> statement-breakpoint
ALTER TABLE "resources" ADD COLUMN "closed_on" date;--> statement-breakpoint
ALTER TABLE "resources" ADD COLUMN "notes" text;--> statement-breakpoint
ALTER TABLE "countries" ADD CONSTRAINT "countries_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputed_boundaries" ADD CONSTRAINT "disputed_boundaries_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reported_counts" ADD CONSTRAINT "reported_counts_area_id_admin_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."admin_areas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reported_counts" ADD CONSTRAINT "reported_counts_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sar_regions" ADD CONSTRAINT "sar_regions_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_reports" ADD CONSTRAINT "source_reports_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "countries_geometry_idx" ON "countries" USING gist ("geometry");--> statement-breakpoint
CREATE INDEX "countries_iso2_idx" ON "countries" USING btree ("iso2");--> statement-breakpoint
CREATE INDEX "disputed_boundaries_geometry_idx" ON "disputed_boundaries" USING gist ("geometry");--> statement-breakpoint
CREATE INDEX "events_created_at_idx" ON "events" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "sar_regions_geometry_idx" ON "sar_regions" USING gist ("geometry");--> statement-breakpoint
CREATE INDEX "crossing_counts_time_brin" ON "crossing_counts" USING brin ("period_start");--> statement-breakpoint
CREATE UNIQUE INDEX "crossing_counts_natural_key" ON "crossing_counts" USING btree ("site_id","period_start","period","direction","source_id");--> statement-breakpoint
ALTER TABLE "crossing_counts" DROP COLUMN "id";--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_accuracy" CHECK ("incidents"."accuracy_m" IS NULL OR "incidents"."accuracy_m" >= 0);