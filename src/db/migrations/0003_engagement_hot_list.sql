CREATE TABLE "byline"."article_daily" (
	"article_id" text NOT NULL,
	"day" text NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	"visitors" integer DEFAULT 0 NOT NULL,
	"shares" integer DEFAULT 0 NOT NULL,
	"comments" integer DEFAULT 0 NOT NULL,
	"likes" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "article_daily_article_id_day_pk" PRIMARY KEY("article_id","day")
);
--> statement-breakpoint
CREATE TABLE "byline"."hot_list" (
	"scope" text NOT NULL,
	"rank" smallint NOT NULL,
	"article_id" text NOT NULL,
	"score" double precision NOT NULL,
	"components" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "hot_list_scope_rank_pk" PRIMARY KEY("scope","rank")
);
--> statement-breakpoint
ALTER TABLE "byline"."article_daily" ADD CONSTRAINT "article_daily_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "byline"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "byline"."hot_list" ADD CONSTRAINT "hot_list_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "byline"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "article_daily_day_idx" ON "byline"."article_daily" USING btree ("day");