CREATE TABLE "byline"."article_keywords" (
	"article_id" text NOT NULL,
	"term" text NOT NULL,
	"weight" double precision NOT NULL,
	CONSTRAINT "article_keywords_article_id_term_pk" PRIMARY KEY("article_id","term")
);
--> statement-breakpoint
CREATE TABLE "byline"."dictionary_words" (
	"word" text PRIMARY KEY NOT NULL,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "byline"."related_articles" (
	"article_id" text NOT NULL,
	"related_id" text NOT NULL,
	"score" double precision NOT NULL,
	CONSTRAINT "related_articles_article_id_related_id_pk" PRIMARY KEY("article_id","related_id")
);
--> statement-breakpoint
CREATE TABLE "byline"."related_queue" (
	"article_id" text PRIMARY KEY NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "byline"."term_frequencies" (
	"term" text PRIMARY KEY NOT NULL,
	"documents" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "byline"."article_keywords" ADD CONSTRAINT "article_keywords_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "byline"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "byline"."dictionary_words" ADD CONSTRAINT "dictionary_words_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "byline"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "byline"."related_articles" ADD CONSTRAINT "related_articles_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "byline"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "byline"."related_articles" ADD CONSTRAINT "related_articles_related_id_articles_id_fk" FOREIGN KEY ("related_id") REFERENCES "byline"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "byline"."related_queue" ADD CONSTRAINT "related_queue_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "byline"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "article_keywords_term_idx" ON "byline"."article_keywords" USING btree ("term","article_id","weight");--> statement-breakpoint
CREATE INDEX "related_articles_score_idx" ON "byline"."related_articles" USING btree ("article_id","score");--> statement-breakpoint
-- An index built before this migration: count its terms and queue its related lists.
INSERT INTO "byline"."term_frequencies" ("term", "documents") SELECT word, ndoc FROM ts_stat('SELECT document FROM byline.search_documents');--> statement-breakpoint
INSERT INTO "byline"."related_queue" ("article_id") SELECT "article_id" FROM "byline"."search_documents";
