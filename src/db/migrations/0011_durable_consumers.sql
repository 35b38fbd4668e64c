CREATE TABLE "byline"."event_consumers" (
	"name" text PRIMARY KEY NOT NULL,
	"done_below" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "byline"."events" ADD COLUMN "txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL;--> statement-breakpoint
CREATE INDEX "events_txid_idx" ON "byline"."events" USING btree ("txid","id");