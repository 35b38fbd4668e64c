/**
 * The tables the search domain owns (see CONTEXT.md). Only this domain reads or
 * writes them; other domains call its index.ts. References to other domains'
 * tables are foreign keys only.
 */
import { sql } from 'drizzle-orm';
import { customType, index, integer, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { byline, createdAt } from '../db/pg-schema.js';
import { users } from '../accounts/schema.js';
import { articles } from '../articles/schema.js';

/** PostgreSQL tsvector, for the segmented search index. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The search index: one row per published article, its jieba tokens as a
 * weighted tsvector ('simple' configuration: tokens are already words).
 * Title A, author and summary B, body C.
 */
export const searchDocuments = byline.table(
  'search_documents',
  {
    articleId: text('article_id')
      .primaryKey()
      .references(() => articles.id, { onDelete: 'cascade' }),
    document: tsvector('document').notNull(),
    /** The title's tokens alone: title matches without reading (and rechecking) whole documents. */
    titleDocument: tsvector('title_document')
      .notNull()
      .default(sql`''::tsvector`),
    /**
     * Overlapping CJK character bigrams (and Latin words) of title, summary and body, with
     * positions: fragments cut anywhere, not at jieba's word boundaries (see grams.ts).
     */
    gramDocument: tsvector('gram_document')
      .notNull()
      .default(sql`''::tsvector`),
    /** Copied from the article, so the newest matches are found without a join. */
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** Copied from the article for the channel and author filters (the index answers alone). */
    channelId: smallint('channel_id').notNull(),
    authorId: uuid('author_id').notNull(),
    /** The article's updated_at when indexed: rows older than the article are stale. */
    sourceUpdatedAt: timestamp('source_updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // A small pending list (256 kB instead of 4 MB): every search scans it, so it must stay short.
    index('search_documents_document_idx')
      .using('gin', t.document)
      .with({ gin_pending_list_limit: 256 }),
    index('search_documents_title_idx')
      .using('gin', t.titleDocument)
      .with({ gin_pending_list_limit: 256 }),
    index('search_documents_gram_idx')
      .using('gin', t.gramDocument)
      .with({ gin_pending_list_limit: 256 }),
    // Documents the dictionary changed: reindexed in batches, found without a scan.
    index('search_documents_stale_idx')
      .on(t.articleId)
      .where(sql`source_updated_at = '-infinity'`),
  ],
);

/**
 * Document frequency of every lexeme in the search index (how many indexed
 * articles contain it), kept exact by the indexer in the same transaction as
 * the documents. The IDF of TF-IDF keywords for 相关推荐.
 */
export const termFrequencies = byline.table('term_frequencies', {
  term: text('term').primaryKey(),
  documents: integer('documents').notNull(),
});

/** Words added by admins to the segmenter's user dictionary (names, terms). */
export const dictionaryWords = byline.table('dictionary_words', {
  word: text('word').primaryKey(),
  addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
});
