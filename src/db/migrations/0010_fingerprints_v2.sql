ALTER TABLE "byline"."fingerprint_keys" DROP CONSTRAINT "fingerprint_keys_article_id_articles_id_fk";
--> statement-breakpoint
DROP INDEX "byline"."fingerprint_keys_article_idx";--> statement-breakpoint
ALTER TABLE "byline"."article_fingerprints" ADD COLUMN "sentence_hashes" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
-- Fingerprints v2 (one permutation MinHash, SimHash over shingles, no SimHash band keys):
-- every article is fingerprinted again; first-publish times stay (they are the receipts' claim).
DELETE FROM "byline"."fingerprint_keys";--> statement-breakpoint
UPDATE "byline"."article_fingerprints" SET "source_updated_at" = '-infinity';
