ALTER TYPE "byline"."article_status" ADD VALUE 'held';--> statement-breakpoint
CREATE TABLE "byline"."article_fingerprints" (
	"article_id" text PRIMARY KEY NOT NULL,
	"sha256" text NOT NULL,
	"simhash" bigint NOT NULL,
	"minhash" jsonb NOT NULL,
	"length" integer NOT NULL,
	"first_published_at" timestamp with time zone NOT NULL,
	"source_updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "byline"."creator_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"creator_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"article_id" text,
	"other_article_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "byline"."fingerprint_keys" (
	"kind" smallint NOT NULL,
	"key" bigint NOT NULL,
	"article_id" text NOT NULL,
	CONSTRAINT "fingerprint_keys_kind_key_article_id_pk" PRIMARY KEY("kind","key","article_id")
);
--> statement-breakpoint
CREATE TABLE "byline"."lexicon_terms" (
	"term" text PRIMARY KEY NOT NULL,
	"category" text NOT NULL,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "byline"."moderation_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"article_id" text NOT NULL,
	"user_id" uuid,
	"reason" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "byline"."originality_matches" (
	"article_id" text NOT NULL,
	"original_id" text NOT NULL,
	"kind" text NOT NULL,
	"containment" double precision NOT NULL,
	"reverse_containment" double precision NOT NULL,
	"jaccard" double precision NOT NULL,
	"shared" integer NOT NULL,
	"passages" jsonb NOT NULL,
	"same_author" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "originality_matches_article_id_original_id_pk" PRIMARY KEY("article_id","original_id")
);
--> statement-breakpoint
DROP INDEX "byline"."search_documents_document_idx";--> statement-breakpoint
ALTER TABLE "byline"."search_documents" ADD COLUMN "title_document" "tsvector" DEFAULT ''::tsvector NOT NULL;--> statement-breakpoint
ALTER TABLE "byline"."search_documents" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "byline"."article_fingerprints" ADD CONSTRAINT "article_fingerprints_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "byline"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "byline"."creator_notices" ADD CONSTRAINT "creator_notices_creator_id_creator_profiles_id_fk" FOREIGN KEY ("creator_id") REFERENCES "byline"."creator_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "byline"."creator_notices" ADD CONSTRAINT "creator_notices_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "byline"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "byline"."creator_notices" ADD CONSTRAINT "creator_notices_other_article_id_articles_id_fk" FOREIGN KEY ("other_article_id") REFERENCES "byline"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "byline"."fingerprint_keys" ADD CONSTRAINT "fingerprint_keys_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "byline"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "byline"."lexicon_terms" ADD CONSTRAINT "lexicon_terms_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "byline"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "byline"."moderation_items" ADD CONSTRAINT "moderation_items_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "byline"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "byline"."moderation_items" ADD CONSTRAINT "moderation_items_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "byline"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "byline"."originality_matches" ADD CONSTRAINT "originality_matches_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "byline"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "byline"."originality_matches" ADD CONSTRAINT "originality_matches_original_id_articles_id_fk" FOREIGN KEY ("original_id") REFERENCES "byline"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "creator_notices_creator_idx" ON "byline"."creator_notices" USING btree ("creator_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "fingerprint_keys_article_idx" ON "byline"."fingerprint_keys" USING btree ("article_id");--> statement-breakpoint
CREATE INDEX "moderation_items_open_idx" ON "byline"."moderation_items" USING btree ("created_at") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "moderation_items_article_idx" ON "byline"."moderation_items" USING btree ("article_id");--> statement-breakpoint
CREATE INDEX "originality_matches_original_idx" ON "byline"."originality_matches" USING btree ("original_id");--> statement-breakpoint
CREATE INDEX "search_documents_title_idx" ON "byline"."search_documents" USING gin ("title_document") WITH (gin_pending_list_limit=256);--> statement-breakpoint
CREATE INDEX "search_documents_document_idx" ON "byline"."search_documents" USING gin ("document") WITH (gin_pending_list_limit=256);--> statement-breakpoint
-- Documents indexed before these columns existed are rebuilt by the indexer (old ones serve meanwhile).
UPDATE "byline"."search_documents" SET "source_updated_at" = '-infinity';
