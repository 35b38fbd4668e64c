/**
 * An article's life after its first save: unpublish (back to a draft),
 * schedule, remove (soft, 410 from then on) and restore. Publishing, with
 * its checks, is publishing.ts. Every change locks the article's row first,
 * recounts its author's 文章数 and announces itself in the same transaction.
 */
import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { recordEvent } from '../events/index.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import type { ArticleStatus } from './article.js';
import { articleEvent } from './article-events.js';
import { recountCreatorArticles } from './commands.js';
import { articles } from './schema.js';

/** Loads an article for a change, locked until the caller's transaction ends. */
export async function loadForChange(db: Queryable, id: string) {
  const [row] = await db
    .select({
      id: articles.id,
      status: articles.status,
      authorId: articles.authorId,
      channelId: articles.channelId,
      revision: articles.revision,
      publishedAt: articles.publishedAt,
    })
    .from(articles)
    .where(eq(articles.id, id))
    // The row is locked until the command commits: two changes of one article never interleave.
    .for('update');
  if (!row) throw new AppError('ARTICLE_NOT_FOUND');
  if (row.status === 'removed') throw new AppError('ARTICLE_GONE');
  return row;
}

/**
 * Moves an article from one of `allowed` to `to` (never to published: that
 * is publishing.ts, behind its checks).
 */
export async function setStatus(
  db: Queryable,
  clock: Clock,
  id: string,
  allowed: ArticleStatus[],
  to: Exclude<ArticleStatus, 'published'>,
  scheduledAt: Date | null = null,
) {
  await db.transaction(async (tx) => {
    const row = await loadForChange(tx, id);
    if (!allowed.includes(row.status)) throw new AppError('INVALID_STATE');
    const now = clock.now();
    await tx
      .update(articles)
      .set({
        status: to,
        scheduledAt,
        updatedAt: now,
      })
      .where(eq(articles.id, id));
    await recountCreatorArticles(tx, row.authorId);
    if (row.status === 'published') await recordEvent(tx, articleEvent('article.withdrawn', row));
  });
}

/**
 * A schedule time must be a real time in the future (a time in the past
 * would just be "publish now"). Callers check it before saving anything;
 * `path` names the field as the caller's form or API calls it.
 */
export function checkScheduleTime(clock: Clock, at: Date, path = 'publishAt'): void {
  if (Number.isNaN(at.getTime()))
    throw new AppError('VALIDATION_FAILED', undefined, {
      details: [{ path, message: '定时发布的时间无效，请重新选择' }],
    });
  if (at.getTime() <= clock.now().getTime())
    throw new AppError('VALIDATION_FAILED', undefined, {
      details: [{ path, message: '定时发布的时间须晚于现在' }],
    });
}

export async function scheduleArticle(
  db: Queryable,
  clock: Clock,
  id: string,
  at: Date,
): Promise<void> {
  checkScheduleTime(clock, at);
  await setStatus(db, clock, id, ['draft', 'scheduled'], 'scheduled', at);
}

export const unpublishArticle = (db: Queryable, clock: Clock, id: string) =>
  setStatus(db, clock, id, ['published', 'scheduled', 'held'], 'draft');

/** Soft delete: the article answers 410 from now on; its revisions stay. */
export async function removeArticle(db: Queryable, clock: Clock, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(articles)
      .set({ status: 'removed', removedAt: clock.now(), updatedAt: clock.now() })
      .where(eq(articles.id, id))
      .returning({ id: articles.id, authorId: articles.authorId, channelId: articles.channelId });
    if (!row) throw new AppError('ARTICLE_NOT_FOUND');
    await recountCreatorArticles(tx, row.authorId);
    await recordEvent(tx, articleEvent('article.withdrawn', row));
  });
}

/** Undoes a removal by an editor: the article is published again (its first-publish time kept). */
export async function restoreArticle(db: Queryable, clock: Clock, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(articles)
      .set({ status: 'published', removedAt: null, updatedAt: clock.now() })
      .where(and(eq(articles.id, id), eq(articles.status, 'removed')))
      .returning({ id: articles.id, authorId: articles.authorId, channelId: articles.channelId });
    if (!row) throw new AppError('INVALID_STATE');
    await recountCreatorArticles(tx, row.authorId);
    await recordEvent(tx, articleEvent('article.published', row));
  });
}
