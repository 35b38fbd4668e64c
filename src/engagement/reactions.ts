/**
 * 点赞 and 收藏 on articles, by signed-in readers. Both are idempotent sets:
 * liking twice is one like, taking back a like that is not there changes
 * nothing. The callers check the article is published first.
 *
 * A like moves the article's live count (article_stats.likes) and, unless
 * the reader is the article's author, the hot list's article_likes of the
 * day; taking it back subtracts from the day the like was given, so liking
 * and unliking over and over adds nothing to the hot score.
 */
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { rowsOf, type Queryable } from '../db/client.js';
import { adjustArticleCounter, getArticleCounter } from '../articles/index.js';
import { recordEvent } from '../events/index.js';
import type { Clock } from '../shared/clock.js';
import { siteDay } from '../shared/time-zone.js';
import { articleLikes, bookmarks } from './schema.js';

export interface LikeInput {
  readonly articleId: string;
  readonly userId: string;
  /** The article's own author: their like is in the count, never in the hot list. */
  readonly byAuthor?: boolean;
}

/** What a like or an unlike leaves: the reader's state and the article's like count. */
export interface LikeState {
  readonly liked: boolean;
  readonly likes: number;
}

async function addDailyLikes(tx: Queryable, articleId: string, day: string, delta: 1 | -1) {
  await tx.execute(sql`
    INSERT INTO byline.article_daily (article_id, day, article_likes)
    VALUES (${articleId}, ${day}, ${Math.max(delta, 0)})
    ON CONFLICT (article_id, day) DO UPDATE
    SET article_likes = greatest(byline.article_daily.article_likes + ${delta}, 0)`);
}

/** 点赞 (idempotent). */
export async function likeArticle(db: Queryable, clock: Clock, input: LikeInput) {
  return db.transaction(async (tx): Promise<LikeState> => {
    const now = clock.now();
    const inserted = await tx
      .insert(articleLikes)
      .values({ articleId: input.articleId, userId: input.userId, createdAt: now })
      .onConflictDoNothing()
      .returning({ articleId: articleLikes.articleId });
    if (inserted.length === 0)
      return { liked: true, likes: await getArticleCounter(tx, input.articleId, 'likes') };
    if (!input.byAuthor) await addDailyLikes(tx, input.articleId, siteDay(now), 1);
    const likes = await adjustArticleCounter(tx, input.articleId, 'likes', 1);
    await recordEvent(tx, { type: 'article.liked', articleId: input.articleId });
    return { liked: true, likes };
  });
}

/** 取消点赞 (idempotent). */
export async function unlikeArticle(db: Queryable, input: LikeInput) {
  return db.transaction(async (tx): Promise<LikeState> => {
    const [removed] = await tx
      .delete(articleLikes)
      .where(
        and(eq(articleLikes.articleId, input.articleId), eq(articleLikes.userId, input.userId)),
      )
      .returning({ createdAt: articleLikes.createdAt });
    if (!removed)
      return { liked: false, likes: await getArticleCounter(tx, input.articleId, 'likes') };
    if (!input.byAuthor) await addDailyLikes(tx, input.articleId, siteDay(removed.createdAt), -1);
    const likes = await adjustArticleCounter(tx, input.articleId, 'likes', -1);
    await recordEvent(tx, { type: 'article.liked', articleId: input.articleId });
    return { liked: false, likes };
  });
}

/** 收藏 (idempotent); returns the reader's state. */
export async function bookmarkArticle(
  db: Queryable,
  clock: Clock,
  input: { readonly articleId: string; readonly userId: string },
): Promise<{ bookmarked: true }> {
  await db
    .insert(bookmarks)
    .values({ userId: input.userId, articleId: input.articleId, createdAt: clock.now() })
    .onConflictDoNothing();
  return { bookmarked: true };
}

/** 取消收藏 (idempotent). */
export async function unbookmarkArticle(
  db: Queryable,
  input: { readonly articleId: string; readonly userId: string },
): Promise<{ bookmarked: false }> {
  await db
    .delete(bookmarks)
    .where(and(eq(bookmarks.userId, input.userId), eq(bookmarks.articleId, input.articleId)));
  return { bookmarked: false };
}

/** Whether this reader likes and has bookmarked this article (the article page's buttons). */
export async function getReaderState(
  db: Queryable,
  userId: string,
  articleId: string,
): Promise<{ liked: boolean; bookmarked: boolean }> {
  const [row] = rowsOf<{ liked: boolean; bookmarked: boolean }>(
    await db.execute(sql`
    SELECT
      EXISTS (SELECT 1 FROM byline.article_likes WHERE article_id = ${articleId} AND user_id = ${userId}) AS liked,
      EXISTS (SELECT 1 FROM byline.bookmarks WHERE article_id = ${articleId} AND user_id = ${userId}) AS bookmarked`),
  );
  return { liked: row?.liked === true, bookmarked: row?.bookmarked === true };
}

/** A saved or read article in a reader's list, with when. */
export interface ReaderListEntry {
  readonly articleId: string;
  readonly at: Date;
}

/** Keyset position in a reader's list: (time, article id), newest first. */
export interface ReaderListCursor {
  readonly at: Date;
  readonly articleId: string;
}

/** The rows after `before` in a list ordered by (time, article id), newest first; all without one. */
export function afterCursor(
  at: AnyPgColumn,
  articleId: AnyPgColumn,
  before: ReaderListCursor | undefined,
): SQL | undefined {
  return before
    ? sql`(${at}, ${articleId}) < (${before.at.toISOString()}::timestamptz, ${before.articleId})`
    : undefined;
}

/** 我的收藏: newest first, `limit` from after `before`. */
export async function listBookmarks(
  db: Queryable,
  userId: string,
  page: { readonly before?: ReaderListCursor; readonly limit: number },
): Promise<ReaderListEntry[]> {
  return db
    .select({ articleId: bookmarks.articleId, at: bookmarks.createdAt })
    .from(bookmarks)
    .where(
      and(
        eq(bookmarks.userId, userId),
        afterCursor(bookmarks.createdAt, bookmarks.articleId, page.before),
      ),
    )
    .orderBy(desc(bookmarks.createdAt), desc(bookmarks.articleId))
    .limit(page.limit);
}
