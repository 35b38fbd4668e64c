/**
 * The tables the originality domain owns (see CONTEXT.md). Only this domain reads or
 * writes them; other domains call its index.ts. References to other domains'
 * tables are foreign keys only.
 */
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  primaryKey,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { byline, createdAt } from '../db/pg-schema.js';
import { articles } from '../articles/schema.js';

/**
 * 原创保护: each published article's fingerprints (src/text/fingerprint.ts)
 * and the time it was first published — a receipt anyone can check.
 */
export const articleFingerprints = byline.table('article_fingerprints', {
  articleId: text('article_id')
    .primaryKey()
    .references(() => articles.id, { onDelete: 'cascade' }),
  /** SHA-256 of the normalised text (hex). */
  sha256: text('sha256').notNull(),
  simhash: bigint('simhash', { mode: 'bigint' }).notNull(),
  /** The 128 MinHash values (unsigned 32-bit); its LSH keys are derived from them. */
  minhash: jsonb('minhash').$type<number[]>().notNull(),
  /** The sentence hashes indexed for this article (with the LSH keys: its rows in fingerprint_keys). */
  sentenceHashes: jsonb('sentence_hashes').$type<number[]>().notNull().default([]),
  /** Characters of the normalised text. */
  length: integer('length').notNull(),
  firstPublishedAt: timestamp('first_published_at', { withTimezone: true }).notNull(),
  /** The article's updated_at when fingerprinted: older rows are stale. */
  sourceUpdatedAt: timestamp('source_updated_at', { withTimezone: true }).notNull(),
});

/**
 * The lookup index of fingerprints: MinHash LSH bands (kind 2) and sentence
 * hashes (kind 3); kind 1 (SimHash bands) is no longer written. A check reads
 * only the rows of its own keys — never a scan of all articles.
 *
 * No foreign key: its check was 40 % of inserting a site's keys. A key of an
 * article that no longer exists finds nothing (lookups join the article's
 * fingerprint, which cascades) and is deleted when its article is.
 */
export const fingerprintKeys = byline.table(
  'fingerprint_keys',
  {
    kind: smallint('kind').notNull(),
    key: bigint('key', { mode: 'number' }).notNull(),
    articleId: text('article_id').notNull(),
  },
  // Only the lookup index: an article's own rows are found from its stored fingerprint (its
  // MinHash and sentence hashes), so inserting a site's keys maintains one index, not two.
  (t) => [primaryKey({ columns: [t.kind, t.key, t.articleId] })],
);

/** Verified matches: this article copies (part of) an earlier one. The match report. */
export const originalityMatches = byline.table(
  'originality_matches',
  {
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    originalId: text('original_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    /** 'whole' or 'partial'. */
    kind: text('kind').notNull(),
    containment: doublePrecision('containment').notNull(),
    reverseContainment: doublePrecision('reverse_containment').notNull(),
    jaccard: doublePrecision('jaccard').notNull(),
    shared: integer('shared').notNull(),
    /** The matching passages of this article, each with its share found in the original. */
    passages: jsonb('passages').$type<{ passage: string; share: number }[]>().notNull(),
    sameAuthor: boolean('same_author').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.originalId] }),
    index('originality_matches_original_idx').on(t.originalId),
  ],
);
