CREATE TYPE "byline"."share_target" AS ENUM('link', 'wechat', 'weibo');--> statement-breakpoint
CREATE TABLE "byline"."article_shares" (
	"article_id" text NOT NULL,
	"target" "byline"."share_target" NOT NULL,
	"visitor_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "article_shares_article_id_target_visitor_key_pk" PRIMARY KEY("article_id","target","visitor_key")
);
--> statement-breakpoint
ALTER TABLE "byline"."article_shares" ADD CONSTRAINT "article_shares_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "byline"."articles"("id") ON DELETE cascade ON UPDATE no action;