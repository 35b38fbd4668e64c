CREATE TABLE "byline"."related_computed" (
	"article_id" text PRIMARY KEY NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "byline"."related_computed" ADD CONSTRAINT "related_computed_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "byline"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "related_computed_at_idx" ON "byline"."related_computed" USING btree ("computed_at");--> statement-breakpoint
-- Lists computed before this table existed are the oldest: refreshed first.
INSERT INTO "byline"."related_computed" ("article_id", "computed_at")
  SELECT DISTINCT "article_id", '-infinity'::timestamptz FROM "byline"."article_keywords";
