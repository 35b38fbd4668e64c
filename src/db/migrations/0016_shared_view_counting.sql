CREATE TABLE "byline"."view_marks" (
	"article_id" text NOT NULL,
	"visitor" text NOT NULL,
	"bucket" integer NOT NULL,
	CONSTRAINT "view_marks_article_id_visitor_bucket_pk" PRIMARY KEY("article_id","visitor","bucket")
);
--> statement-breakpoint
CREATE TABLE "byline"."view_visitors" (
	"article_id" text NOT NULL,
	"day" text NOT NULL,
	"visitor" text NOT NULL,
	"prefix" text NOT NULL,
	CONSTRAINT "view_visitors_article_id_day_visitor_pk" PRIMARY KEY("article_id","day","visitor")
);
--> statement-breakpoint
CREATE TABLE "byline"."visitor_salts" (
	"day" text PRIMARY KEY NOT NULL,
	"salt" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "view_marks_bucket_idx" ON "byline"."view_marks" USING btree ("bucket");--> statement-breakpoint
CREATE INDEX "view_visitors_prefix_idx" ON "byline"."view_visitors" USING btree ("article_id","day","prefix");--> statement-breakpoint
CREATE INDEX "view_visitors_day_idx" ON "byline"."view_visitors" USING btree ("day");