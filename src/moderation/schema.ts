/**
 * The tables the moderation domain owns (see CONTEXT.md). Only this domain reads or
 * writes them; other domains call its index.ts. References to other domains'
 * tables are foreign keys only.
 */
import { sql } from 'drizzle-orm';
import { index, jsonb, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { byline, createdAt } from '../db/pg-schema.js';
import { users } from '../accounts/schema.js';
import { articles } from '../articles/schema.js';
import { creatorProfiles } from '../creators/schema.js';

/**
 * The moderation desk's items other than applications and comments: held
 * articles (with why) and readers' reports of articles (举报). Decisions are
 * in the audit log; `status` is the current state.
 */
export const moderationItems = byline.table(
  'moderation_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 'held_article' | 'article_report' */
    kind: text('kind').notNull(),
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    /** Reporter (reports) or null (held by the system). */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** A reason code: copy, spam, or a reader's report reason. */
    reason: text('reason').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    /** 'open' | 'approved' | 'rejected' | 'removed' | 'restored' */
    status: text('status').notNull().default('open'),
    createdAt: createdAt(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    index('moderation_items_open_idx')
      .on(t.createdAt)
      .where(sql`status = 'open'`),
    index('moderation_items_article_idx').on(t.articleId),
  ],
);

/** Spam lexicon terms added by admins (on top of src/moderation/lexicon.txt). */
export const lexiconTerms = byline.table('lexicon_terms', {
  term: text('term').primaryKey(),
  /** 'adult' | 'gambling' | 'scam' */
  category: text('category').notNull(),
  addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
});

/** Messages to a creator in the studio (e.g. "your article was copied"). */
export const creatorNotices = byline.table(
  'creator_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    creatorId: uuid('creator_id')
      .notNull()
      .references(() => creatorProfiles.id, { onDelete: 'cascade' }),
    /** 'copied': another creator's article matches one of yours. */
    kind: text('kind').notNull(),
    articleId: text('article_id').references(() => articles.id, { onDelete: 'cascade' }),
    otherArticleId: text('other_article_id').references(() => articles.id, {
      onDelete: 'cascade',
    }),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('creator_notices_creator_idx').on(t.creatorId, t.createdAt.desc())],
);
