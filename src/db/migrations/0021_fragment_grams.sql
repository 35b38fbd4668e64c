ALTER TABLE "byline"."search_documents" ADD COLUMN "gram_document" "tsvector" DEFAULT ''::tsvector NOT NULL;--> statement-breakpoint
CREATE INDEX "search_documents_gram_idx" ON "byline"."search_documents" USING gin ("gram_document") WITH (gin_pending_list_limit=256);--> statement-breakpoint
-- Existing documents have no grams yet: mark them stale, like a dictionary change does, so the
-- indexer rewrites them in the background (word search keeps serving the old documents meanwhile).
UPDATE "byline"."search_documents" SET "source_updated_at" = '-infinity';
