/**
 * A reader's engagement as account deletion and data export see it: their
 * comments, likes (of comments and of articles), reports, bookmarks and
 * reading history — exported as written, erased with every counter they
 * moved put back.
 */
import { asc, eq, sql } from 'drizzle-orm';
import { adjustArticleCounter } from '../articles/index.js';
import { rowsOf, type Queryable } from '../db/client.js';
import { recordEvents } from '../events/index.js';
import {
  articleLikes,
  bookmarks,
  commentLikes,
  commentReports,
  comments,
  readingHistory,
} from './schema.js';

export interface CommentExport {
  readonly id: string;
  readonly articleId: string;
  readonly parentId: string | null;
  readonly body: string;
  readonly status: string;
  readonly likes: number;
  readonly createdAt: Date;
}

/** What a reader wrote and did: comments (any status), likes, reports, bookmarks and readings. */
export async function exportEngagementOf(db: Queryable, userId: string) {
  const written: CommentExport[] = await db
    .select({
      id: comments.id,
      articleId: comments.articleId,
      parentId: comments.parentId,
      body: comments.body,
      status: comments.status,
      likes: comments.likes,
      createdAt: comments.createdAt,
    })
    .from(comments)
    .where(eq(comments.userId, userId))
    .orderBy(asc(comments.createdAt));
  const likes = await db
    .select({ commentId: commentLikes.commentId, createdAt: commentLikes.createdAt })
    .from(commentLikes)
    .where(eq(commentLikes.userId, userId));
  const reports = await db
    .select({
      commentId: commentReports.commentId,
      reason: commentReports.reason,
      createdAt: commentReports.createdAt,
    })
    .from(commentReports)
    .where(eq(commentReports.userId, userId));
  const articlesLiked = await db
    .select({ articleId: articleLikes.articleId, createdAt: articleLikes.createdAt })
    .from(articleLikes)
    .where(eq(articleLikes.userId, userId))
    .orderBy(asc(articleLikes.createdAt));
  const saved = await db
    .select({ articleId: bookmarks.articleId, createdAt: bookmarks.createdAt })
    .from(bookmarks)
    .where(eq(bookmarks.userId, userId))
    .orderBy(asc(bookmarks.createdAt));
  const history = await db
    .select({ articleId: readingHistory.articleId, readAt: readingHistory.readAt })
    .from(readingHistory)
    .where(eq(readingHistory.userId, userId))
    .orderBy(asc(readingHistory.readAt));
  return {
    comments: written,
    likes,
    reports,
    articleLikes: articlesLiked,
    bookmarks: saved,
    history,
  };
}

/**
 * Deletes a reader's comments, likes, reports, bookmarks and reading
 * history, putting back the counters they moved (an article's comment and
 * like counts, a comment's likes and reports).
 * Replies to a deleted comment stay, without the quote.
 */
export async function eraseEngagementOf(tx: Queryable, userId: string): Promise<void> {
  const perArticle = rowsOf<{ article_id: string; n: number }>(
    await tx.execute(sql`
      SELECT article_id, count(*)::int AS n FROM byline.comments
      WHERE user_id = ${userId} AND status = 'visible' GROUP BY article_id`),
  );
  for (const { article_id, n } of perArticle)
    await adjustArticleCounter(tx, article_id, 'comments', -n);
  await tx.execute(sql`
    UPDATE byline.comments c SET likes = greatest(c.likes - 1, 0)
    FROM byline.comment_likes l WHERE l.comment_id = c.id AND l.user_id = ${userId}`);
  await tx.delete(commentLikes).where(eq(commentLikes.userId, userId));
  await tx.execute(sql`
    UPDATE byline.comments c SET reports = greatest(c.reports - 1, 0)
    FROM byline.comment_reports r WHERE r.comment_id = c.id AND r.user_id = ${userId}`);
  await tx.delete(commentReports).where(eq(commentReports.userId, userId));
  await tx.delete(comments).where(eq(comments.userId, userId));
  const liked = await tx
    .delete(articleLikes)
    .where(eq(articleLikes.userId, userId))
    .returning({ articleId: articleLikes.articleId });
  for (const { articleId } of liked) await adjustArticleCounter(tx, articleId, 'likes', -1);
  await tx.delete(bookmarks).where(eq(bookmarks.userId, userId));
  await tx.delete(readingHistory).where(eq(readingHistory.userId, userId));
  await recordEvents(tx, [
    ...perArticle.map((r) => ({ type: 'comment.changed' as const, articleId: r.article_id })),
    ...liked.map((r) => ({ type: 'article.liked' as const, articleId: r.articleId })),
  ]);
}

/** A reader's newest visible or held comments, for their own page. */
export async function listRecentCommentsOf(db: Queryable, userId: string, limit = 10) {
  return db
    .select({
      id: comments.id,
      articleId: comments.articleId,
      body: comments.body,
      status: comments.status,
      likes: comments.likes,
      createdAt: comments.createdAt,
    })
    .from(comments)
    .where(sql`${comments.userId} = ${userId} AND ${comments.status} <> 'removed'`)
    .orderBy(sql`${comments.createdAt} DESC`)
    .limit(limit);
}
