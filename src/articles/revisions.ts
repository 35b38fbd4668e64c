/** An article's revisions: every save is one, kept for history, comparison and restoring. */
import { and, asc, desc, eq } from 'drizzle-orm';
import { getChannelRefs } from '../channels/index.js';
import type { Queryable } from '../db/client.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { saveArticle } from './drafts.js';
import { findArticle } from './queries.js';
import { articleRevisions } from './schema.js';

export async function listRevisions(
  db: Queryable,
  articleId: string,
  page?: { newestFirst?: boolean; offset?: number; limit?: number },
) {
  const query = db
    .select({
      revision: articleRevisions.revision,
      title: articleRevisions.title,
      createdAt: articleRevisions.createdAt,
    })
    .from(articleRevisions)
    .where(eq(articleRevisions.articleId, articleId))
    .orderBy(page?.newestFirst ? desc(articleRevisions.revision) : asc(articleRevisions.revision))
    .$dynamic();
  if (page?.limit !== undefined) query.limit(page.limit);
  if (page?.offset) query.offset(page.offset);
  return query;
}

export async function getRevisionOrThrow(db: Queryable, articleId: string, revision: number) {
  const [row] = await db
    .select({
      revision: articleRevisions.revision,
      title: articleRevisions.title,
      summary: articleRevisions.summary,
      bodySource: articleRevisions.bodySource,
      bodyHtml: articleRevisions.bodyHtml,
      createdAt: articleRevisions.createdAt,
    })
    .from(articleRevisions)
    .where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.revision, revision)));
  if (!row) throw new AppError('REVISION_NOT_FOUND');
  return row;
}

/**
 * Restores an earlier revision's title, summary and body as a new revision
 * (history is never rewritten); channel, cover, tags and 原创声明 stay as
 * they are now. A published article stays published with the restored text.
 * Callers authorize as for editing.
 */
export async function restoreRevision(
  db: Queryable,
  clock: Clock,
  actor: { userId: string },
  articleId: string,
  revision: number,
): Promise<{ id: string; revision: number }> {
  const [article, old] = await Promise.all([
    findArticle(db, articleId),
    getRevisionOrThrow(db, articleId, revision),
  ]);
  if (!article) throw new AppError('ARTICLE_NOT_FOUND');
  if (article.status === 'removed') throw new AppError('ARTICLE_GONE');
  const channel = (await getChannelRefs(db, [article.channelId])).get(article.channelId);
  return saveArticle(db, clock, actor, articleId, {
    title: old.title,
    summary: old.summary,
    bodyMarkdown: old.bodySource,
    channel: channel?.slug ?? '',
    coverImageId: article.coverImageId,
    claimOriginal: article.originalityClaim,
  });
}
