DROP INDEX "crossing_counts_post_time_idx";--> statement-breakpoint
DROP INDEX "crossing_counts_flow_point_time_idx";--> statement-breakpoint
DROP INDEX "crossing_counts_time_idx";--> statement-breakpoint
DROP INDEX "crossing_counts_natural_key";--> statement-breakpoint
ALTER TABLE "crossing_counts" ADD COLUMN "site_id" text GENERATED ALWAYS AS (coalesce(post_id, flow_point_id)) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "crossing_counts_time_brin" ON "crossing_counts" USING brin ("period_start");--> statement-breakpoint
CREATE UNIQUE INDEX "crossing_counts_natural_key" ON "crossing_counts" USING btree ("site_id","period_start","period","direction","source_id");--> statement-breakpoint
ALTER TABLE "crossing_counts" DROP COLUMN "id";