CREATE TABLE "byline"."search_documents" (
	"article_id" text PRIMARY KEY NOT NULL,
	"document" "tsvector" NOT NULL,
	"source_updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "byline"."search_documents" ADD CONSTRAINT "search_documents_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "byline"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "search_documents_document_idx" ON "byline"."search_documents" USING gin ("document");