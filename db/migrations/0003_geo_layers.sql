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
ALTER TABLE "resources" ADD COLUMN "status" "resource_status";--> statement-breakpoint
ALTER TABLE "resources" ADD COLUMN "closed_on" date;--> statement-breakpoint
ALTER TABLE "resources" ADD COLUMN "notes" text;--> statement-breakpoint
ALTER TABLE "countries" ADD CONSTRAINT "countries_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputed_boundaries" ADD CONSTRAINT "disputed_boundaries_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sar_regions" ADD CONSTRAINT "sar_regions_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "countries_geometry_idx" ON "countries" USING gist ("geometry");--> statement-breakpoint
CREATE INDEX "countries_iso2_idx" ON "countries" USING btree ("iso2");--> statement-breakpoint
CREATE INDEX "disputed_boundaries_geometry_idx" ON "disputed_boundaries" USING gist ("geometry");--> statement-breakpoint
CREATE INDEX "sar_regions_geometry_idx" ON "sar_regions" USING gist ("geometry");