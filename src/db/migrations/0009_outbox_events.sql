CREATE TABLE "byline"."events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "events_created_idx" ON "byline"."events" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "articles_author_updated_idx" ON "byline"."articles" USING btree ("author_id","updated_at" DESC NULLS LAST,"id" DESC NULLS LAST);