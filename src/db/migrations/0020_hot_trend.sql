CREATE TABLE "byline"."hot_rank_history" (
	"day" text NOT NULL,
	"scope" text NOT NULL,
	"article_id" text NOT NULL,
	"rank" smallint NOT NULL,
	CONSTRAINT "hot_rank_history_day_scope_article_id_pk" PRIMARY KEY("day","scope","article_id")
);
--> statement-breakpoint
ALTER TABLE "byline"."hot_list" ADD COLUMN "previous_rank" smallint;--> statement-breakpoint
ALTER TABLE "byline"."hot_list" ADD COLUMN "has_baseline" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "byline"."hot_rank_history" ADD CONSTRAINT "hot_rank_history_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "byline"."articles"("id") ON DELETE cascade ON UPDATE no action;
