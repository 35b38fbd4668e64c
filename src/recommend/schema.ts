/**
 * The tables the recommend domain owns (see CONTEXT.md). Only this domain reads or
 * writes them; other domains call its index.ts. References to other domains'
 * tables are foreign keys only.
 */
import { doublePrecision, index, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { byline } from '../db/pg-schema.js';
import { articles } from '../articles/schema.js';

/**
 * Articles whose keywords and related list need (re)computing: the indexer
 * queues every document it writes, the refresh job queues old lists. A
 * separate table, so that marking work never rewrites a search document (and
 * its GIN entries).
 */
export const relatedQueue = byline.table('related_queue', {
  articleId: text('article_id')
    .primaryKey()
    .references(() => articles.id, { onDelete: 'cascade' }),
  queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Each article's top TF-IDF keywords, L2-normalised weights (cosine similarity = Σ products). */
export const articleKeywords = byline.table(
  'article_keywords',
  {
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    term: text('term').notNull(),
    weight: doublePrecision('weight').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.term] }),
    // term → articles (with the weight, so candidate scoring reads only this index)
    index('article_keywords_term_idx').on(t.term, t.articleId, t.weight),
  ],
);

/** Precomputed 相关推荐: serving is one indexed read. */
export const relatedArticles = byline.table(
  'related_articles',
  {
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    relatedId: text('related_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    score: doublePrecision('score').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.relatedId] }),
    index('related_articles_score_idx').on(t.articleId, t.score),
  ],
);

/**
 * When each indexed article's keywords and list were last computed: the
 * refresh job recomputes the oldest lists in turn (older articles see newer
 * ones, IDF drift is absorbed), with no cursor to keep anywhere.
 */
export const relatedComputed = byline.table(
  'related_computed',
  {
    articleId: text('article_id')
      .primaryKey()
      .references(() => articles.id, { onDelete: 'cascade' }),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('related_computed_at_idx').on(t.computedAt)],
);
