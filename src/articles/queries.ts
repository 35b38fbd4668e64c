import { desc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { articles, channels, creatorProfiles } from '../db/schema.js';
import { AppError } from '../shared/errors.js';
import type { ArticleCard, ArticleView } from './article.js';

const cardColumns = {
  id: articles.id,
  title: articles.title,
  summary: articles.summary,
  status: articles.status,
  publishedAt: articles.publishedAt,
  updatedAt: articles.updatedAt,
  originalityClaim: articles.originalityClaim,
  sourceName: articles.sourceName,
  sourceUrl: articles.sourceUrl,
  author: {
    id: creatorProfiles.id,
    handle: creatorProfiles.handle,
    displayName: creatorProfiles.displayName,
  },
  channel: { id: channels.id, slug: channels.slug, name: channels.name },
};

const viewColumns = {
  ...cardColumns,
  bodyHtml: articles.bodyHtml,
  bodySource: articles.bodySource,
  bodyFormat: articles.bodyFormat,
};

function selectCards(db: Queryable) {
  return db
    .select(cardColumns)
    .from(articles)
    .innerJoin(creatorProfiles, eq(creatorProfiles.id, articles.authorId))
    .innerJoin(channels, eq(channels.id, articles.channelId));
}

function selectViews(db: Queryable) {
  return db
    .select(viewColumns)
    .from(articles)
    .innerJoin(creatorProfiles, eq(creatorProfiles.id, articles.authorId))
    .innerJoin(channels, eq(channels.id, articles.channelId));
}

/** Newest published articles first (one query for the whole list). */
export async function listLatestArticles(db: Queryable, limit: number): Promise<ArticleCard[]> {
  return selectCards(db)
    .where(eq(articles.status, 'published'))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit);
}

/** Any status; callers decide what a reader may see. */
export async function findArticle(db: Queryable, id: string): Promise<ArticleView | undefined> {
  const [row] = await selectViews(db).where(eq(articles.id, id));
  return row;
}

/** A published article, or ARTICLE_NOT_FOUND (404) / ARTICLE_GONE (410). */
export async function getPublishedArticleOrThrow(db: Queryable, id: string): Promise<ArticleView> {
  const article = await findArticle(db, id);
  if (!article || article.status === 'draft' || article.status === 'scheduled') {
    throw new AppError('ARTICLE_NOT_FOUND');
  }
  if (article.status === 'removed') throw new AppError('ARTICLE_GONE');
  return article;
}

export async function countPublishedArticles(db: Queryable): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(articles)
    .where(eq(articles.status, 'published'));
  return row?.n ?? 0;
}

/** Which of these import ids exist already (one query for a whole batch). */
export async function findImportedExternalIds(
  db: Queryable,
  externalIds: readonly string[],
): Promise<string[]> {
  if (externalIds.length === 0) return [];
  const rows = await db
    .select({ externalId: articles.externalId })
    .from(articles)
    .where(inArray(articles.externalId, [...externalIds]));
  return rows.map((r) => r.externalId!);
}
