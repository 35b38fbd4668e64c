/**
 * The tables the ranking domain owns (see CONTEXT.md). Only this domain reads or
 * writes them; other domains call its index.ts. References to other domains'
 * tables are foreign keys only.
 */
import {
  boolean,
  doublePrecision,
  jsonb,
  primaryKey,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { byline } from '../db/pg-schema.js';
import { articles } from '../articles/schema.js';

/** The computed 热榜: one row per (scope, rank); scope is 'all' or a channel slug. */
export const hotList = byline.table(
  'hot_list',
  {
    scope: text('scope').notNull(),
    rank: smallint('rank').notNull(),
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    score: doublePrecision('score').notNull(),
    /** The score's parts, for the explanation shown to editors and in the API. */
    components: jsonb('components').$type<Record<string, number>>().notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
    /** Its rank in the same scope at the end of the previous site day (null: not listed then). */
    previousRank: smallint('previous_rank'),
    /** Whether a previous day's list existed to compare with (no trend before the first day). */
    hasBaseline: boolean('has_baseline').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.scope, t.rank] })],
);

/**
 * The last list of each site day (Asia/Shanghai), per scope: the baseline of
 * the next day's trend (↑/↓/新). Rewritten by every computation of the day, so a
 * day's row set is its last list; days older than HOT_HISTORY_DAYS are pruned.
 */
export const hotRankHistory = byline.table(
  'hot_rank_history',
  {
    day: text('day').notNull(),
    scope: text('scope').notNull(),
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    rank: smallint('rank').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.scope, t.articleId] })],
);
