-- The search index keeps the channel and author of each document, so its filters need no join
-- with the articles table (each domain reads only its own tables). Existing documents are filled
-- from their articles; documents of articles no longer published are dropped (the indexer
-- removes them from now on through article events).
ALTER TABLE "byline"."search_documents" ADD COLUMN "channel_id" smallint;--> statement-breakpoint
ALTER TABLE "byline"."search_documents" ADD COLUMN "author_id" uuid;--> statement-breakpoint
UPDATE "byline"."search_documents" d SET "channel_id" = a."channel_id", "author_id" = a."author_id"
  FROM "byline"."articles" a WHERE a."id" = d."article_id";--> statement-breakpoint
UPDATE "byline"."term_frequencies" t SET "documents" = t."documents" - c.n
  FROM (SELECT lexeme, count(*)::int AS n
        FROM "byline"."search_documents" d
        JOIN "byline"."articles" a ON a."id" = d."article_id" AND a."status" <> 'published',
        unnest(tsvector_to_array(d."document")) AS lexeme GROUP BY lexeme) c
  WHERE t."term" = c.lexeme;--> statement-breakpoint
DELETE FROM "byline"."search_documents" d USING "byline"."articles" a
  WHERE a."id" = d."article_id" AND a."status" <> 'published';--> statement-breakpoint
ALTER TABLE "byline"."search_documents" ALTER COLUMN "channel_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "byline"."search_documents" ALTER COLUMN "author_id" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "search_documents_stale_idx" ON "byline"."search_documents" USING btree ("article_id") WHERE source_updated_at = '-infinity';
