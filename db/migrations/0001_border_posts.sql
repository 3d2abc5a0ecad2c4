CREATE TYPE "public"."location_precision" AS ENUM('site', 'town');--> statement-breakpoint
CREATE TYPE "public"."post_kind" AS ENUM('land', 'sea', 'air');--> statement-breakpoint
CREATE TABLE "border_posts" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" "post_kind" NOT NULL,
	"country" char(2) NOT NULL,
	"counterpart" char(2) NOT NULL,
	"location" geometry(Point,4326) NOT NULL,
	"location_precision" "location_precision" NOT NULL,
	"operator" text,
	"source_id" text NOT NULL,
	"source_ref" text NOT NULL,
	"source_url" text,
	"notes" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "border_posts_country_iso2" CHECK ("border_posts"."country" ~ '^[A-Z]{2}$' AND "border_posts"."counterpart" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"publisher" text NOT NULL,
	"licence" text NOT NULL,
	"url" text,
	"retrieved_at" timestamp with time zone,
	"modelled" boolean DEFAULT false NOT NULL,
	"calibrated_on" text
);
--> statement-breakpoint
ALTER TABLE "border_posts" ADD CONSTRAINT "border_posts_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "border_posts_location_idx" ON "border_posts" USING gist ("location");