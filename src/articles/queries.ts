import {
  and,
  desc,
  eq,
  gte,
  inArray,
  isNotNull,
  like,
  ne,
  notInArray,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { AppError } from '../shared/errors.js';
import type { Cursor } from '../shared/pagination.js';
import type { ArticleItem, ArticleRecord } from './article.js';
import { articles, articleStats } from './schema.js';

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
  authorId: articles.authorId,
  channelId: articles.channelId,
  stats: {
    views: articleStats.views,
    shares: articleStats.shares,
    comments: articleStats.comments,
    likes: articleStats.likes,
  },
  // The first /media/{id} of the body is its first figure (an image line renders as one).
  imageId: sql<
    string | null
  >`coalesce(${articles.coverImageId}::text, substring(${articles.bodySource} from '/media/([0-9a-f-]{36})'))`,
};

const viewColumns = {
  ...cardColumns,
  bodyHtml: articles.bodyHtml,
  bodySource: articles.bodySource,
  bodyFormat: articles.bodyFormat,
  coverImageId: articles.coverImageId,
  revision: articles.revision,
  scheduledAt: articles.scheduledAt,
  tags: sql<
    string[]
  >`coalesce((select array_agg(t.tag order by t.position) from byline.article_tags t where t.article_id = ${articles.id}), '{}')`,
};

function selectCards(db: Queryable) {
  return db
    .select(cardColumns)
    .from(articles)
    .innerJoin(articleStats, eq(articleStats.articleId, articles.id));
}

/**
 * One article's projection without its counters, from its own row alone —
 * what publishing locks and loads (once; a lock cannot span the join).
 */
export function selectForPublish(db: Queryable) {
  const { stats: _stats, tags: _tags, ...columns } = viewColumns;
  return db.select(columns).from(articles);
}

function selectViews(db: Queryable) {
  return db
    .select(viewColumns)
    .from(articles)
    .innerJoin(articleStats, eq(articleStats.articleId, articles.id));
}

export interface ListFilter {
  readonly channelId?: number;
  readonly authorId?: string;
  /** Only articles older than this cursor (the next page). */
  readonly before?: Cursor;
  /** Only articles published at or after this time. */
  readonly since?: Date;
  readonly excludeIds?: readonly string[];
  /** Only these ids (e.g. search hits). */
  readonly onlyIds?: readonly string[];
  /** Only articles by these creators (/following: the creators a reader follows). */
  readonly authorIds?: readonly string[];
  /** Only articles with this tag (话题 pages), as stored (see normalizeTag). */
  readonly tag?: string;
  readonly limit: number;
}

function publishedWhere(filter: Omit<ListFilter, 'limit'>): SQL | undefined {
  return and(
    eq(articles.status, 'published'),
    filter.channelId !== undefined ? eq(articles.channelId, filter.channelId) : undefined,
    filter.authorId !== undefined ? eq(articles.authorId, filter.authorId) : undefined,
    filter.since ? gte(articles.publishedAt, filter.since) : undefined,
    filter.before
      ? sql`(${articles.publishedAt}, ${articles.id}) < (${filter.before.publishedAt.toISOString()}::timestamptz, ${filter.before.id})`
      : undefined,
    filter.excludeIds?.length ? notInArray(articles.id, [...filter.excludeIds]) : undefined,
    filter.onlyIds ? inArray(articles.id, [...filter.onlyIds]) : undefined,
    filter.authorIds ? inArray(articles.authorId, [...filter.authorIds]) : undefined,
    filter.tag !== undefined
      ? sql`${articles.id} IN (SELECT t.article_id FROM byline.article_tags t WHERE t.tag = ${filter.tag})`
      : undefined,
  );
}

/** Published articles, newest first, one query for the whole list. */
export async function listPublishedArticles(
  db: Queryable,
  filter: ListFilter,
): Promise<ArticleItem[]> {
  // CASE: an empty author list (a reader who follows nobody) matches nothing.
  if (filter.authorIds?.length === 0 || filter.onlyIds?.length === 0) return [];
  const query = selectCards(db).where(publishedWhere(filter));
  // CASE: named ids (hot list, search hits) are re-ordered by the caller; ordering them by time
  // here let the planner walk the whole time index to find them (seconds at 100,000 articles).
  if (filter.onlyIds) return query.orderBy(articles.id).limit(filter.limit);
  return query.orderBy(desc(articles.publishedAt), desc(articles.id)).limit(filter.limit);
}

/** The same, with bodies (feeds carry full content). */
export async function listPublishedArticlesWithBody(
  db: Queryable,
  filter: ListFilter,
): Promise<ArticleRecord[]> {
  return selectViews(db)
    .where(publishedWhere(filter))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(filter.limit);
}

export async function listLatestArticles(db: Queryable, limit: number): Promise<ArticleItem[]> {
  return listPublishedArticles(db, { limit });
}

/**
 * Each channel's newest articles (要闻 blocks), for many channels in one
 * query: a window over the channel index, cut at `perChannel`.
 */
export async function listTopNewsByChannel(
  db: Queryable,
  channelIds: readonly number[],
  perChannel: number,
  excludeIds: readonly string[] = [],
): Promise<Map<number, ArticleItem[]>> {
  const result = new Map<number, ArticleItem[]>(channelIds.map((id) => [id, []]));
  if (channelIds.length === 0) return result;
  // Each channel's newest through its own index (LATERAL … LIMIT), never a window over every article.
  const ids = channelIds.filter((id) => Number.isInteger(id));
  const excluded = excludeIds.length
    ? sql`AND a.id NOT IN (${sql.join(
        excludeIds.map((id) => sql`${id}`),
        sql`, `,
      )})`
    : sql``;
  const picked = sql`SELECT t.id FROM unnest(${sql.raw(`ARRAY[${ids.join(',')}]::int[]`)}) AS c(id)
    CROSS JOIN LATERAL (
      SELECT a.id FROM byline.articles a
      WHERE a.channel_id = c.id AND a.status = 'published' ${excluded}
      ORDER BY a.published_at DESC, a.id DESC
      LIMIT ${perChannel}
    ) t`;
  const rows = await selectCards(db)
    .where(sql`${articles.id} IN (${picked})`)
    .orderBy(articles.channelId, desc(articles.publishedAt), desc(articles.id));
  for (const row of rows) result.get(row.channelId)?.push(row);
  return result;
}

/** Most viewed since a time, then newest (the interim hot list before the ranking job). */
export async function listMostViewedSince(
  db: Queryable,
  since: Date,
  limit: number,
  excludeIds: readonly string[] = [],
): Promise<ArticleItem[]> {
  return selectCards(db)
    .where(publishedWhere({ since, excludeIds }))
    .orderBy(desc(articleStats.views), desc(articles.publishedAt), desc(articles.id))
    .limit(limit);
}

/** Statuses a creator sees of its own work (removed articles are gone for the author too). */
export type OwnArticleStatus = 'draft' | 'scheduled' | 'published' | 'held';

/**
 * An author's own articles in any state but removed, most recently changed
 * first, paged by (updated_at, id): what GET /api/v1/me/articles lists.
 */
export async function listArticlesOfAuthor(
  db: Queryable,
  authorId: string,
  filter: { status?: OwnArticleStatus; before?: Cursor; limit: number },
): Promise<ArticleItem[]> {
  const rows = await selectCards(db)
    .where(
      and(
        eq(articles.authorId, authorId),
        filter.status ? eq(articles.status, filter.status) : sql`${articles.status} <> 'removed'`,
        filter.before
          ? sql`(${articles.updatedAt}, ${articles.id}) < (${filter.before.publishedAt.toISOString()}::timestamptz, ${filter.before.id})`
          : undefined,
      ),
    )
    .orderBy(desc(articles.updatedAt), desc(articles.id))
    .limit(filter.limit);
  return rows;
}

/** Any status; callers decide what a reader may see. */
export async function findArticle(db: Queryable, id: string): Promise<ArticleRecord | undefined> {
  const [row] = await selectViews(db).where(eq(articles.id, id));
  return row;
}

/** A published article, or ARTICLE_NOT_FOUND (404) / ARTICLE_GONE (410). */
export async function getPublishedArticleOrThrow(
  db: Queryable,
  id: string,
): Promise<ArticleRecord> {
  const article = await findArticle(db, id);
  if (
    !article ||
    article.status === 'draft' ||
    article.status === 'scheduled' ||
    article.status === 'held'
  ) {
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

/** Articles by status, and those published since a moment (the admin's dashboard). */
export async function countArticlesByStatus(
  db: Queryable,
  since: Date,
): Promise<{
  published: number;
  publishedSince: number;
  scheduled: number;
  held: number;
  drafts: number;
}> {
  const [row] = await db
    .select({
      published: sql<number>`count(*) FILTER (WHERE ${articles.status} = 'published')::int`,
      publishedSince: sql<number>`count(*) FILTER (WHERE ${articles.status} = 'published' AND ${articles.publishedAt} >= ${since.toISOString()})::int`,
      scheduled: sql<number>`count(*) FILTER (WHERE ${articles.status} = 'scheduled')::int`,
      held: sql<number>`count(*) FILTER (WHERE ${articles.status} = 'held')::int`,
      drafts: sql<number>`count(*) FILTER (WHERE ${articles.status} = 'draft')::int`,
    })
    .from(articles);
  return row ?? { published: 0, publishedSince: 0, scheduled: 0, held: 0, drafts: 0 };
}

/** Ids and change times of published articles in a stable order (sitemaps). */
export async function listArticleUrls(
  db: Queryable,
  offset: number,
  limit: number,
): Promise<{ id: string; updatedAt: Date; publishedAt: Date | null; title: string }[]> {
  return db
    .select({
      id: articles.id,
      updatedAt: articles.updatedAt,
      publishedAt: articles.publishedAt,
      title: articles.title,
    })
    .from(articles)
    .where(eq(articles.status, 'published'))
    .orderBy(articles.publishedAt, articles.id)
    .offset(offset)
    .limit(limit);
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

/** Imported articles by their import id → their id here. */
export async function findArticlesByExternalId(
  db: Queryable,
  externalIds: readonly string[],
): Promise<Map<string, string>> {
  if (externalIds.length === 0) return new Map();
  const rows = await db
    .select({ id: articles.id, externalId: articles.externalId })
    .from(articles)
    .where(inArray(articles.externalId, [...externalIds]));
  return new Map(rows.map((r) => [r.externalId!, r.id]));
}

/** Published imported articles whose import id starts with one of these prefixes (the demo corpus). */
export async function listImportedIds(
  db: Queryable,
  prefixes: readonly string[],
): Promise<{ id: string; externalId: string }[]> {
  const rows = await db
    .select({ id: articles.id, externalId: articles.externalId })
    .from(articles)
    .where(
      and(
        eq(articles.status, 'published'),
        or(...prefixes.map((p) => like(articles.externalId, `${p.replace(/[%_\\]/g, '\\$&')}%`))),
      ),
    );
  return rows.flatMap((r) => (r.externalId ? [{ id: r.id, externalId: r.externalId }] : []));
}

/** The studio list: the author's articles in every state but removed, with counts. */
export async function listStudioArticles(db: Queryable, authorId: string) {
  return db
    .select({
      id: articles.id,
      title: articles.title,
      status: articles.status,
      publishedAt: articles.publishedAt,
      scheduledAt: articles.scheduledAt,
      updatedAt: articles.updatedAt,
      revision: articles.revision,
      views: articleStats.views,
      shares: articleStats.shares,
      comments: articleStats.comments,
      likes: articleStats.likes,
    })
    .from(articles)
    .innerJoin(articleStats, eq(articleStats.articleId, articles.id))
    .where(and(eq(articles.authorId, authorId), ne(articles.status, 'removed')))
    .orderBy(desc(articles.updatedAt))
    .limit(500);
}

/** Articles editors removed recently (restorable), newest removal first. */
export async function listRemovedArticles(
  db: Queryable,
  limit = 20,
): Promise<{ id: string; title: string; removedAt: Date }[]> {
  const rows = await db
    .select({ id: articles.id, title: articles.title, removedAt: articles.removedAt })
    .from(articles)
    .where(and(eq(articles.status, 'removed'), isNotNull(articles.removedAt)))
    .orderBy(desc(articles.removedAt))
    .limit(limit);
  return rows.map((r) => ({ ...r, removedAt: r.removedAt! }));
}
