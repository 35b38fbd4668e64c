/**
 * An author's articles as account deletion and data export see them: every
 * article (any status) with its text, and deleting them all.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { recordEvents } from '../events/index.js';
import { articleEvent } from './article-events.js';
import { articles } from './schema.js';

export interface ArticleExport {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly bodyMarkdown: string;
  readonly status: string;
  readonly channelId: number;
  readonly originalityClaim: boolean;
  readonly sourceName: string;
  readonly sourceUrl: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly publishedAt: Date | null;
  readonly scheduledAt: Date | null;
}

/** Every article of an author, oldest first, as written (Markdown source). */
export async function exportArticlesOf(db: Queryable, authorId: string): Promise<ArticleExport[]> {
  return db
    .select({
      id: articles.id,
      title: articles.title,
      summary: articles.summary,
      bodyMarkdown: articles.bodySource,
      status: articles.status,
      channelId: articles.channelId,
      originalityClaim: articles.originalityClaim,
      sourceName: articles.sourceName,
      sourceUrl: articles.sourceUrl,
      createdAt: articles.createdAt,
      updatedAt: articles.updatedAt,
      publishedAt: articles.publishedAt,
      scheduledAt: articles.scheduledAt,
    })
    .from(articles)
    .where(eq(articles.authorId, authorId))
    .orderBy(asc(articles.createdAt));
}

/**
 * Deletes every article of an author with all that hangs off them
 * (revisions, counters, comments, search documents, fingerprints — by
 * cascade); published ones are announced withdrawn so every page and index
 * drops them. Returns the deleted ids.
 */
export async function deleteArticlesOfAuthor(tx: Queryable, authorId: string): Promise<string[]> {
  const rows = await tx
    .select({
      id: articles.id,
      authorId: articles.authorId,
      channelId: articles.channelId,
      status: articles.status,
    })
    .from(articles)
    .where(eq(articles.authorId, authorId));
  if (rows.length === 0) return [];
  await tx.delete(articles).where(
    inArray(
      articles.id,
      rows.map((r) => r.id),
    ),
  );
  await recordEvents(
    tx,
    rows.filter((r) => r.status === 'published').map((r) => articleEvent('article.withdrawn', r)),
  );
  return rows.map((r) => r.id);
}
