DROP INDEX "byline"."articles_published_idx";--> statement-breakpoint
DROP INDEX "byline"."articles_channel_published_idx";--> statement-breakpoint
DROP INDEX "byline"."articles_author_published_idx";--> statement-breakpoint
CREATE INDEX "articles_published_idx" ON "byline"."articles" USING btree ("status","published_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "articles_channel_published_idx" ON "byline"."articles" USING btree ("channel_id","status","published_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "articles_author_published_idx" ON "byline"."articles" USING btree ("author_id","status","published_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);