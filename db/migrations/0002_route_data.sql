CREATE TYPE "public"."corridor_mode" AS ENUM('land', 'sea', 'mixed');--> statement-breakpoint
CREATE TYPE "public"."count_direction" AS ENUM('in', 'out');--> statement-breakpoint
CREATE TYPE "public"."count_period" AS ENUM('hour', 'day', 'month');--> statement-breakpoint
CREATE TYPE "public"."incident_type" AS ENUM('death_or_disappearance', 'shipwreck', 'interception_or_rescue', 'violence_or_abuse', 'trafficking', 'smuggling', 'forged_document', 'medical_emergency', 'stranded_group', 'expulsion_or_pushback', 'natural_hazard', 'other');--> statement-breakpoint
CREATE TYPE "public"."post_status" AS ENUM('open', 'restricted', 'closed');--> statement-breakpoint
CREATE TYPE "public"."resource_kind" AS ENUM('shelter', 'health_post', 'water_point', 'transit_centre', 'reception_centre', 'camp');--> statement-breakpoint
CREATE TYPE "public"."severity" AS ENUM('low', 'moderate', 'high', 'critical');--> statement-breakpoint
CREATE TYPE "public"."verification" AS ENUM('unverified', 'verified', 'rejected', 'duplicate');--> statement-breakpoint
CREATE TABLE "admin_areas" (
	"id" text PRIMARY KEY NOT NULL,
	"pcode" text,
	"name" text NOT NULL,
	"country" char(2) NOT NULL,
	"level" smallint DEFAULT 1 NOT NULL,
	"geometry" geometry(MultiPolygon,4326) NOT NULL,
	"source_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "corridor_stages" (
	"corridor_id" text NOT NULL,
	"seq" smallint NOT NULL,
	"name" text NOT NULL,
	"post_id" text,
	"flow_point_id" text,
	CONSTRAINT "corridor_stages_corridor_id_seq_pk" PRIMARY KEY("corridor_id","seq"),
	CONSTRAINT "corridor_stages_at_most_one_site" CHECK (num_nonnulls("corridor_stages"."post_id", "corridor_stages"."flow_point_id") <= 1)
);
--> statement-breakpoint
CREATE TABLE "corridors" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"mode" "corridor_mode" NOT NULL,
	"geometry" geometry(LineString,4326) NOT NULL,
	"source_id" text NOT NULL,
	"source_ref" text NOT NULL,
	"notes" text
);
--> statement-breakpoint
CREATE TABLE "crossing_counts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"post_id" text,
	"flow_point_id" text,
	"period_start" timestamp with time zone NOT NULL,
	"period" "count_period" NOT NULL,
	"direction" "count_direction" NOT NULL,
	"count" integer NOT NULL,
	"breakdown" jsonb,
	"source_id" text NOT NULL,
	CONSTRAINT "crossing_counts_one_site" CHECK (num_nonnulls("crossing_counts"."post_id", "crossing_counts"."flow_point_id") = 1),
	CONSTRAINT "crossing_counts_count" CHECK ("crossing_counts"."count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "displacement_counts" (
	"area_id" text NOT NULL,
	"date" date NOT NULL,
	"internally_displaced" integer,
	"returnees" integer,
	"people_in_sites" integer,
	"source_id" text NOT NULL,
	CONSTRAINT "displacement_counts_area_id_date_source_id_pk" PRIMARY KEY("area_id","date","source_id")
);
--> statement-breakpoint
CREATE TABLE "flow_points" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"country" char(2) NOT NULL,
	"kind" text NOT NULL,
	"location" geometry(Point,4326) NOT NULL,
	"location_precision" "location_precision" NOT NULL,
	"source_id" text NOT NULL,
	"source_ref" text NOT NULL,
	"source_url" text,
	"notes" text,
	CONSTRAINT "flow_points_kind" CHECK ("flow_points"."kind" IN ('fmp', 'hub'))
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"location" geometry(Point,4326) NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"occurred_precision" text DEFAULT 'day' NOT NULL,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"type" "incident_type" NOT NULL,
	"severity" "severity" NOT NULL,
	"dead" integer DEFAULT 0 NOT NULL,
	"missing" integer DEFAULT 0 NOT NULL,
	"injured" integer DEFAULT 0 NOT NULL,
	"survivors" integer DEFAULT 0 NOT NULL,
	"children" integer DEFAULT 0 NOT NULL,
	"cause" text,
	"country" char(2),
	"route" text,
	"description" text DEFAULT '' NOT NULL,
	"verification" "verification" DEFAULT 'unverified' NOT NULL,
	"source_id" text NOT NULL,
	"external_id" text,
	"source_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incidents_counts" CHECK ("incidents"."dead" >= 0 AND "incidents"."missing" >= 0 AND "incidents"."injured" >= 0 AND "incidents"."survivors" >= 0 AND "incidents"."children" >= 0)
);
--> statement-breakpoint
CREATE TABLE "resources" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" "resource_kind" NOT NULL,
	"country" char(2) NOT NULL,
	"location" geometry(Point,4326) NOT NULL,
	"operator" text,
	"capacity" integer,
	"occupancy" integer,
	"capacity_source_id" text,
	"source_id" text NOT NULL,
	"source_ref" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resources_capacity" CHECK ("resources"."capacity" IS NULL OR "resources"."capacity" >= 0),
	CONSTRAINT "resources_occupancy" CHECK ("resources"."occupancy" IS NULL OR "resources"."occupancy" >= 0)
);
--> statement-breakpoint
ALTER TABLE "border_posts" ADD COLUMN "status" "post_status";--> statement-breakpoint
ALTER TABLE "border_posts" ADD COLUMN "status_note" text;--> statement-breakpoint
ALTER TABLE "border_posts" ADD COLUMN "registration_system" text;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "citation" text;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "notes" text;--> statement-breakpoint
ALTER TABLE "admin_areas" ADD CONSTRAINT "admin_areas_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "corridor_stages" ADD CONSTRAINT "corridor_stages_corridor_id_corridors_id_fk" FOREIGN KEY ("corridor_id") REFERENCES "public"."corridors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "corridor_stages" ADD CONSTRAINT "corridor_stages_post_id_border_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."border_posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "corridor_stages" ADD CONSTRAINT "corridor_stages_flow_point_id_flow_points_id_fk" FOREIGN KEY ("flow_point_id") REFERENCES "public"."flow_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "corridors" ADD CONSTRAINT "corridors_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crossing_counts" ADD CONSTRAINT "crossing_counts_post_id_border_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."border_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crossing_counts" ADD CONSTRAINT "crossing_counts_flow_point_id_flow_points_id_fk" FOREIGN KEY ("flow_point_id") REFERENCES "public"."flow_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crossing_counts" ADD CONSTRAINT "crossing_counts_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "displacement_counts" ADD CONSTRAINT "displacement_counts_area_id_admin_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."admin_areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "displacement_counts" ADD CONSTRAINT "displacement_counts_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flow_points" ADD CONSTRAINT "flow_points_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_capacity_source_id_sources_id_fk" FOREIGN KEY ("capacity_source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "admin_areas_geometry_idx" ON "admin_areas" USING gist ("geometry");--> statement-breakpoint
CREATE UNIQUE INDEX "admin_areas_pcode" ON "admin_areas" USING btree ("pcode");--> statement-breakpoint
CREATE INDEX "corridors_geometry_idx" ON "corridors" USING gist ("geometry");--> statement-breakpoint
CREATE UNIQUE INDEX "crossing_counts_natural_key" ON "crossing_counts" USING btree ("source_id",coalesce("post_id", "flow_point_id"),"period","period_start","direction");--> statement-breakpoint
CREATE INDEX "crossing_counts_post_time_idx" ON "crossing_counts" USING btree ("post_id","period_start");--> statement-breakpoint
CREATE INDEX "crossing_counts_flow_point_time_idx" ON "crossing_counts" USING btree ("flow_point_id","period_start");--> statement-breakpoint
CREATE INDEX "crossing_counts_time_idx" ON "crossing_counts" USING btree ("period_start");--> statement-breakpoint
CREATE INDEX "flow_points_location_idx" ON "flow_points" USING gist ("location");--> statement-breakpoint
CREATE INDEX "incidents_location_idx" ON "incidents" USING gist ("location");--> statement-breakpoint
CREATE INDEX "incidents_occurred_at_idx" ON "incidents" USING btree ("occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_source_external_id" ON "incidents" USING btree ("source_id","external_id");--> statement-breakpoint
CREATE INDEX "resources_location_idx" ON "resources" USING gist ("location");