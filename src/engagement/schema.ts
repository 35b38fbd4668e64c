/**
 * The tables the engagement domain owns (see CONTEXT.md). Only this domain reads or
 * writes them; other domains call its index.ts. References to other domains'
 * tables are foreign keys only.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { byline, createdAt } from '../db/pg-schema.js';
import { users } from '../accounts/schema.js';
import { articles } from '../articles/schema.js';

export const shareTarget = byline.enum('share_target', ['link', 'wechat', 'weibo']);

/**
 * One row per (article, target, visitor): a share counts once per visitor per
 * article per target. `visitor_key` is a hash (cookie id or salted IP + UA),
 * never a raw identifier.
 */
export const articleShares = byline.table(
  'article_shares',
  {
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    target: shareTarget('target').notNull(),
    visitorKey: text('visitor_key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.target, t.visitorKey] })],
);

/**
 * Engagement per article per UTC day, the input of the hot list: raw views
 * (deduplicated per visitor per 30 minutes) and the capped, one-per-visitor
 * counts that ranking uses, plus shares, comments, likes on its comments
 * (`likes`) and likes on the article itself (`article_likes`, net of
 * likes taken back the same day).
 */
export const articleDaily = byline.table(
  'article_daily',
  {
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    day: text('day').notNull(),
    views: integer('views').notNull().default(0),
    /** Distinct visitors that day, after bot filtering and the per-network cap. */
    visitors: integer('visitors').notNull().default(0),
    shares: integer('shares').notNull().default(0),
    comments: integer('comments').notNull().default(0),
    likes: integer('likes').notNull().default(0),
    articleLikes: integer('article_likes').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.day] }), index('article_daily_day_idx').on(t.day)],
);

export const commentStatus = byline.enum('comment_status', ['visible', 'held', 'removed']);

/** 跟贴: comments and replies (parent_id), stored exactly as written. */
export const comments = byline.table(
  'comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id'),
    body: text('body').notNull(),
    status: commentStatus('status').notNull().default('visible'),
    likes: integer('likes').notNull().default(0),
    reports: integer('reports').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index('comments_article_idx').on(t.articleId, t.status, t.createdAt),
    index('comments_held_idx')
      .on(t.createdAt)
      .where(sql`${t.status} = 'held'`),
  ],
);

export const commentLikes = byline.table(
  'comment_likes',
  {
    commentId: uuid('comment_id')
      .notNull()
      .references(() => comments.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.commentId, t.userId] })],
);

export const commentReports = byline.table(
  'comment_reports',
  {
    commentId: uuid('comment_id')
      .notNull()
      .references(() => comments.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.commentId, t.userId] })],
);

/**
 * Views already counted, per visitor per article per 30-minute window: every
 * instance's flush inserts here, and only the rows it inserts count, so a
 * reader moving between instances is one view. Pruned after an hour.
 */
export const viewMarks = byline.table(
  'view_marks',
  {
    articleId: text('article_id').notNull(),
    visitor: text('visitor').notNull(),
    /** The 30-minute window (epoch milliseconds / VIEW_DEDUP_MS). */
    bucket: integer('bucket').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.visitor, t.bucket] }),
    index('view_marks_bucket_idx').on(t.bucket),
  ],
);

/**
 * Distinct visitors per article per UTC day, with their network (IPv4 /24,
 * IPv6 /48): the hot list counts a visitor once a day, and one network at most
 * PREFIX_DAILY_CAP times, across all instances. Pruned after the hot list's window.
 */
export const viewVisitors = byline.table(
  'view_visitors',
  {
    articleId: text('article_id').notNull(),
    day: text('day').notNull(),
    visitor: text('visitor').notNull(),
    prefix: text('prefix').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.day, t.visitor] }),
    index('view_visitors_prefix_idx').on(t.articleId, t.day, t.prefix),
    index('view_visitors_day_idx').on(t.day),
  ],
);

/**
 * Today's salt for hashing a visitor's address (visitors without a cookie):
 * the same on every instance, so one reader is one visitor everywhere; the
 * row is replaced each day, so yesterday's hashes cannot be reversed later.
 */
export const visitorSalts = byline.table('visitor_salts', {
  day: text('day').primaryKey(),
  salt: text('salt').notNull(),
});

/** 点赞 on an article: one row per reader per article (liking twice is one like). */
export const articleLikes = byline.table(
  'article_likes',
  {
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.userId] }),
    index('article_likes_user_idx').on(t.userId),
  ],
);

/** 收藏: a reader's saved articles, newest first on 我的收藏. */
export const bookmarks = byline.table(
  'bookmarks',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.articleId] }),
    index('bookmarks_user_created_idx').on(t.userId, t.createdAt.desc(), t.articleId.desc()),
  ],
);

/**
 * 阅读历史: what a signed-in reader has read, one row per article with the
 * time of the latest reading (written in batches with the view counts).
 */
export const readingHistory = byline.table(
  'reading_history',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    readAt: timestamp('read_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.articleId] }),
    index('reading_history_user_read_idx').on(t.userId, t.readAt.desc(), t.articleId.desc()),
  ],
);
